// The readiness report as the editor shows it (PoC: Show Readiness Report, a Markdown preview):
// grouped by pillar, then by rule with its count and the points it costs, each finding a link
// to its place. No tables (a narrow preview would scroll sideways) and no emoji (words read the
// same in every font). The CLI's `--format markdown` (markdown.ts) keeps its own contract.

import { placeOf } from '../place';
import { docsUrl } from '../rule';
import { escapeControl } from '../text';
import { LEVEL_TITLES, PILLAR_TITLES, type Finding, type LintResult } from '../types';
import { evidenceLine, gain, notApplicableRules, pillarLosses } from './explain';

/** The link target of a finding's place (a file URI with `#L3`, say), or undefined for plain text. */
export type PlaceLink = (place: { root: string; file: string; line?: number; cell?: number }) => string | undefined;

export function formatEditorReport(result: LintResult, title: string, link: PlaceLink = () => undefined): string {
  const out: string[] = [];
  for (const root of result.roots) {
    const s = root.score;
    const name = escapeControl(root.root === '.' ? title : `${title}/${root.root}`).replace(/`/g, "'");
    out.push(`## PoC Readiness — \`${name}\`: ${s.total}% · ${LEVEL_TITLES[s.level]}`, '');
    const next = s.next?.missing.length ? ` Next level, ${LEVEL_TITLES[s.next.level]}, needs: ${s.next.missing.join(', ')}.` : '';
    out.push(`Weakest pillar: **${PILLAR_TITLES[s.weakest]}** (${s.pillars[s.weakest]}%). ${root.findings.length} finding${root.findings.length === 1 ? '' : 's'}.${next}`, '');
    if (s.improvements.length) {
      out.push('**The changes that raise the score most**', '');
      for (const i of s.improvements) out.push(`- ${gain(i)} points: [${i.ruleId}](${docsUrl(i.ruleId)}): ${text(i.title)}`);
      out.push('');
    }
    for (const p of pillarLosses(root)) {
      const own = root.findings.filter((f) => f.pillar === p.pillar);
      out.push(`### ${PILLAR_TITLES[p.pillar]}: ${p.score}%`, '');
      if (!own.length) {
        out.push('No findings.', '');
        continue;
      }
      const lost = new Map(p.rules.map((r) => [r.id, r.points]));
      const rules = [...new Set(own.map((f) => f.ruleId))].sort((a, b) => (lost.get(b) ?? 0) - (lost.get(a) ?? 0) || a.localeCompare(b));
      for (const ruleId of rules) {
        const findings = own.filter((f) => f.ruleId === ruleId);
        const points = lost.get(ruleId);
        const severity = [...new Set(findings.map((f) => f.severity))].join(', ');
        const count = `${findings.length} finding${findings.length === 1 ? '' : 's'}`;
        out.push(`**[${ruleId}](${docsUrl(ruleId)})** · ${severity} · ${count}${points ? ` · −${points} points` : ''}`, '');
        for (const f of findings) out.push(`- ${place(f, root.root, link)}${text(f.message)}`);
        out.push('');
      }
    }
    out.push('### Evidence behind the level', '');
    for (const e of s.evidence) out.push(`- ${LEVEL_TITLES[e.level]}, ${e.present ? 'found' : 'missing'}: ${text(evidenceLine(e))}`);
    out.push('');
    const na = notApplicableRules(root);
    if (na.length) {
      out.push(`<details><summary>Not applicable (${na.length})</summary>`, '');
      for (const r of na) out.push(`- \`${r.id}\`: ${text(r.reason)}`);
      out.push('', '</details>', '');
    }
  }
  if (result.outside?.length) {
    const n = result.outside.length;
    out.push('## Outside every PoC root', '', `${n} finding${n === 1 ? '' : 's'} in files no poc.yaml covers: shown, not scored.`, '');
    for (const f of result.outside) out.push(`- ${place(f, '.', link)}${text(f.message)} ([${f.ruleId}](${docsUrl(f.ruleId)}))`);
    out.push('');
  }
  return out.join('\n');
}

/** "[notebooks/eda.ipynb cell 3:4](…): ", as every face names a place; nothing for a repository finding. */
function place(f: Finding, root: string, link: PlaceLink): string {
  if (!f.file) return '';
  const label = placeOf(f);
  const target = link({ root, file: f.file, line: f.line, cell: f.cell });
  return target ? `[${text(label)}](<${target.replace(/[<>]/g, encodeURIComponent)}>): ` : `${text(label)}: `;
}

/**
 * Text from rules and the repository, shown as written: Markdown's emphasis, link and HTML
 * characters are escaped outside `code spans` (`test_*.py` stays literal, `<version>` visible).
 */
function text(s: string): string {
  return escapeControl(s)
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 ? part : part.replace(/[\\*_[\]<>#|~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`))))
    .join('');
}
