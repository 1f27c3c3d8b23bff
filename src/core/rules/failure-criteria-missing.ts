import type { RepoRule } from '../rule';
import { isPlaceholder, manifestList } from './util';

export const failureCriteriaMissing: RepoRule = {
  id: 'failure-criteria-missing',
  pillar: 'failure-criteria',
  severity: 'warning',
  weight: 4,
  title: 'No measurable failure criteria agreed in advance',
  scope: 'repository',
  check(ctx, report) {
    const m = ctx.manifest;
    if (m && !m.data) return;
    const criteria = manifestList(m?.data, 'failure_criteria');
    // Measurable: a metric, a threshold and a decide_by date (docs/rules/failure-criteria-missing.md).
    if (criteria.some((c) => c && !isPlaceholder(c.metric) && !isPlaceholder(c.threshold) && !isPlaceholder(c.decide_by instanceof Date ? 'date' : c.decide_by))) return;
    report({
      ...(m ? { file: m.path, range: m.locate(['failure_criteria']) } : {}),
      message: criteria.length
        ? 'Failure criteria are not measurable: each needs a metric, a threshold and a decide_by date so the PoC can be stopped on evidence.'
        : 'No failure criteria: agree before the work when to call the PoC off (failure_criteria with metric, threshold and decide_by), or it will drift into pilot stagnation.',
    });
  },
};
