import type { RepoRule } from '../rule';
import { manifestAbsent, manifestList } from './util';

export function parseDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const d = new Date(value.slice(0, 10) + 'T23:59:59Z');
  return isNaN(d.getTime()) ? undefined : d;
}

function utcDay(d: Date): number {
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}

export const decisionOverdue: RepoRule = {
  id: 'decision-overdue',
  pillar: 'failure-criteria',
  severity: 'warning',
  weight: 3,
  title: 'A decide-by date has passed and no decision is recorded',
  scope: 'repository',
  notApplicable: (ctx) => manifestAbsent(ctx) ?? (manifestList(ctx.manifest!.data, 'failure_criteria').some((c) => parseDate(c?.decide_by)) ? undefined : 'no decide_by date in poc.yaml'),
  check(ctx, report) {
    const m = ctx.manifest;
    if (!m?.data) return;
    const outcome = m.data.decision && typeof m.data.decision === 'object' ? m.data.decision.outcome : undefined;
    if (outcome && outcome !== 'pending') return;
    // One finding per overdue criterion, at its decide_by date.
    manifestList(m.data, 'failure_criteria').forEach((c, index) => {
      const date = parseDate(c?.decide_by);
      if (!date || date >= ctx.today) return;
      // Calendar days (a date due yesterday is 1 day overdue, whatever the time of day).
      const days = Math.round((utcDay(ctx.today) - utcDay(date)) / 86_400_000);
      const raw = c.decide_by instanceof Date ? c.decide_by.toISOString().slice(0, 10) : String(c.decide_by);
      report({
        file: m.path,
        range: m.locate(['failure_criteria', index, 'decide_by'], true),
        message: `Decision was due ${raw} (${days} day${days === 1 ? '' : 's'} ago) and none is recorded: decide go / no-go / pivot and record it under decision (outcome, date) — this is how pilot stagnation starts.`,
      });
    });
  },
};
