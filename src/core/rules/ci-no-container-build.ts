import type { RepoRule } from '../rule';
import { ciFiles, hasContainer } from './util';

export const ciNoContainerBuild: RepoRule = {
  id: 'ci-no-container-build',
  pillar: 'abstract-infrastructure',
  severity: 'warning',
  weight: 2,
  title: 'A Dockerfile and CI exist, but CI never builds the image',
  scope: 'repository',
  notApplicable: (ctx) => (!hasContainer(ctx) ? 'no Dockerfile or compose build in this PoC' : !ciFiles(ctx).length ? 'no CI configuration in this PoC' : undefined),
  check(ctx, report) {
    const ci = ciFiles(ctx);
    if (!ci.length || !hasContainer(ctx) || ci.some((f) => f.facts.ci!.buildsImage || f.facts.ci!.delegates)) return;
    report({
      file: ci[0].path,
      range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
      message: 'CI never builds the container image, so a broken Dockerfile is found at deployment time. Add a `docker build` (or docker/build-push-action) step.',
    });
  },
};
