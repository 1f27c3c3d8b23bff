import type { RepoRule } from '../rule';
import { hasCode } from './util';

export const dependenciesUndeclared: RepoRule = {
  id: 'dependencies-undeclared',
  pillar: 'code-quality',
  severity: 'warning',
  weight: 3,
  title: 'Python code with no declared dependencies',
  scope: 'repository',
  reads: ['deps', 'test'],
  notApplicable: (ctx) => (hasCode(ctx) ? undefined : 'no Python code or notebooks in this PoC'),
  check(ctx, report) {
    const code = ctx.files.some((f) => f.kind === 'python' || f.kind === 'notebook');
    if (!code || ctx.files.some((f) => f.facts.deps)) return;
    report({ message: 'Python code but no requirements.txt, pyproject.toml, environment.yml, Pipfile or setup.py: nobody else can rebuild the environment. Declare the dependencies with versions (`pip freeze` is a start).' });
  },
};
