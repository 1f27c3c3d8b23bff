import type { RepoRule } from '../rule';
import { evidenceAt, hasContainer } from './util';

export const containerMissing: RepoRule = {
  id: 'container-missing',
  pillar: 'abstract-infrastructure',
  severity: 'warning',
  weight: 6,
  title: 'No Dockerfile, Containerfile or compose build for the PoC',
  scope: 'repository',
  scaffold: 'dockerfile',
  passReason: (ctx) => (hasContainer(ctx) ? undefined : evidenceAt(ctx, 'container')),
  check(ctx, report) {
    // A managed container environment (Anyscale cluster env, Azure ML environment, a SageMaker image) abstracts the machine too.
    if (hasContainer(ctx) || evidenceAt(ctx, 'container')) return;
    report({
      message: 'No Dockerfile, Containerfile or compose build: the PoC only runs where it was written. Add a Dockerfile (PoC: Add Dockerfile, or `poc-readiness init --only dockerfile`).',
      data: { scaffold: 'dockerfile' },
    });
  },
};
