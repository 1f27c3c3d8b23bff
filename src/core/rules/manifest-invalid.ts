import type { RepoRule } from '../rule';

export const manifestInvalid: RepoRule = {
  id: 'manifest-invalid',
  pillar: 'business-involvement',
  severity: 'error',
  weight: 2,
  title: 'poc.yaml or data-requirements.yaml breaks its schema',
  scope: 'repository',
  notApplicable: (ctx) => (ctx.manifest || ctx.dataRequirements ? undefined : 'no poc.yaml or data-requirements checklist to validate'),
  check(ctx, report) {
    for (const info of [ctx.manifest, ctx.dataRequirements]) {
      if (!info) continue;
      for (const problem of [...info.syntaxErrors, ...info.schemaErrors]) {
        report({ file: info.path, range: problem.range, message: problem.message });
      }
    }
  },
};
