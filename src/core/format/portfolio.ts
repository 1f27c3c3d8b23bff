// The portfolio as a terminal table and as Markdown: the verdict and its five signals first
// (what a platform lead reads on Monday), then the KPIs, then one row per PoC.

import { UNIT_COVERAGE_TARGET, type Portfolio, type PortfolioRow, type Signal } from '../portfolio';
import type { Level } from '../types';

const HEADER = ['PoC', 'Score', 'Level', 'Weakest pillar', 'Stage', 'Age', 'Trend 30d', 'Findings', 'Decision'];

function cells(r: PortfolioRow, levels: Record<Level, string>): string[] {
  const delta = r.trend?.delta30;
  return [
    r.poc,
    `${r.score}%`,
    levels[r.level],
    `${r.weakest} (${r.weakestScore}%)`,
    r.stage ?? '-',
    r.ageDays === null ? '-' : `${Math.floor(r.ageDays / 7)}w${r.past12Weeks ? ' >12w' : ''}`,
    delta === undefined || delta === null ? '-' : `${delta > 0 ? '+' : ''}${delta}`,
    String(r.findings),
    r.overdue ? 'OVERDUE' : r.decision ?? '',
  ];
}

/** The verdict and its signals as lines (shared by the text and Markdown forms). */
export function verdictLines(p: Portfolio, bullet: string): string[] {
  const s = p.diagnosis.stagnation;
  const lines = [`${s.likely ? 'Pilot stagnation likely' : 'Pilot stagnation not indicated'}: ${s.holding} of 5 signals hold (3 or more: likely).`];
  for (const signal of s.signals) {
    const who = signal.evidence.slice(0, 5).map((e) => e.poc).join(', ') + (signal.evidence.length > 5 ? `, … ${signal.evidence.length - 5} more` : '');
    lines.push(`${bullet}${signal.holds ? '[x]' : '[ ]'} ${signal.title} (${signal.id}): ${shareText(signal)}${who ? ` — ${who}` : ''}`);
  }
  return lines;
}

/** none-in-production counts running PoCs (active and in production); the others, active PoCs. */
export function shareText(signal: Signal): string {
  return `${Math.round(signal.share * 100)}% of ${signal.id === 'none-in-production' ? 'running PoCs not in production' : 'active PoCs'}`;
}

export function kpiLines(p: Portfolio, bullet: string): string[] {
  const k = p.diagnosis.kpis;
  const stages = Object.entries(k.pocsByStage).filter(([, n]) => n > 0).map(([stage, n]) => `${stage} ${n}`).join(', ');
  const cov = k.unitCoverage;
  return [
    `${bullet}PoCs per stage: ${stages || 'none'}`,
    `${bullet}Production use cases: ${k.inProduction}`,
    `${bullet}Active PoCs past 12 weeks without a go / no-go: ${k.past12Weeks} of ${k.active}; overdue decisions: ${k.overdue}`,
    `${bullet}Median time from start to a go decision: ${k.medianDaysToGo === null ? 'no go decision recorded' : `${k.medianDaysToGo} days (target: within 12 weeks = 84 days)`}`,
    `${bullet}Business units with a PoC in production: ${cov.share === null ? 'no unit named (business_owner.unit)' : `${cov.withProduction} of ${cov.units} (${Math.round(cov.share * 100)}%; target ${UNIT_COVERAGE_TARGET * 100}%+)`}`,
  ];
}

export function formatPortfolioText(p: Portfolio, levels: Record<Level, string>): string {
  const table = [HEADER, ...p.pocs.map((r) => cells(r, levels))];
  const widths = HEADER.map((_, i) => Math.max(...table.map((row) => row[i].length)));
  const lines = table.map((row) => row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const overdue = p.pocs.filter((r) => r.overdue).length;
  lines.push('', `${p.pocs.length} PoC${p.pocs.length === 1 ? '' : 's'}; ${overdue} with an overdue go/no-go decision.`, '');
  lines.push(...verdictLines(p, '  '), '', ...kpiLines(p, '  '));
  return lines.join('\n');
}

export function formatPortfolioMarkdown(p: Portfolio, levels: Record<Level, string>): string {
  const lines = [`## ${verdictLines(p, '')[0]}`, '', ...verdictLines(p, '- ').slice(1), '', '### KPIs', '', ...kpiLines(p, '- '), '', '### PoCs', ''];
  lines.push(`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => '---').join('|')}|`);
  for (const r of p.pocs) {
    const row = cells(r, levels).map((c) => c.replace(/\|/g, '\\|'));
    if (r.url) row[0] = `[${row[0]}](${r.url})`;
    lines.push(`| ${row.join(' | ')} |`);
  }
  return lines.join('\n');
}
