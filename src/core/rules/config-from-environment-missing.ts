import type { RepoRule } from '../rule';
import { evidenceAt, hasCode } from './util';

export const configFromEnvironmentMissing: RepoRule = {
  id: 'config-from-environment-missing',
  pillar: 'abstract-infrastructure',
  severity: 'warning',
  weight: 3,
  title: 'Configuration is written into the code',
  scope: 'repository',
  notApplicable: (ctx) => (hasCode(ctx) ? undefined : 'no Python code or notebooks in this PoC'),
  passReason: (ctx) => evidenceAt(ctx, 'config'),
  check(ctx, report) {
    if (evidenceAt(ctx, 'config')) return;
    report({
      message: 'Nothing is read from the environment or a configuration file (os.environ, pydantic settings, dotenv, Hydra / OmegaConf, a config/ folder, params.yaml, .env.example): paths, endpoints and credentials live in the code, so the PoC runs only where it was written. Read them from environment variables or a config file.',
    });
  },
};
