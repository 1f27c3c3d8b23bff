// No output ever carries a secret (issue 12): secrets planted across every file kind the core
// reads, the lint run through the engine (the findings the extension turns into diagnostics,
// hovers and the readiness view), every formatter and the real CLI in every format; then
// every output is searched for every planted secret — and for any 9-character piece of one,
// since a cut secret (36 of 40 characters) is still a leak.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine } from '../../src/core/engine';
import { formatMarkdown } from '../../src/core/format/markdown';
import { redactText } from '../../src/core/redact';
import type { LintResult } from '../../src/core/types';
import { formatJson } from '../../src/cli/format/json';
import { formatSarif } from '../../src/cli/format/sarif';
import { formatText } from '../../src/cli/format/text';
import { NodeFileSystem, toPosix } from '../../src/node/nodeFs';
import { notebook } from '../helpers/memoryFs';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

const SECRETS = {
  dbPassword: 'Pg5ecretChurn42q',
  indexPassword: 'Idx9PassWord77zz',
  requirementToken: 'ghp_R8q2Lm9xV4bN7tZ1kW3yC6hF0sD5gA2eUoPj',
  pathToken: 'ghp_Z7x1Kq3Lw5Er8Ty2Ui4Op6As9Df0Gh3Jk5Lm',
  openaiKey: 'sk-proj-Tq8Wn3Rz6Yb1Kc4Vx7Mf0Hd2Js5Lg9Pa3Ne6Ub',
  hfToken: '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',
  dockerPassword: 'Dkr5ecretPw9xQ2m',
  notebookKey: 'wb8f3a1c9e7d5b2046f1a3c8e9d7b5a2c4e6f8a0b',
  printedKey: 'sk-ant-Wq3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz2Xc4',
  webhook: 'hooks.slack.com/services/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',
  envPassword: 'pa#ss9Word77xKq',
  yamlToken: 'tok#en9Value123abcQ',
  clientSecret: '6da89121079f83b2eb6acccf8219ea982c3d79bc',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  sshKeyBody: 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
};

/** The notebook with what one cell printed. */
function withOutput(nb: string, cell: number, printed: string): string {
  const json = JSON.parse(nb);
  json.cells[cell].outputs = [{ name: 'stdout', output_type: 'stream', text: [printed] }];
  return JSON.stringify(json, null, 1);
}

const TREE: Record<string, string> = {
  'src/churn/app.py': [
    'import os',
    `DB_URL = "postgresql://admin:${SECRETS.dbPassword}@localhost:5432/churn"`,
    `df = open("/home/alice/${SECRETS.pathToken}/data.csv")`,
    '',
  ].join('\n'),
  'requirements.txt': [`--extra-index-url https://deploy:${SECRETS.indexPassword}@pypi.internal/simple`, `private-pkg @ git+https://${SECRETS.requirementToken}@github.com/org/private-pkg.git`, 'pandas', ''].join('\n'),
  Dockerfile: ['FROM python:3.11-slim', `ENV OPENAI_API_KEY=${SECRETS.openaiKey}`, `ARG HF_TOKEN=${SECRETS.hfToken}`, `ENV DB_PASSWORD ${SECRETS.dockerPassword}`, 'COPY . /app', 'CMD ["python", "-m", "churn"]', ''].join('\n'),
  'notebooks/explore.ipynb': withOutput(notebook([`import wandb\nwandb.login(key="${SECRETS.notebookKey}")`, 'print(settings)']), 1, `api_key: ${SECRETS.printedKey}\n`),
  '.env': [`SLACK_WEBHOOK=https://${SECRETS.webhook}`, `DB_PASSWORD=${SECRETS.envPassword}`, ''].join('\n'),
  'config/settings.yaml': ['service:', `  api_token: ${SECRETS.yamlToken}`, ''].join('\n'),
  'config/oauth.json': `{\n  "client_secret": "${SECRETS.clientSecret}"\n}\n`,
  'scripts/call.sh': `curl -H "Authorization: Bearer ${SECRETS.jwt}" https://api.internal/v1/score\n`,
  'deploy/id_rsa': `-----BEGIN OPENSSH PRIVATE KEY-----\n${SECRETS.sshKeyBody}\n-----END OPENSSH PRIVATE KEY-----\n`,
};

/** Every 9-character piece of every secret (a masked value shows at most its first 4 characters and its prefix). */
function leaks(output: string): string[] {
  const found: string[] = [];
  for (const [name, secret] of Object.entries(SECRETS)) {
    for (let i = 0; i + 9 <= secret.length; i++) {
      if (output.includes(secret.slice(i, i + 9))) {
        found.push(`${name}: …${secret.slice(i, i + 9)}…`);
        break;
      }
    }
  }
  return found;
}

describe('no output carries a secret', () => {
  let dir: string;
  let result: LintResult;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-secrets-'));
    for (const [rel, text] of Object.entries(TREE)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    result = await new Engine(new NodeFileSystem(), toPosix(dir), { today: new Date('2026-11-23') }).lintWorkspace();
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the planted tree is realistic: the notebook parses and the leaking rules do fire', () => {
    const findings = result.roots.flatMap((r) => r.findings);
    const fired = (rule: string, file: string) => findings.some((f) => f.ruleId === rule && f.file === file);
    assert.ok(fired('localhost-endpoint', 'src/churn/app.py'), 'localhost-endpoint quotes the URL');
    assert.ok(fired('local-path', 'src/churn/app.py'), 'local-path quotes the path');
    assert.ok(fired('unpinned-dependency', 'requirements.txt'), 'unpinned-dependency quotes the requirement');
    for (const file of ['src/churn/app.py', 'requirements.txt', 'Dockerfile', 'notebooks/explore.ipynb', '.env', 'config/settings.yaml', 'config/oauth.json', 'scripts/call.sh', 'deploy/id_rsa']) {
      assert.ok(fired('hardcoded-secret', file), `hardcoded-secret in ${file}`);
    }
    const nb = findings.filter((f) => f.ruleId === 'hardcoded-secret' && f.file === 'notebooks/explore.ipynb');
    assert.ok(nb.some((f) => /output of this cell/.test(f.message)), 'the printed key in the output is reported');
    const docker = findings.filter((f) => f.ruleId === 'hardcoded-secret' && f.file === 'Dockerfile').map((f) => f.line);
    assert.deepEqual(docker, [2, 3, 4]);
  });

  it('the engine findings (messages and data the extension shows) and skip reasons', () => {
    assert.deepEqual(leaks(JSON.stringify(result)), []);
  });

  it('every formatter: text (verbose), json, sarif, markdown', () => {
    const outputs = {
      text: formatText(result, { displayRoot: dir, verbose: true, color: false }),
      json: formatJson(result),
      sarif: formatSarif(result, { uriPrefix: '', version: '0.0.0' }),
      markdown: formatMarkdown(result, 'planted'),
    };
    for (const [format, out] of Object.entries(outputs)) assert.deepEqual(leaks(out), [], format);
  });

  it('the CLI in every format', function () {
    if (!fs.existsSync(CLI)) this.skip();
    for (const format of ['text', 'json', 'sarif', 'markdown']) {
      const r = spawnSync(process.execPath, [CLI, 'lint', dir, '--format', format, '--verbose'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      assert.ok(r.stdout.length > 0, `${format} printed a report`);
      assert.deepEqual(leaks(r.stdout + r.stderr), [], format);
    }
  });

  it('masks userinfo, token shapes and secret assignments in any text, keeps ordinary text', () => {
    assert.equal(redactText('postgresql://admin:hunter2x@localhost:5432/churn'), 'postgresql://admin:****@localhost:5432/churn');
    assert.equal(redactText(`see /home/u/${SECRETS.pathToken.slice(0, 36)}…`), 'see /home/u/ghp_********…');
    assert.equal(redactText('DB_PASSWORD=s3cr3tPassw0rd in .env'), 'DB_PASSWORD=s3cr******** in .env');
    for (const plain of ['Unpinned dependency: scikit-learn has no version', 'use hf_hub_download or sk-learn', "Machine-local path '/home/dana/ASIA_2023_sales.csv'", 'hf_model_v2_final_checkpoint', 'Machine-local path \'/home/alice/data.csv\'']) assert.equal(redactText(plain), plain);
  });
});
