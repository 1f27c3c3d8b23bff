import { positiveEvidenceRule } from './util';

export const configFromEnvironmentMissing = positiveEvidenceRule(
  { id: 'config-from-environment-missing', pillar: 'abstract-infrastructure', severity: 'warning', weight: 3, title: 'Configuration is written into the code' },
  'config',
  'Nothing is read from the environment or a configuration file (os.environ, pydantic settings, dotenv, Hydra / OmegaConf, a config/ folder, params.yaml): paths, endpoints and credentials live in the code, so the PoC runs only where it was written. Read them from environment variables or a config file.',
  // The message before `.env.example` stopped counting: a baseline recorded with it still matches.
  'Nothing is read from the environment or a configuration file (os.environ, pydantic settings, dotenv, Hydra / OmegaConf, a config/ folder, params.yaml, .env.example): paths, endpoints and credentials live in the code, so the PoC runs only where it was written. Read them from environment variables or a config file.',
);
