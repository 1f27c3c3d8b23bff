import type { RepoRule } from '../rule';
import { evidenceAt, hasCode } from './util';

export const monitoringMissing: RepoRule = {
  id: 'monitoring-missing',
  pillar: 'production-data',
  severity: 'info',
  weight: 4,
  title: 'No monitoring of the model or its production data',
  scope: 'repository',
  notApplicable: (ctx) => (hasCode(ctx) ? undefined : 'no Python code or notebooks in this PoC'),
  passReason: (ctx) => evidenceAt(ctx, 'monitoring'),
  check(ctx, report) {
    if (evidenceAt(ctx, 'monitoring')) return;
    report({
      message: 'Nothing watches the model once it runs on production data: no drift detection (Evidently, whylogs, NannyML, Alibi Detect), model monitor (SageMaker, Vertex, Azure ML) or metrics (Prometheus, CloudWatch). Decide what to watch before the pilot goes live.',
    });
  },
};
