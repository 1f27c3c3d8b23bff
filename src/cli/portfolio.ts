// `poc-readiness portfolio <dir>…` — the AI Center of Excellence view: every PoC of many
// repositories in one table, with the decisions that are overdue (pilot stagnation).

import { parseArgs } from 'node:util';
import * as nodePath from 'node:path';
import { Engine } from '../core/engine';
import { LEVEL_TITLES } from '../core/types';
import { absolutePosix, NodeFileSystem, toPosix } from '../node/nodeFs';
import { joinDashValues, parseMinScore, UsageError } from './args';

export const PORTFOLIO_HELP = `Usage: poc-readiness portfolio <dir>... [options]

Lints each folder (each may hold several PoC roots) and prints one row per PoC.

Options:
  -f, --format <text|json|markdown>  Output format (default: text)
      --min-score <0-100>            Exit 1 when any PoC scores below this
  -h, --help                         Show this help`;

export interface PortfolioRow {
  poc: string;
  score: number;
  level: string;
  weakest: string;
  weakestScore: number;
  findings: number;
  overdue: boolean;
}

export async function runPortfolio(argv: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: joinDashValues(argv, ['--min-score']),
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      'min-score': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out(PORTFOLIO_HELP);
    return 0;
  }
  if (!positionals.length) throw new UsageError('portfolio: give at least one folder (see portfolio --help)');
  const min = parseMinScore(values['min-score']);
  const format = values.format!;
  if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError(`portfolio: unknown --format '${format}' (text, json, markdown)`);
  const rows: PortfolioRow[] = [];
  const fs = new NodeFileSystem();
  for (const dir of positionals) {
    const abs = absolutePosix(dir);
    const st = await fs.stat(abs).catch(() => undefined);
    if (!st) throw new UsageError(`portfolio: cannot read '${dir}': no such folder`);
    if (st.type !== 'directory') throw new UsageError(`portfolio: '${dir}' is not a folder (portfolio lints repository folders)`);
    const result = await new Engine(fs, abs).lintWorkspace();
    const label = toPosix(nodePath.relative(process.cwd(), nodePath.resolve(dir))) || '.';
    for (const r of result.roots) {
      rows.push({
        poc: r.root === '.' ? label : `${label}/${r.root}`,
        score: r.score.total,
        level: r.score.level,
        weakest: r.score.weakest,
        weakestScore: r.score.pillars[r.score.weakest],
        findings: r.findings.length,
        overdue: r.findings.some((f) => f.ruleId === 'decision-overdue'),
      });
    }
  }
  rows.sort((a, b) => a.score - b.score || a.poc.localeCompare(b.poc));
  if (format === 'json') out(JSON.stringify({ version: 1, pocs: rows }, null, 2));
  else if (format === 'markdown') out(markdownTable(rows));
  else out(textTable(rows));
  return min !== undefined && rows.some((r) => r.score < min) ? 1 : 0;
}

function cells(r: PortfolioRow): string[] {
  return [r.poc, `${r.score}%`, LEVEL_TITLES[r.level as keyof typeof LEVEL_TITLES], `${r.weakest} (${r.weakestScore}%)`, String(r.findings), r.overdue ? 'OVERDUE' : ''];
}

const HEADER = ['PoC', 'Score', 'Level', 'Weakest pillar', 'Findings', 'Decision'];

function textTable(rows: PortfolioRow[]): string {
  const table = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const lines = table.map((row) => row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const overdue = rows.filter((r) => r.overdue).length;
  lines.push('', `${rows.length} PoC${rows.length === 1 ? '' : 's'}; ${overdue} with an overdue go/no-go decision.`);
  return lines.join('\n');
}

function markdownTable(rows: PortfolioRow[]): string {
  const lines = [`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${cells(r).join(' | ')} |`);
  return lines.join('\n');
}
