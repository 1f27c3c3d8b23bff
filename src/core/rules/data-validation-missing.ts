import { positiveEvidenceRule } from './util';

export const dataValidationMissing = positiveEvidenceRule(
  { id: 'data-validation-missing', pillar: 'production-data', severity: 'warning', weight: 3, title: 'No schema or quality checks on the input data' },
  'data-validation',
  'No schema or quality checks on the input data (pandera, Great Expectations, TFDV, Deepchecks, Evidently tests, Soda or pydantic row models): production data that drifts in type, range or completeness goes straight into training and serving. Declare the schema of the input and check it where data is loaded.',
);
