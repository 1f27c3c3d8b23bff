// The fixture organisation (test/fixtures/organisation) as nine git repositories in a temp
// folder, each with its remote (with a token in the URL, which no report may repeat) and one
// commit at a known date: what the portfolio reads for owners-moving-on and the links.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ORG = path.resolve(__dirname, '../../../test/fixtures/organisation');

const LAST_COMMIT: Record<string, string> = {
  'churn-prediction': '2027-02-25T09:00:00Z',
  'demand-forecast': '2027-02-20T09:00:00Z',
  'fraud-alerts': '2027-02-10T09:00:00Z',
  'invoice-classifier': '2027-02-01T09:00:00Z',
  'legacy-recommender': '2025-06-01T09:00:00Z',
  'price-optimizer': '2027-01-15T09:00:00Z',
  'quality-vision': '2026-11-01T09:00:00Z', // idle for 17 weeks, decision pending
  'route-planner': '2027-02-27T09:00:00Z',
  'support-genai': '2027-02-26T09:00:00Z',
};

export function makeOrganisation(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-org-'));
  for (const name of fs.readdirSync(ORG)) {
    const repo = path.join(dir, 'repos', name);
    fs.cpSync(path.join(ORG, name), repo, { recursive: true });
    const env = { ...process.env, GIT_AUTHOR_DATE: LAST_COMMIT[name], GIT_COMMITTER_DATE: LAST_COMMIT[name], GIT_AUTHOR_NAME: 'CI', GIT_AUTHOR_EMAIL: 'ci@example.com', GIT_COMMITTER_NAME: 'CI', GIT_COMMITTER_EMAIL: 'ci@example.com' };
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, stdio: 'pipe' });
    git('init', '-q', '-b', 'main');
    git('remote', 'add', 'origin', `https://ci-bot:ghp_notarealtoken@github.com/acme/${name}.git`);
    git('add', '-A');
    git('commit', '-q', '-m', 'PoC');
  }
  return dir;
}

