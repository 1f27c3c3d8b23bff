import type { RepoRule } from '../rule';
import { hasContainer } from './util';

export const containerMissing: RepoRule = {
  id: 'container-missing',
  pillar: 'abstract-infrastructure',
  severity: 'warning',
  weight: 6,
  title: 'No Dockerfile, Containerfile or compose build for the PoC',
  scope: 'repository',
  scaffold: 'dockerfile',
  check(ctx, report) {
    if (hasContainer(ctx)) return;
    report({
      message: 'No Dockerfile, Containerfile or compose build: the PoC only runs where it was written. Add a Dockerfile (PoC: Add Dockerfile, or `poc-readiness init --only dockerfile`).',
      data: { scaffold: 'dockerfile' },
    });
  },
};
