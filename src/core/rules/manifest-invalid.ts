import type { ManifestInfo } from '../manifest';
import type { RepoRule } from '../rule';

function problemsOf(info: ManifestInfo): number {
  return info.syntaxErrors.length + info.schemaErrors.length;
}

export const manifestInvalid: RepoRule = {
  id: 'manifest-invalid',
  pillar: 'business-involvement',
  severity: 'error',
  weight: 2,
  title: 'poc.yaml or data-requirements.yaml breaks its schema',
  scope: 'repository',
  // A valid checklist without a poc.yaml is no evidence of business involvement: the rule then
  // applies only when the checklist has something to report (so the pillar stays at 0).
  notApplicable: (ctx) =>
    ctx.manifest ? undefined
    : ctx.dataRequirements && problemsOf(ctx.dataRequirements) ? undefined
    : ctx.dataRequirements ? 'no poc.yaml (manifest-missing speaks); the checklist is valid'
    : 'no poc.yaml or data-requirements checklist to validate',
  check(ctx, report) {
    for (const info of [ctx.manifest, ctx.dataRequirements]) {
      if (!info) continue;
      for (const problem of [...info.syntaxErrors, ...info.schemaErrors]) {
        report({ file: info.path, range: problem.range, message: problem.message });
      }
    }
  },
};
