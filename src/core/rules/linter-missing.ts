import type { RepoContext, RepoRule } from '../rule';
import { evidenceAt } from './util';

/** A linter, formatter or type checker configured in a file, or run by CI. */
function linter(ctx: RepoContext): string | undefined {
  const ci = ctx.files.find((f) => f.facts.ci?.lints);
  return evidenceAt(ctx, 'linter') ?? (ci ? `CI runs a linter (${ci.path})` : undefined);
}

export const linterMissing: RepoRule = {
  id: 'linter-missing',
  pillar: 'code-quality',
  severity: 'warning',
  weight: 2,
  title: 'No linter or formatter configured',
  scope: 'repository',
  notApplicable: (ctx) => (ctx.files.some((f) => f.kind === 'python' || f.kind === 'notebook') ? undefined : 'no Python code or notebooks in this PoC'),
  passReason: linter,
  check(ctx, report) {
    if (linter(ctx)) return;
    report({
      message: 'No linter, formatter or type checker configured (ruff, flake8, pylint, black, mypy in pyproject.toml, setup.cfg, pre-commit or CI): style and simple bugs are left to review. Add `[tool.ruff]` to pyproject.toml and run `ruff check` in CI or pre-commit.',
    });
  },
};
