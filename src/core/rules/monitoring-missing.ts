import { positiveEvidenceRule } from './util';

export const monitoringMissing = positiveEvidenceRule(
  { id: 'monitoring-missing', pillar: 'production-data', severity: 'info', weight: 4, title: 'No monitoring of the model or its production data' },
  'monitoring',
  'Nothing watches the model once it runs on production data: no drift detection (Evidently, whylogs, NannyML, Alibi Detect), model monitor (SageMaker, Vertex, Azure ML) or metrics (Prometheus, CloudWatch). Decide what to watch before the pilot goes live.',
);
