import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { parse as parseYaml } from 'yaml';
import { Engine } from '../../src/core/engine';
import { scaffold } from '../../src/core/scaffold';
import { NodeFileSystem, toPosix } from '../../src/node/nodeFs';
import { readTemplate } from '../../src/node/templates';

// End to end: scaffold into small realistic repositories, then lint what was written with our
// own engine. The Dockerfile must copy only what exists and start what the repository runs.
// (No docker on this machine: the Dockerfile is parsed, not built.)

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/scaffold-fit');
const nodeFs = new NodeFileSystem();

function copyFixture(name: string): string {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'poc-scaffold-fit-')), name);
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  return toPosix(dir);
}

/** COPY / ADD sources from the build context, and the CMD, of a Dockerfile. */
function dockerfileOf(text: string) {
  const df = DockerfileParser.parse(text);
  const sources: string[] = [];
  let cmd: string[] | undefined;
  for (const i of df.getInstructions()) {
    const k = i.getKeyword();
    if ((k === 'COPY' || k === 'ADD') && !/--from=/.test(i.getTextContent())) sources.push(...i.getArguments().slice(0, -1).map((a) => a.getValue()));
    if (k === 'CMD') cmd = JSON.parse(i.getArgumentsContent()!);
  }
  return { sources, cmd };
}

async function scaffoldAndLint(name: string) {
  const dir = copyFixture(name);
  const result = await scaffold(dir, 'all', { today: new Date(2026, 0, 5), name: 'churn', ci: 'github' }, nodeFs, readTemplate);
  assert.deepEqual(result.failed, []);
  const lint = await new Engine(nodeFs, dir).lintWorkspace();
  const findings = lint.roots.flatMap((r) => r.findings);
  const dockerfile = fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8');
  const workflow = parseYaml(fs.readFileSync(path.join(dir, '.github/workflows/poc-readiness.yml'), 'utf8'));
  const runs = (workflow.jobs.build.steps as { run?: string }[]).flatMap((s) => (s.run ?? '').split('\n')).map((l) => l.trim()).filter(Boolean);
  return { dir, notes: result.notes, plan: result.plan, findings, dockerfile, ...dockerfileOf(dockerfile), runs, workflowText: fs.readFileSync(path.join(dir, '.github/workflows/poc-readiness.yml'), 'utf8') };
}

describe('scaffolds fit the repository they are written into (end to end)', () => {
  it('a Flask app in app/ with app/requirements.txt and a gunicorn Procfile', async () => {
    const r = await scaffoldAndLint('flask-app');
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'dockerfile-copy-missing'), []);
    for (const src of r.sources) assert.ok(src === '.' || fs.existsSync(path.join(r.dir, src)), `COPY source ${src} exists`);
    assert.ok(r.sources.includes('app/requirements.txt'));
    assert.deepEqual(r.cmd, r.plan.detected!.entry!.value.argv);
    assert.deepEqual(r.cmd, ['gunicorn', 'app.main:app', '--workers', '2', '--bind', '0.0.0.0:8080']);
    assert.match(r.dockerfile, /^FROM python:3\.10-slim$/m, 'runtime.txt says 3.10');
    assert.match(r.dockerfile, /^HEALTHCHECK .*\n.*localhost:8080\/health'/m, 'the app declares /health');
    assert.ok(r.runs.includes('pip install -r app/requirements.txt'));
    assert.ok(r.runs.includes('python -m pytest'));
    assert.doesNotMatch(r.workflowText, /^\s+run: ruff/m, 'no linter configured: no ruff step');
    assert.match(r.workflowText, /python-version: "3\.10"/);
    assert.ok(r.notes.includes('entry point: gunicorn app.main:app --workers 2 --bind 0.0.0.0:8080 (from Procfile, on port 8080)'), r.notes.join('\n'));
    assert.ok(r.notes.includes('dependencies: app/requirements.txt (pip install -r)'));
  });

  it('a FastAPI package with pyproject.toml and .python-version', async () => {
    const r = await scaffoldAndLint('fastapi-pkg');
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'dockerfile-copy-missing'), []);
    assert.deepEqual(r.sources, ['.']);
    assert.deepEqual(r.cmd, ['uvicorn', 'churn_api.api:app', '--host', '0.0.0.0', '--port', '8080']);
    assert.match(r.dockerfile, /^FROM python:3\.12-slim$/m);
    assert.match(r.dockerfile, /^RUN pip install --no-cache-dir \.$/m);
    assert.match(r.dockerfile, /localhost:8080\/healthz/);
    assert.ok(r.runs.includes('pip install -e .'));
    assert.ok(r.runs.includes('ruff check .'), 'ruff is configured');
    assert.ok(r.runs.includes('python -m pytest'));
    assert.ok(r.runs.includes('pip install pytest ruff'));
  });

  it('a notebook-only repository: TODOs, never a wrong command', async () => {
    const r = await scaffoldAndLint('notebook-only');
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'dockerfile-copy-missing'), []);
    assert.deepEqual(r.sources, ['.'], 'no COPY of a requirements.txt that does not exist');
    assert.equal(r.cmd, undefined, 'no invented CMD');
    assert.match(r.dockerfile, /^# TODO\(poc-readiness\): no dependency file found/m);
    assert.match(r.dockerfile, /^# TODO\(poc-readiness\): entry point unknown/m);
    assert.ok(!r.runs.some((l) => /^(ruff|python -m pytest|pip install -r)/.test(l)), r.runs.join('\n'));
    assert.match(r.workflowText, /# TODO\(poc-readiness\): no tests found/);
    // What the scaffold fixes stops firing.
    for (const id of ['container-missing', 'ci-missing', 'manifest-missing']) assert.ok(!r.findings.some((f) => f.ruleId === id), id);
  });

  for (const ci of ['gitlab', 'azure'] as const) {
    it(`${ci}: the pipeline installs from app/requirements.txt, tests with pytest, has no ruff job, and is valid YAML`, async () => {
      const dir = copyFixture('flask-app');
      await scaffold(dir, 'ci', { today: new Date(2026, 0, 5), name: 'churn', ci }, nodeFs, readTemplate);
      const text = fs.readFileSync(path.join(dir, ci === 'gitlab' ? '.gitlab-ci.yml' : 'azure-pipelines.yml'), 'utf8');
      const doc = parseYaml(text);
      const scripts: string[] = [];
      const visit = (v: unknown, key?: string) => {
        if (typeof v === 'string' && (key === 'script' || key === 'before_script')) scripts.push(...v.split('\n').map((l) => l.trim()).filter(Boolean));
        else if (Array.isArray(v)) v.forEach((x) => visit(x, key));
        else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
      };
      visit(doc);
      assert.ok(scripts.includes('pip install -r app/requirements.txt'), scripts.join('\n'));
      assert.ok(scripts.some((l) => l.startsWith('python -m pytest --junitxml=')), 'pytest with a JUnit report');
      assert.ok(!scripts.some((l) => l.startsWith('ruff')), 'no linter configured: no ruff');
      assert.match(text, /# TODO\(poc-readiness\): no linter configured/);
      if (ci === 'gitlab') assert.equal(doc['.python'].image, 'python:3.10-slim', 'runtime.txt says 3.10');
      else assert.ok(doc.steps.some((s: { task?: string; inputs?: { versionSpec?: string } }) => s.task === 'UsePythonVersion@0' && s.inputs?.versionSpec === '3.10'));
    });
  }

  it('the Dockerfile the issue reported (COPY requirements.txt for app/requirements.txt) is found by the new rule', async () => {
    const dir = copyFixture('flask-app');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nUSER 10001\nCMD ["uvicorn", "churn.api:app"]\n');
    const lint = await new Engine(nodeFs, dir).lintWorkspace();
    const f = lint.roots.flatMap((r) => r.findings).filter((x) => x.ruleId === 'dockerfile-copy-missing');
    assert.deepEqual(f.map((x) => [x.file, x.line, x.column]), [['Dockerfile', 3, 6]]);
    assert.match(f[0].message, /app\/requirements\.txt exists/);
  });
});
