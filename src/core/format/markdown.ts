// A report to paste into a pull request.

import { docsUrl } from '../rule';
import { evidenceLine, gain, notApplicableRules, pillarLosses } from './explain';
import { escapeControl } from '../text';
import { LEVEL_TITLES, PILLAR_TITLES, type Finding, type LintResult } from '../types';

const ICON = { error: '🔴', warning: '🟠', info: '🔵' } as const;

export function formatMarkdown(result: LintResult, title: string): string {
  const out: string[] = [];
  for (const root of result.roots) {
    const s = root.score;
    const name = escapeControl(root.root === '.' ? title : `${title}/${root.root}`).replace(/`/g, "'");
    out.push(`## PoC Readiness — \`${name}\`: ${s.total}% · ${LEVEL_TITLES[s.level]}`, '');
    out.push(`Weakest pillar: **${PILLAR_TITLES[s.weakest]}** (${s.pillars[s.weakest]}%)`, '');
    const next = s.next;
    if (next?.missing.length) out.push(`Next level, ${LEVEL_TITLES[next.level]}, needs: ${next.missing.join(', ')}.`, '');
    out.push('| Pillar | Score | Points lost to |', '|---|---:|---|');
    for (const p of pillarLosses(root)) {
      const lost = p.rules.map((r) => `[${r.id}](${docsUrl(r.id)}) −${r.points}`).join(', ') || '—';
      out.push(`| ${PILLAR_TITLES[p.pillar]} (\`${p.pillar}\`) | ${p.score}% | ${lost} |`);
    }
    out.push('');
    if (s.improvements.length) {
      out.push('**The changes that raise the score most**', '');
      for (const i of s.improvements) out.push(`- ${gain(i)} points: [${i.ruleId}](${docsUrl(i.ruleId)}) — ${i.title}`);
      out.push('');
    }
    out.push('**Evidence behind the level**', '');
    for (const e of s.evidence) out.push(`- ${e.present ? '✔' : '✘'} ${LEVEL_TITLES[e.level]}: ${evidenceLine(e).replace(/\|/g, '\\|')}`);
    out.push('');
    const na = notApplicableRules(root);
    if (na.length) {
      out.push('<details><summary>Not applicable (' + na.length + ')</summary>', '');
      for (const r of na) out.push(`- \`${r.id}\`: ${r.reason}`);
      out.push('', '</details>', '');
    }
    if (!root.findings.length) {
      out.push('No findings. ✅', '');
      continue;
    }
    out.push(...findingsTable(root.findings));
  }
  if (result.outside?.length) {
    out.push('## Outside every PoC root', '', 'Findings in files no `poc.yaml` covers: reported, not scored.', '');
    out.push(...findingsTable(result.outside));
  }
  return out.join('\n');
}

function findingsTable(findings: readonly Finding[]): string[] {
  const out = [`| | Rule | Where | Finding |`, '|---|---|---|---|'];
  for (const f of findings) {
    const where = f.file ? `\`${inCode(f.file)}${f.cell !== undefined ? ` cell ${f.cell + 1}` : ''}${f.line ? `:${f.line}` : ''}\`` : '_repository_';
    out.push(`| ${ICON[f.severity]} | [${f.ruleId}](${docsUrl(f.ruleId)}) | ${where} | ${inCell(f.message)} |`);
  }
  out.push('');
  return out;
}

/** Text from the repository inside a table cell: no line breaks or control characters, no column break. */
function inCell(s: string): string {
  return escapeControl(s).replace(/\|/g, '\\|');
}

/** A file name inside `code`: a backtick would end the span early, so it becomes a quote. */
function inCode(s: string): string {
  return inCell(s).replace(/`/g, "'");
}
