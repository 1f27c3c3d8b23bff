import type { RepoRule } from '../rule';
import { evidenceAt, hasCode } from './util';

export const modelRegistryMissing: RepoRule = {
  id: 'model-registry-missing',
  pillar: 'abstract-infrastructure',
  severity: 'info',
  weight: 4,
  title: 'Models are files, not versions in a registry',
  scope: 'repository',
  notApplicable: (ctx) => (hasCode(ctx) ? undefined : 'no Python code or notebooks in this PoC'),
  passReason: (ctx) => evidenceAt(ctx, 'registry'),
  check(ctx, report) {
    if (evidenceAt(ctx, 'registry')) return;
    report({
      message: 'No model registry (MLflow, SageMaker, Vertex AI, Azure ML, W&B): the model that serves is a file on someone\'s disk or in the image, with no version, lineage or approval. Register models and deploy a registered version.',
    });
  },
};
