import type { RepoRule } from '../rule';

export const testsMissing: RepoRule = {
  id: 'tests-missing',
  pillar: 'code-quality',
  severity: 'warning',
  weight: 3,
  title: "No test files for the PoC's code",
  scope: 'repository',
  check(ctx, report) {
    const code = ctx.files.some((f) => (f.kind === 'python' && !f.facts.test) || f.kind === 'notebook');
    if (!code || ctx.files.some((f) => f.facts.test)) return;
    report({ message: 'Python code but no tests (test_*.py, *_test.py or a tests/ folder): nothing protects the logic when it moves to production. Add pytest tests for the data preparation and the model interface.' });
  },
};
