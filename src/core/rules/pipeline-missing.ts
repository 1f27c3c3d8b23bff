import type { RepoContext, RepoRule } from '../rule';
import { hasCode } from './util';
import { levelEvidenceOf } from '../level';
import { placeOf } from '../place';

/** The level's automated-pipeline item: an orchestrator or ML pipeline, or CI/CD that trains, builds or deploys. */
function pipeline(ctx: RepoContext) {
  return levelEvidenceOf(ctx.files, 'automated-pipeline');
}

export const pipelineMissing: RepoRule = {
  id: 'pipeline-missing',
  pillar: 'code-quality',
  severity: 'warning',
  weight: 3,
  title: 'Nothing runs the work without a person',
  scope: 'repository',
  notApplicable: (ctx) => (hasCode(ctx) ? undefined : 'no Python code or notebooks in this PoC'),
  passReason: (ctx) => {
    const e = pipeline(ctx);
    return e ? `${e.detail} (${placeOf(e)})` : undefined;
  },
  check(ctx, report) {
    if (pipeline(ctx)) return;
    report({
      message: 'No automated pipeline: no orchestrator or ML pipeline definition (Airflow, Prefect, Dagster, Kubeflow, Azure ML, SageMaker, Vertex, DVC, MLflow project) and no CI/CD that trains, builds or deploys. Someone has to run every step by hand; define the steps as a pipeline or let CI build and deploy.',
    });
  },
};
