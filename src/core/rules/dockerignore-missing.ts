import { basename, dirname, join } from '../path';
import type { RepoRule } from '../rule';
import { isDeploymentDockerfile } from './util';

export const dockerignoreMissing: RepoRule = {
  id: 'dockerignore-missing',
  pillar: 'abstract-infrastructure',
  severity: 'info',
  weight: 1,
  title: 'A Dockerfile without a .dockerignore in its build context',
  scope: 'repository',
  notApplicable: (ctx) => (ctx.files.some(isDeploymentDockerfile) ? undefined : 'no Dockerfile in this PoC'),
  scaffold: 'dockerfile',
  check(ctx, report) {
    const paths = new Set(ctx.files.map((f) => f.path));
    const rootDir = ctx.root;
    for (const f of ctx.files) {
      // Nothing from the build context goes in (only RUN pip install, git clone, COPY --from): nothing to leak.
      if (!isDeploymentDockerfile(f) || !f.facts.dockerfile!.copiesContext) continue;
      const dir = dirname(f.path);
      // The build context is usually the Dockerfile's folder or the PoC root; BuildKit also reads <Dockerfile>.dockerignore.
      const candidates = [join(dir, '.dockerignore'), join(rootDir, '.dockerignore'), join(dir, `${basename(f.path)}.dockerignore`), '.dockerignore'];
      if (candidates.some((c) => paths.has(c))) continue;
      report({
        file: f.path,
        range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
        message: 'No .dockerignore beside this Dockerfile: data, models, .git, virtualenvs and secrets go into the build context and can end up in the image.',
        data: { scaffold: 'dockerfile' },
      });
    }
  },
};
