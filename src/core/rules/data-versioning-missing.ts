import type { RepoContext, RepoRule } from '../rule';
import { evidenceAt, hasCode } from './util';

/** DVC or Git LFS in the repository, or code that reads a managed source (warehouse, object store, feature store, Delta, lakeFS). */
function dataSource(ctx: RepoContext): string | undefined {
  const lfs = ctx.files.find((f) => f.facts.lfsPatterns?.length);
  return evidenceAt(ctx, 'data-source') ?? (lfs ? `data tracked with Git LFS (${lfs.path})` : undefined);
}

export const dataVersioningMissing: RepoRule = {
  id: 'data-versioning-missing',
  pillar: 'production-data',
  severity: 'warning',
  weight: 3,
  title: 'Data neither versioned nor read from a managed source',
  scope: 'repository',
  notApplicable: (ctx) => (hasCode(ctx) ? undefined : 'no Python code or notebooks in this PoC'),
  passReason: dataSource,
  check(ctx, report) {
    if (dataSource(ctx)) return;
    report({
      message: 'No data versioning (DVC, Git LFS, lakeFS, Delta) and no managed source (warehouse, object store, feature store, Hugging Face Hub dataset) found in the code: nobody can tell which data a result came from, nor rerun it on production data. Version the data or read it from governed storage by configuration.',
      // The message before the 2026-12 rewording: baselines made with it still hold the finding.
      fingerprintText: 'Data is read only from local files, with no versioning (DVC, Git LFS, lakeFS, Delta) and no managed source (warehouse, object store, feature store): nobody can tell which data a result came from, nor rerun it on production data. Version the data or read it from governed storage by configuration.',
    });
  },
};
