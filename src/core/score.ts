// Score and maturity level. Per pillar: 100 × (1 − lost / total), where total is the weight of
// the pillar's enabled rules and lost the weight of those that fired (info findings lose half).
// The total is the mean of the pillars weighted by their enabled weight. See README "Score".

import type { Rule } from './rule';
import { PILLARS, type Level, type LevelEvidence, type PillarId, type PillarScores, type Score, type Severity, type SeveritySetting } from './types';

export function computeScore(
  rules: readonly Rule[],
  severityOf: (rule: Rule) => SeveritySetting,
  fired: ReadonlyMap<string, Severity>,
  evidence: LevelEvidence,
): Score {
  const total: Record<PillarId, number> = { 'production-data': 0, 'code-quality': 0, 'abstract-infrastructure': 0, 'business-involvement': 0, 'failure-criteria': 0 };
  const lost = { ...total };
  for (const rule of rules) {
    if (severityOf(rule) === 'off') continue;
    total[rule.pillar] += rule.weight;
    const worst = fired.get(rule.id);
    if (worst) lost[rule.pillar] += worst === 'info' ? rule.weight / 2 : rule.weight;
  }
  const pillars = {} as PillarScores;
  let weighted = 0;
  let weights = 0;
  for (const p of PILLARS) {
    pillars[p] = total[p] > 0 ? Math.round(100 * (1 - lost[p] / total[p])) : 100;
    weighted += total[p] > 0 ? 100 * (1 - lost[p] / total[p]) * total[p] : 0;
    weights += total[p];
  }
  let weakest: PillarId = PILLARS[0];
  for (const p of PILLARS) if (pillars[p] < pillars[weakest]) weakest = p;
  return { total: weights > 0 ? Math.round(weighted / weights) : 100, level: levelOf(evidence), pillars, weakest };
}

/** The highest rung of Manual → Scripted → Pipelined → Continuous whose evidence is all present. */
export function levelOf(e: LevelEvidence): Level {
  const scripted = e.modules && e.dependenciesDeclared && e.dependenciesPinned && e.tests;
  const pipelined = scripted && e.ciRunsTests && e.containerBuilt && e.pipelineDefinition;
  const continuous = pipelined && e.retrainingAutomated && e.monitoring && e.modelRegistry;
  return continuous ? 'continuous' : pipelined ? 'pipelined' : scripted ? 'scripted' : 'manual';
}
