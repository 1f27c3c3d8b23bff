// Score: evidence, not the absence of findings. Every rule ends, per PoC root, in pass, fail
// or not applicable (its subject does not exist), as OpenSSF Scorecard's checks do.
//
//   pillar(p) = 100 × (1 − lost(p) / weight(p))   over the applicable, enabled rules of p
//   total     = mean of the pillars that have an applicable rule (the five principles weigh the same)
//
// lost is a rule's weight when it fails (half at info severity; a share for partial failures such
// as 2 unpinned lines of 35). See docs/score.md for the weights and worked examples.

import type { Rule, RepoContext } from './rule';
import { levelOf, nextLevel } from './level';
import { placeOf } from './place';
import { PILLARS, type EvidenceItem, type Finding, type Improvement, type PillarId, type PillarScores, type RuleOutcome, type Score, type SeveritySetting } from './types';
import type { FileKind } from './parsed';

export function ruleOutcomes(
  rules: readonly Rule[],
  ctx: RepoContext,
  severityOf: (rule: Rule) => SeveritySetting,
  findings: readonly Finding[],
): RuleOutcome[] {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  return rules.map((rule): RuleOutcome => {
    const base = { id: rule.id, pillar: rule.pillar };
    const severity = severityOf(rule);
    if (severity === 'off') return { ...base, status: 'n/a', weight: 0, lost: 0, reason: 'switched off in the configuration' };
    const fired = byRule.get(rule.id) ?? [];
    const na = rule.notApplicable ? rule.notApplicable(ctx) : rule.scope === 'file' ? absentKinds(ctx, rule.kinds) : undefined;
    // A finding always counts: a rule that found something applies, whatever its subject test says.
    if (na !== undefined && !fired.length) return { ...base, status: 'n/a', weight: 0, lost: 0, reason: na };
    if (!fired.length) return { ...base, status: 'pass', weight: rule.weight, lost: 0, reason: rule.passReason?.(ctx) ?? 'no finding' };
    const worst = fired.some((f) => f.severity !== 'info') ? 1 : 0.5;
    const share = rule.failShare ? Math.min(1, Math.max(0, rule.failShare(ctx))) : 1;
    return { ...base, status: 'fail', weight: rule.weight, lost: round2(rule.weight * worst * share), reason: failReason(fired) };
  });
}

export function computeScore(outcomes: readonly RuleOutcome[], evidence: EvidenceItem[], titles: ReadonlyMap<string, string> = new Map()): Score {
  const { pillars, total, weakest } = pillarScores(outcomes);
  const level = levelOf(evidence);
  const improvements: Improvement[] = outcomes
    .filter((o) => o.status === 'fail' && o.lost > 0)
    .map((o) => ({ ruleId: o.id, pillar: o.pillar, points: Math.round(10 * (pillarScores(outcomes, o.id).exact - total.exact)) / 10, title: titles.get(o.id) ?? o.id }))
    .sort((a, b) => b.points - a.points || (a.ruleId < b.ruleId ? -1 : 1))
    .slice(0, 3);
  const next = nextLevel(level, evidence);
  return { total: total.rounded, level, pillars, weakest, evidence, ...(next ? { next } : {}), improvements };
}

/** Pillar scores and the total; `fixed` names a rule counted as passing (what-if for improvements). */
function pillarScores(outcomes: readonly RuleOutcome[], fixed?: string): { pillars: PillarScores; total: { exact: number; rounded: number }; weakest: PillarId; exact: number } {
  const weight = Object.fromEntries(PILLARS.map((p) => [p, 0])) as Record<PillarId, number>;
  const lost = { ...weight };
  for (const o of outcomes) {
    if (o.status === 'n/a') continue;
    weight[o.pillar] += o.weight;
    if (o.id !== fixed) lost[o.pillar] += o.lost;
  }
  const pillars = {} as PillarScores;
  let sum = 0;
  let counted = 0;
  let weakest: PillarId | undefined;
  for (const p of PILLARS) {
    const exact = weight[p] > 0 ? 100 * (1 - lost[p] / weight[p]) : 100;
    pillars[p] = Math.round(exact);
    if (weight[p] > 0) {
      sum += exact;
      counted++;
      if (!weakest || pillars[p] < pillars[weakest]) weakest = p;
    }
  }
  const exact = counted ? sum / counted : 100;
  return { pillars, total: { exact, rounded: Math.round(exact) }, weakest: weakest ?? PILLARS[0], exact };
}

const KIND_LABELS: Partial<Record<FileKind, string>> = {
  dockerfile: 'Dockerfile',
  notebook: 'notebooks',
  python: 'Python code',
  requirements: 'requirements files',
  yaml: 'YAML',
  toml: 'TOML',
  json: 'JSON',
  jenkinsfile: 'Jenkinsfile',
};

/** Why a file rule has nothing to look at: no file of its kinds in the root. */
function absentKinds(ctx: RepoContext, kinds: readonly FileKind[]): string | undefined {
  if (ctx.files.some((f) => kinds.includes(f.kind))) return undefined;
  const named = kinds.map((k) => KIND_LABELS[k]).filter((l): l is string => !!l);
  if (named.length !== kinds.length || named.length > 5) return 'no code or configuration files in this PoC';
  return `no ${named.length > 1 ? `${named.slice(0, -1).join(', ')} or ${named[named.length - 1]}` : named[0]} in this PoC`;
}

function failReason(fired: readonly Finding[]): string {
  const first = fired[0];
  const where = first.file ? ` (first: ${placeOf(first)})` : '';
  const gist = first.message.split(/(?<=[a-z0-9')`])[.:] /i)[0].slice(0, 140);
  return `${fired.length} finding${fired.length === 1 ? '' : 's'}${where}: ${gist}`;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
