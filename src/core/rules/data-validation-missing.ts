import type { RepoRule } from '../rule';
import { evidenceAt, hasCode } from './util';

export const dataValidationMissing: RepoRule = {
  id: 'data-validation-missing',
  pillar: 'production-data',
  severity: 'warning',
  weight: 3,
  title: 'No schema or quality checks on the input data',
  scope: 'repository',
  notApplicable: (ctx) => (hasCode(ctx) ? undefined : 'no Python code or notebooks in this PoC'),
  passReason: (ctx) => evidenceAt(ctx, 'data-validation'),
  check(ctx, report) {
    if (evidenceAt(ctx, 'data-validation')) return;
    report({
      message: 'No schema or quality checks on the input data (pandera, Great Expectations, TFDV, Deepchecks, Evidently tests, Soda or pydantic row models): production data that drifts in type, range or completeness goes straight into training and serving. Declare the schema of the input and check it where data is loaded.',
    });
  },
};
