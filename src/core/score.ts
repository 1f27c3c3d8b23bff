// Score and maturity level. Per pillar: 100 × (1 − lost / total), where total is the weight of
// the pillar's enabled rules and lost the weight of those that fired (info findings lose half).
// The total is the mean of the pillars weighted by their enabled weight. See README "Score".

import type { Rule } from './rule';
import { LEVELS, PILLARS, type Level, type LevelEvidence, type PillarId, type PillarScores, type Score, type Severity, type SeveritySetting } from './types';

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

const RUNGS: Array<[Level, Array<[keyof LevelEvidence, string]>]> = [
  ['scripted', [['modules', 'importable modules'], ['dependenciesDeclared', 'declared dependencies'], ['dependenciesPinned', 'pinned dependencies'], ['tests', 'tests']]],
  ['pipelined', [['ciRunsTests', 'CI running the tests'], ['containerBuilt', 'CI building the container image'], ['pipelineDefinition', 'a pipeline definition']]],
  ['continuous', [['retrainingAutomated', 'scheduled or triggered retraining'], ['monitoring', 'monitoring'], ['modelRegistry', 'a model registry']]],
];

/** What the next rung still needs, e.g. { level: 'scripted', missing: ['tests', 'pinned dependencies'] }. */
export function nextLevel(level: Level, e: LevelEvidence): { level: Level; missing: string[] } | undefined {
  const next = RUNGS.find(([rung]) => LEVELS.indexOf(rung) === LEVELS.indexOf(level) + 1);
  if (!next) return undefined;
  return { level: next[0], missing: next[1].filter(([key]) => !e[key]).map(([, label]) => label) };
}

/** The highest rung of Manual → Scripted → Pipelined → Continuous whose evidence is all present. */
export function levelOf(e: LevelEvidence): Level {
  const scripted = e.modules && e.dependenciesDeclared && e.dependenciesPinned && e.tests;
  const pipelined = scripted && e.ciRunsTests && e.containerBuilt && e.pipelineDefinition;
  const continuous = pipelined && e.retrainingAutomated && e.monitoring && e.modelRegistry;
  return continuous ? 'continuous' : pipelined ? 'pipelined' : scripted ? 'scripted' : 'manual';
}
