import type { RepoRule } from '../rule';
import { ciRunsUnknown, whatCiRuns } from '../level';
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
    // A build through a script or a make target counts (followed as the level follows them).
    if (!ci.length || !hasContainer(ctx) || ci.some((f) => whatCiRuns(f, ctx.files).all.buildsImage || ciRunsUnknown(f, ctx.files, ctx.workspacePaths))) return;
    report({
      file: ci[0].path,
      range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
      message: 'CI never builds the container image, so a broken Dockerfile is found at deployment time. Add a `docker build` (or docker/build-push-action) step.',
    });
  },
};
