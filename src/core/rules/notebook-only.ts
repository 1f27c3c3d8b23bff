import type { RepoRule } from '../rule';

export const notebookOnly: RepoRule = {
  id: 'notebook-only',
  pillar: 'code-quality',
  severity: 'warning',
  weight: 3,
  title: 'The logic lives in notebooks only',
  scope: 'repository',
  notApplicable: (ctx) => (ctx.files.some((f) => f.kind === 'notebook') ? undefined : 'no notebooks in this PoC'),
  check(ctx, report) {
    const notebooks = ctx.files.filter((f) => f.kind === 'notebook');
    if (!notebooks.length || ctx.files.some((f) => f.facts.module)) return;
    report({
      message: `${notebooks.length} notebook${notebooks.length > 1 ? 's' : ''} and no importable Python module: move data preparation, features and training into a package (src/) that the notebooks import, so it can be tested, reviewed and deployed.`,
    });
  },
};
