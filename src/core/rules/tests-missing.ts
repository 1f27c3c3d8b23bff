import type { RepoRule } from '../rule';
import { hasCode } from './util';

export const testsMissing: RepoRule = {
  id: 'tests-missing',
  pillar: 'code-quality',
  severity: 'warning',
  weight: 4,
  title: "No test files for the PoC's code",
  scope: 'repository',
  notApplicable: (ctx) => (hasCode(ctx) ? undefined : 'no Python code or notebooks in this PoC'),
  check(ctx, report) {
    const code = ctx.files.some((f) => (f.kind === 'python' && !f.facts.test) || f.kind === 'notebook');
    if (!code || ctx.files.some((f) => f.facts.test)) return;
    report({ message: 'Python code but no tests (test_*.py, *_test.py or a tests/ folder): nothing protects the logic when it moves to production. Add pytest tests for the data preparation and the model interface.' });
  },
};
