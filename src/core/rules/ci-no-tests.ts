import type { RepoRule } from '../rule';
import { ciRunsUnknown, ciTests } from '../level';
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
    // Tests may run through make targets, scripts, compose or job files (followed), or in
    // included templates and reusable workflows (unknown: stay quiet).
    if (!ci.length || ci.some((f) => ciTests(f, ctx.files) || ciRunsUnknown(f, ctx.files, ctx.workspacePaths))) return;
    // The finding belongs on the workflow that checks changes (push, pull request), not on a docs or release workflow.
    const onChange = ci.find((f) => f.facts.ci!.onChange && !/(^|\/)action\.ya?ml$/.test(f.path)) ?? ci[0];
    report({
      file: onChange.path,
      range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
      message: 'CI never runs the tests (no pytest, unittest, tox, nox or `make test` step; echo lines and commented-out steps do not count). Add a test step.',
    });
  },
};
