import type { RepoRule } from '../rule';

export const ciMissing: RepoRule = {
  id: 'ci-missing',
  pillar: 'code-quality',
  severity: 'warning',
  weight: 3,
  title: 'No CI configuration',
  scope: 'repository',
  scaffold: 'ci',
  check(ctx, report) {
    if (ctx.files.some((f) => f.facts.ci)) return;
    report({
      message: 'No CI configuration (GitHub Actions, GitLab CI, Azure Pipelines, Jenkins, CircleCI, Bitbucket, Travis, Buildkite, Cloud Build, CodeBuild): nothing checks the PoC on a clean machine. Add one (PoC: Add CI Pipeline, or `poc-readiness init --only ci`).',
      data: { scaffold: 'ci' },
    });
  },
};
