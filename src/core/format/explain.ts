// What every face says about the number: where each pillar lost its points, which rules did
// not apply and why, the evidence behind the level, and the changes that raise the score most.
// One place, so the CLI, the report and the status bar never disagree.

import { placeOf } from '../place';
import { PILLARS, type EvidenceItem, type Improvement, type PillarId, type RootResult, type RuleOutcome } from '../types';

export interface PillarLoss {
  pillar: PillarId;
  score: number;
  /** Failing rules of the pillar with the pillar points each costs, largest first. */
  rules: Array<{ id: string; points: number; reason: string }>;
}

export function pillarLosses(root: RootResult): PillarLoss[] {
  return PILLARS.map((pillar) => {
    const applicable = root.rules.filter((r) => r.pillar === pillar && r.status !== 'n/a');
    const weight = applicable.reduce((n, r) => n + r.weight, 0);
    const rules = applicable
      .filter((r) => r.status === 'fail' && r.lost > 0)
      .map((r) => ({ id: r.id, points: weight ? pointsOf((100 * r.lost) / weight) : 0, reason: r.reason }))
      .sort((a, b) => b.points - a.points || (a.id < b.id ? -1 : 1));
    return { pillar, score: root.score.pillars[pillar], rules };
  });
}

/** Whole points, or tenths under one: a rule that costs something never reads "−0". */
function pointsOf(points: number): number {
  return points >= 0.95 ? Math.round(points) : Math.max(0.1, Math.round(points * 10) / 10);
}

export function notApplicableRules(root: RootResult): RuleOutcome[] {
  return root.rules.filter((r) => r.status === 'n/a');
}

/** "src/train.py:40" or "notebooks/a.ipynb cell 3:2". */
export const evidencePlace = (e: Pick<EvidenceItem, 'file' | 'line' | 'cell'>): string => placeOf(e);

export function evidenceLine(e: EvidenceItem): string {
  return e.present ? `${e.label}: ${e.detail ?? 'yes'}${e.file ? ` (${evidencePlace(e)})` : ''}` : `${e.label}: not found`;
}

/** "+12.5": what one change gains, as every face writes it. */
export function gain(i: Improvement): string {
  return `+${i.points.toFixed(1)}`;
}

/** "+12.5 container-missing — …", the three best changes. */
export function improvementLines(root: RootResult): string[] {
  return root.score.improvements.map((i) => `${gain(i)} ${i.ruleId} — ${i.title}`);
}

/** Not-applicable rules grouped by their reason: "no Dockerfile in this PoC: dockerfile-root-user, …". */
export function notApplicableByReason(root: RootResult): Array<{ reason: string; ids: string[] }> {
  const groups = new Map<string, string[]>();
  for (const r of notApplicableRules(root)) groups.set(r.reason, [...(groups.get(r.reason) ?? []), r.id]);
  return [...groups].map(([reason, ids]) => ({ reason, ids }));
}
