import { positiveEvidenceRule } from './util';

export const modelRegistryMissing = positiveEvidenceRule(
  { id: 'model-registry-missing', pillar: 'abstract-infrastructure', severity: 'info', weight: 4, title: 'Models are files, not versions in a registry' },
  'registry',
  'No model registry (MLflow, SageMaker, Vertex AI, Azure ML, W&B): the model that serves is a file on someone\'s disk or in the image, with no version, lineage or approval. Logging a model (`mlflow.log_model`, a saved file) is not registering it: register it (MLflow `registered_model_name=` or `mlflow.register_model`, a SageMaker model package, Vertex AI `Model.upload`) and deploy a registered version.',
  // The message before the 2026-12 rewording: baselines made with it still hold the finding.
  "No model registry (MLflow, SageMaker, Vertex AI, Azure ML, W&B): the model that serves is a file on someone's disk or in the image, with no version, lineage or approval. Register models and deploy a registered version.",
);
