// What a person reads in a terminal: findings grouped by file, a summary per PoC root.
// Colours only on a TTY (picocolors honours NO_COLOR / FORCE_COLOR). Notebook cells are
// numbered from 1 here, like lines (the JSON `cell` field is the 0-based index).

import pc from 'picocolors';
import { evidenceLine, improvementLines, notApplicableByReason, pillarLosses } from '../../core/format/explain';
import { escapeControl } from '../../core/text';
import { LEVEL_TITLES, LEVELS, PILLARS, type Finding, type LintResult, type RootResult } from '../../core/types';

export interface TextOptions {
  /** Prefix that turns workspace-relative paths into paths the terminal can open. */
  displayRoot: string;
  verbose: boolean;
  color: boolean;
}

export function formatText(result: LintResult, opts: TextOptions): string {
  const c = pc.createColors(opts.color);
  const out: string[] = [];
  const sev = (s: Finding['severity']) => (s === 'error' ? c.red('error  ') : s === 'warning' ? c.yellow('warning') : c.blue('info   '));
  // Names and messages come from the repository: escaped, so none can colour the terminal or forge a line.
  const where = (path: string) =>
    escapeControl(opts.displayRoot === '.' ? path : path === '.' ? opts.displayRoot : `${opts.displayRoot.replace(/\/$/, '')}/${path}`);
  const say = escapeControl;

  /** Findings grouped by file, in order; returns the repository findings (no file). */
  const listByFile = (findings: readonly Finding[]): Finding[] => {
    const byFile = new Map<string, Finding[]>();
    for (const f of findings) {
      const key = f.file ?? '';
      if (!byFile.has(key)) byFile.set(key, []);
      byFile.get(key)!.push(f);
    }
    const repo = byFile.get('') ?? [];
    byFile.delete('');
    for (const [file, inFile] of byFile) {
      out.push(c.underline(where(file)));
      for (const f of inFile) {
        const pos = f.line ? `${f.cell !== undefined ? `cell ${f.cell + 1}, ` : ''}${f.line}:${f.column}` : '';
        out.push(`  ${c.dim(pos.padEnd(14))} ${sev(f.severity)}  ${say(f.message)}  ${c.dim(f.ruleId)}${baselinedTag(f, c)}`);
      }
      out.push('');
    }
    return repo;
  };

  for (const root of result.roots) {
    const repo = listByFile(root.findings);
    const label = root.root === '.' ? where('.') : where(root.root);
    if (repo.length) {
      out.push(c.underline(`${label} ${c.dim('(repository)')}`));
      for (const f of repo) out.push(`  ${sev(f.severity)}  ${say(f.message)}  ${c.dim(f.ruleId)}${baselinedTag(f, c)}`);
      out.push('');
    }
    out.push(summaryLine(root, label, c));
    out.push(...explanation(root, c, opts.verbose));
    out.push('');
  }
  if (result.outside?.length) {
    listByFile(result.outside);
    const n = result.outside.length;
    const baselined = result.outside.filter((f) => f.baselineState === 'unchanged').length;
    out.push(`${c.bold('Outside every PoC root')}: ${n} finding${n === 1 ? '' : 's'} in files no poc.yaml covers (${severityCounts(result.outside)})${baselined ? `, ${baselined} baselined` : ''}; not scored.`, '');
  }
  if (opts.verbose && result.skipped.length) {
    out.push(c.dim(`Skipped ${result.skipped.length} path(s):`));
    for (const s of result.skipped) out.push(c.dim(`  ${where(s.path)}: ${say(s.reason)}`));
    out.push('');
  } else if (result.skipped.length) {
    // Say that something was not linted, and why in short; --verbose names each path.
    const kinds = new Map<string, number>();
    for (const s of result.skipped) {
      const kind = /^(oversized|binary|unreadable|virtualenv|symlink|broken symlink)/.exec(s.reason)?.[1] ?? s.reason.split(/[:(]/)[0].trim();
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    const list = say([...kinds].map(([k, n]) => `${n} ${k}`).join(', '));
    out.push(c.dim(`Not linted: ${result.skipped.length} path${result.skipped.length === 1 ? '' : 's'} (${list}); --verbose lists them.`), '');
  }
  return out.join('\n');
}

/** Baselined findings stay listed (the debt is visible) but say they do not fail the gate. */
function baselinedTag(f: Finding, c: ReturnType<typeof pc.createColors>): string {
  return f.baselineState === 'unchanged' ? ` ${c.dim('(baselined)')}` : '';
}

function nextLevelLine(root: RootResult, c: ReturnType<typeof pc.createColors>): string[] {
  const next = root.score.next;
  return next?.missing.length ? [c.dim(`  ${LEVEL_TITLES[next.level]} needs: ${next.missing.join(', ')}`)] : [];
}

/** Why the number is what it is: pillar losses, level evidence, the best changes, what did not apply. */
function explanation(root: RootResult, c: ReturnType<typeof pc.createColors>, verbose: boolean): string[] {
  const out: string[] = [];
  const losses = pillarLosses(root).filter((p) => p.rules.length);
  if (losses.length) {
    out.push(c.dim('  Points lost:'));
    for (const p of losses) out.push(c.dim(`    ${p.pillar} ${p.score}: ${p.rules.map((r) => `${r.id} −${r.points}`).join(', ')}`));
  }
  const reached = LEVELS.indexOf(root.score.level);
  const shown = root.score.evidence.filter((e) => verbose || e.present || LEVELS.indexOf(e.level) === reached + 1);
  if (shown.length) {
    out.push(c.dim('  Level evidence:'));
    for (const e of shown) out.push(c.dim(`    ${e.present ? '+' : '-'} ${LEVEL_TITLES[e.level]}: ${evidenceLine(e)}`));
  }
  const best = improvementLines(root);
  if (best.length) out.push(`  Raise the score most: ${best.join('; ')}`);
  const na = notApplicableByReason(root);
  if (na.length) {
    out.push(c.dim('  Not applicable:'));
    for (const g of na) out.push(c.dim(`    ${g.reason}: ${g.ids.join(', ')}`));
  }
  return out;
}

function summaryLine(root: RootResult, label: string, c: ReturnType<typeof pc.createColors>): string {
  const baselined = root.findings.filter((f) => f.baselineState === 'unchanged').length;
  const s = root.score;
  const total = s.total >= 80 ? c.green(`${s.total}%`) : s.total >= 50 ? c.yellow(`${s.total}%`) : c.red(`${s.total}%`);
  const pillars = PILLARS.map((p) => `${p} ${s.pillars[p]}`).join(' · ');
  return [
    `${c.bold(label)}: ${root.findings.length} finding${root.findings.length === 1 ? '' : 's'} (${severityCounts(root.findings)})${baselined ? `, ${baselined} baselined` : ''}`,
    `Readiness ${c.bold(total)} · level ${c.bold(LEVEL_TITLES[s.level])} · weakest pillar: ${c.bold(s.weakest)} (${s.pillars[s.weakest]}%)`,
    ...nextLevelLine(root, c),
    c.dim(`  ${pillars}`),
  ].join('\n');
}

function severityCounts(findings: readonly Finding[]): string {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return `${counts.error} errors, ${counts.warning} warnings, ${counts.info} info`;
}
