// "The three changes that raise the score most" for the job summary.
// TEMPORARY until the core's ranking lands (issue 9: `score.next` in the JSON report): when the
// report carries `score.next` it is used as is; otherwise the gain is estimated from the
// catalog's weights (fixing a rule wins back the weight it lost, info findings half of it).
// Swap this file for the core function at merge; nothing else depends on the estimate.

import { RULES } from '../core/rules';

export interface JsonFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  file?: string;
  line?: number;
  fingerprint?: string;
  baselineState?: string;
}

export interface JsonRoot {
  root: string;
  score: { total: number; level: string; pillars: Record<string, number>; weakest?: string; next?: unknown };
  findings: JsonFinding[];
}

export interface Change {
  ruleId: string;
  /** Points the total would gain, estimated or from the core. */
  gain: number;
  /** What to do, in one line. */
  action: string;
}

export function topChanges(root: JsonRoot, n = 3): Change[] {
  const fromCore = coreNext(root.score.next);
  if (fromCore) return fromCore.slice(0, n);
  const totalWeight = RULES.reduce((sum, r) => sum + r.weight, 0);
  const byRule = new Map<string, JsonFinding>();
  for (const f of root.findings) {
    const seen = byRule.get(f.ruleId);
    if (!seen || (seen.severity === 'info' && f.severity !== 'info')) byRule.set(f.ruleId, f);
  }
  const changes: Change[] = [];
  for (const [ruleId, f] of byRule) {
    const rule = RULES.find((r) => r.id === ruleId);
    if (!rule) continue;
    const lost = f.severity === 'info' ? rule.weight / 2 : rule.weight;
    changes.push({ ruleId, gain: Math.round((100 * lost) / totalWeight), action: rule.title });
  }
  return changes.sort((a, b) => b.gain - a.gain || (a.ruleId < b.ruleId ? -1 : 1)).slice(0, n);
}

/** Reads the core's list when present: [{ ruleId, gain, ... }] with a title or message. */
function coreNext(next: unknown): Change[] | undefined {
  if (!Array.isArray(next) || !next.length) return undefined;
  const out: Change[] = [];
  for (const item of next) {
    if (!item || typeof item !== 'object') continue;
    const o = item as Record<string, unknown>;
    const ruleId = typeof o.ruleId === 'string' ? o.ruleId : typeof o.rule === 'string' ? o.rule : '';
    const gain = typeof o.gain === 'number' ? o.gain : typeof o.points === 'number' ? o.points : 0;
    const action = typeof o.title === 'string' ? o.title : typeof o.message === 'string' ? o.message : typeof o.action === 'string' ? o.action : ruleId;
    if (ruleId || action) out.push({ ruleId, gain, action });
  }
  return out.length ? out : undefined;
}
