import type { RepoRule } from '../rule';

export const manifestMissing: RepoRule = {
  id: 'manifest-missing',
  pillar: 'business-involvement',
  severity: 'warning',
  weight: 4,
  title: 'No poc.yaml use-case manifest',
  scope: 'repository',
  scaffold: 'manifest',
  check(ctx, report) {
    if (ctx.manifest) return;
    report({
      message: 'No poc.yaml: the problem, the business owner, the KPIs and the kill criteria of this PoC are written nowhere. Create one (PoC: New Use Case…, or `poc-readiness init`).',
      data: { scaffold: 'manifest' },
    });
  },
};
