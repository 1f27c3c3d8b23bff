import type { RepoRule } from '../rule';
import { ciFiles } from './util';

export const ciNoTests: RepoRule = {
  id: 'ci-no-tests',
  pillar: 'code-quality',
  severity: 'warning',
  weight: 2,
  title: 'CI exists but no step runs the tests',
  scope: 'repository',
  notApplicable: (ctx) => (ciFiles(ctx).length ? undefined : 'no CI configuration in this PoC (ci-missing speaks)'),
  check(ctx, report) {
    const ci = ciFiles(ctx);
    // CI that hands steps to included templates, reusable workflows or make targets may test there.
    if (!ci.length || ci.some((f) => f.facts.ci!.runsTests || f.facts.ci!.delegates)) return;
    report({
      file: ci[0].path,
      range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
      message: 'CI never runs the tests (no pytest, unittest, tox, nox or `make test` step; echo lines and commented-out steps do not count). Add a test step.',
    });
  },
};
