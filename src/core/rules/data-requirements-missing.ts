import { join } from '../path';
import type { RepoRule } from '../rule';

export const dataRequirementsMissing: RepoRule = {
  id: 'data-requirements-missing',
  pillar: 'production-data',
  severity: 'warning',
  weight: 4,
  title: 'No data-requirements checklist',
  scope: 'repository',
  scaffold: 'data-requirements',
  check(ctx, report) {
    const named = ctx.manifest?.data?.data_requirements;
    // When poc.yaml names the checklist, only that file counts (not some other data-requirements.yaml).
    if (ctx.dataRequirements && (typeof named !== 'string' || ctx.dataRequirements.path === join(ctx.root, named))) return;
    report({
      // Named but absent: the fix starts at that key.
      ...(ctx.manifest && typeof named === 'string' ? { file: ctx.manifest.path, range: ctx.manifest.locate(['data_requirements']) } : {}),
      message: typeof named === 'string'
        ? `poc.yaml names '${named}' as the data-requirements checklist, but it does not exist. Create it (PoC: Add Data-Requirements Checklist).`
        : 'No data-requirements checklist (data-requirements.yaml): volume, quality, freshness, access and production-equivalence of the data are not agreed. Add one (PoC: Add Data-Requirements Checklist, or `poc-readiness init --only data-requirements`).',
      data: { scaffold: 'data-requirements' },
    });
  },
};
