import type { RepoRule } from '../rule';
import { manifestList } from './util';

export const dataRequirementsOpen: RepoRule = {
  id: 'data-requirements-open',
  pillar: 'production-data',
  severity: 'info',
  weight: 2,
  title: 'Data-requirements checklist items still open',
  scope: 'repository',
  notApplicable: (ctx) => (ctx.dataRequirements?.data ? undefined : 'no readable data-requirements checklist (data-requirements-missing speaks)'),
  check(ctx, report) {
    const dr = ctx.dataRequirements;
    if (!dr?.data) return;
    manifestList(dr.data, 'items').forEach((item, i) => {
      const status = item && typeof item === 'object' ? item.status : undefined;
      if (status === 'done' || status === 'n/a') return;
      const id = item && typeof item.id === 'string' ? item.id : `item ${i + 1}`;
      report({
        file: dr.path,
        range: dr.locate(['items', i, status === undefined ? 'id' : 'status']),
        message: `Data requirement '${id}' is still ${status === undefined ? 'without a status' : `'${status}'`}: meet it and record the evidence, or mark it n/a with a reason.`,
      });
    });
  },
};
