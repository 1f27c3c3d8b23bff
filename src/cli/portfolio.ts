// `poc-readiness portfolio <dir|report.json|glob>…` — the AI Center of Excellence view. This
// face only gathers one lint report per input (a folder is linted here; a report file comes
// from a repository's own CI) and prints what src/core/portfolio.ts makes of them.

import { parseArgs } from 'node:util';
import * as nodePath from 'node:path';
import { promises as fsp, type Stats } from 'node:fs';
import fg from 'fast-glob';
import { Engine } from '../core/engine';
import { analyzePortfolio, attachHistory, charterOf, inputsFromReport, type Portfolio, type PortfolioInput, type PortfolioRow } from '../core/portfolio';
import { formatPortfolioMarkdown, formatPortfolioText } from '../core/format/portfolio';
import { formatPortfolioHtml } from '../core/format/portfolioHtml';
import { LEVEL_TITLES } from '../core/types';
import { mapLimit } from '../core/walker';
import { repositoryInfo } from '../node/gitInfo';
import { readChartJs } from '../node/chartjs';
import { absolutePosix, NodeFileSystem, toPosix } from '../node/nodeFs';
import { joinDashValues, parseMinScore, UsageError } from './args';
import { toJson } from './format/json';
import { historyOfRepository } from './history';
import { isHistoryReport, type HistoryReport } from '../core/history';

export const PORTFOLIO_HELP = `Usage: poc-readiness portfolio <dir|report.json|glob>... [options]

Every PoC of many repositories in one view: score, level, weakest pillar, stage, age,
overdue decisions, the organisation's KPIs and the five-signal pilot-stagnation diagnosis.
Unreadable or foreign files are skipped with their reason. Inputs are folders (linted here; each may hold several PoC roots), report files written by
\`lint --format json\` (e.g. collected from each repository's CI), history files written by
\`history --format json\` (for trends), or quoted globs of either ("reports/*.json").

Options:
  -f, --format <text|json|markdown|html>  Output format (default: text)
  -o, --output <file>                     Write to a file instead of stdout (html: one offline file)
      --trends                            Compute each git folder's score history (weekly) for trends
      --today <YYYY-MM-DD>                Reference date for ages, 12 weeks, overdue and idle (default: now)
      --min-score <0-100>                 Exit 1 when any PoC scores below this
  -h, --help                              Show this help`;

const GLOB = /[*?[\]{}]/;
const MAX_REPORT_BYTES = 64 * 2 ** 20;

export async function runPortfolio(argv: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: joinDashValues(argv, ['--min-score']),
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f', default: 'text' },
      output: { type: 'string', short: 'o' },
      trends: { type: 'boolean' },
      today: { type: 'string' },
      'min-score': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out(PORTFOLIO_HELP);
    return 0;
  }
  if (!positionals.length) throw new UsageError('portfolio: give at least one folder or report (see portfolio --help)');
  const min = parseMinScore(values['min-score']);
  const format = values.format!;
  if (!['text', 'json', 'markdown', 'html'].includes(format)) throw new UsageError(`portfolio: unknown --format '${format}' (text, json, markdown, html)`);
  if (values.today !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(values.today) || Number.isNaN(Date.parse(values.today)))) throw new UsageError('portfolio: --today must be a date YYYY-MM-DD');
  const today = values.today !== undefined ? new Date(`${values.today}T12:00:00Z`) : new Date();

  const paths: string[] = [];
  for (const arg of positionals) {
    if (!GLOB.test(arg)) {
      paths.push(arg);
      continue;
    }
    const matches = await fg(toPosix(arg), { onlyFiles: false, dot: false, followSymbolicLinks: false, unique: true });
    if (!matches.length) throw new UsageError(`portfolio: no file or folder matches '${arg}'`);
    paths.push(...matches.sort());
  }

  // By label: the same repository twice (two artifacts of one repository) counts once, the newest report.
  const byLabel = new Map<string, { input: PortfolioInput; generatedAt: string }>();
  const add = (found: PortfolioInput[], generatedAt: string) => {
    for (const input of found) {
      const known = byLabel.get(input.poc);
      if (!known || known.generatedAt < generatedAt) byLabel.set(input.poc, { input, generatedAt });
    }
  };
  const histories: HistoryReport[] = [];
  const skipped: Array<[string, string]> = [];
  const skip = (p: string, reason: string) => skipped.push([p, reason]);
  const fs = new NodeFileSystem();
  const now = new Date().toISOString();
  // Reports are read in parallel (a thousand sequential reads wait on the disk a thousand times), then taken in order.
  const loaded = new Array<{ stat?: Stats; text?: string; error?: string }>(paths.length);
  await mapLimit([...paths.keys()], 16, async (i) => {
    const stat = await fsp.stat(paths[i]).catch(() => undefined);
    loaded[i] = { stat };
    if (!stat?.isFile() || stat.size > MAX_REPORT_BYTES) return;
    try {
      loaded[i].text = await fsp.readFile(paths[i], 'utf8');
    } catch (err) {
      loaded[i].error = (err as Error).message;
    }
  });
  for (const [i, p] of paths.entries()) {
    const { stat, text, error } = loaded[i];
    if (!stat) {
      skip(p, 'no such file or folder');
      continue;
    }
    if (stat.isDirectory()) {
      const folder = await lintFolder(fs, p, !!values.trends);
      add(folder.inputs, now);
      if (folder.history) histories.push(folder.history);
      continue;
    }
    // One bad artifact among a thousand must not stop the Monday report: it is skipped with its reason.
    if (stat.size > MAX_REPORT_BYTES) {
      skip(p, `${Math.round(stat.size / 2 ** 20)} MB is too large for a lint report`);
      continue;
    }
    let json: unknown;
    try {
      if (text === undefined) throw new Error(error ?? 'not a file');
      json = JSON.parse(text);
    } catch (err) {
      skip(p, err instanceof SyntaxError ? 'not JSON' : (err as Error).message);
      continue;
    }
    if (isHistoryReport(json)) {
      histories.push(json);
      continue;
    }
    try {
      const generatedAt = (json as { generatedAt?: unknown }).generatedAt;
      add(inputsFromReport(json, reportLabel(json, p)), typeof generatedAt === 'string' ? generatedAt : '');
    } catch (err) {
      skip(p, (err as Error).message);
    }
  }
  const inputs = [...byLabel.values()].map((x) => x.input);
  if (!inputs.length) {
    const [first] = skipped;
    if (skipped.length === 1) throw new UsageError(`portfolio: '${first[0]}' is not a folder or a lint report (${first[1]})`);
    throw new UsageError(`portfolio: no PoC found${first ? `; ${skipped.length} inputs skipped, the first '${first[0]}': ${first[1]}` : ''}`);
  }
  for (const [p, reason] of skipped) process.stderr.write(`poc-readiness portfolio: skipped '${p}': ${reason}\n`);
  for (const h of histories) attachHistory(h, inputs);

  const portfolio = analyzePortfolio(inputs, today);
  const report =
    format === 'json' ? JSON.stringify({ version: 1, generatedAt: today.toISOString(), ...portfolio }, null, 2)
    : format === 'markdown' ? formatPortfolioMarkdown(portfolio, LEVEL_TITLES)
    : format === 'html' ? formatPortfolioHtml(portfolio, { chartJs: await readChartJs(), generatedAt: today.toISOString() })
    : formatPortfolioText(portfolio, LEVEL_TITLES);
  if (values.output) await fsp.writeFile(values.output, report.endsWith('\n') ? report : report + '\n');
  else out(report);
  return exitCode(portfolio, min);
}

function exitCode(portfolio: Portfolio, min: number | undefined): number {
  return min !== undefined && portfolio.pocs.some((r: PortfolioRow) => r.score < min) ? 1 : 0;
}

/** Lints a folder into the very report `lint --format json` writes, so folders and reports aggregate alike. */
async function lintFolder(fs: NodeFileSystem, dir: string, trends: boolean): Promise<{ inputs: PortfolioInput[]; history?: HistoryReport }> {
  const abs = absolutePosix(dir);
  // Scored as of now, like a report written today; --today moves only the portfolio's own dates.
  const engine = new Engine(fs, abs);
  const result = await engine.lintWorkspace();
  const repository = await repositoryInfo(abs);
  const report = toJson(result, { repository, charterOf: (root) => charterOf(engine.manifestData(root)) });
  // Named like its report would be (repository name and path inside it); a folder outside git by its path.
  const label = repository?.name ? reportLabel(report, dir) : toPosix(nodePath.relative(process.cwd(), nodePath.resolve(dir))) || '.';
  const inputs = inputsFromReport(report, label);
  const history = trends && repository ? await historyOfRepository(abs, { every: 'week' }).catch(() => undefined) : undefined;
  return { inputs, history };
}

/** A report is labelled by its repository's name, else by its file name. */
function reportLabel(json: unknown, file: string): string {
  const repo = (json as { repository?: { name?: unknown; path?: unknown } }).repository;
  if (typeof repo?.name !== 'string' || !repo.name.trim()) return nodePath.basename(file).replace(/\.json$/i, '');
  return typeof repo.path === 'string' && repo.path ? `${repo.name.trim()}/${repo.path}` : repo.name.trim();
}
