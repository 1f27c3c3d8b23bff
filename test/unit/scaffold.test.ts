import * as assert from 'node:assert/strict';
import { promises as fsp, readFileSync, readdirSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import {
  isoDate,
  CI_PROVIDERS,
  DATA_REQUIREMENT_IDS,
  DEPLOYMENT_TARGETS,
  SCAFFOLD_IDS,
  ScaffoldInputError,
  TemplateError,
  USE_CASE_TYPES,
  allTemplateNames,
  applyScaffold,
  placeholders,
  planScaffold,
  relativePath,
  render,
  scaffold,
  validateName,
  yamlScalar,
  type ScaffoldId,
  type ScaffoldOptions,
} from '../../src/core/scaffold';
import type { FileSystem } from '../../src/core/fs';
import { NodeFileSystem, toPosix } from '../../src/node/nodeFs';
import { readTemplate, templatesDir } from '../../src/node/templates';
import { runInit } from '../../src/cli/init';

const REPO = nodePath.resolve(__dirname, '..', '..', '..');
const TODAY = new Date(2026, 0, 5); // Monday 5 January 2026 -> decide_by 2026-03-30
const DECIDE_BY = '2026-03-30';
const fs = new NodeFileSystem();

const pocSchema = JSON.parse(readFileSync(nodePath.join(REPO, 'schemas/poc.schema.json'), 'utf8'));
const drSchema = JSON.parse(readFileSync(nodePath.join(REPO, 'schemas/data-requirements.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: true });
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const validatePoc = ajv.compile<any>(pocSchema);
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const validateDr = ajv.compile<any>(drSchema);

const tmpDirs: string[] = [];
async function tmp(): Promise<string> {
  const dir = await fsp.mkdtemp(nodePath.join(os.tmpdir(), 'poc-scaffold-'));
  tmpDirs.push(dir);
  return toPosix(await fsp.realpath(dir));
}
after(async () => {
  for (const d of tmpDirs) await fsp.rm(d, { recursive: true, force: true });
});

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string, prefix: string) {
    for (const e of await fsp.readdir(d, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(nodePath.join(d, e.name), rel);
      else out.push(rel);
    }
  }
  await walk(dir, '');
  return out.sort();
}

const read = (dir: string, rel: string) => fsp.readFile(nodePath.join(dir, rel), 'utf8');
const opts = (extra: ScaffoldOptions = {}): ScaffoldOptions => ({ today: TODAY, name: 'churn-prediction', ...extra });
const ajvErrors = (v: { errors?: unknown }) => JSON.stringify(v.errors, null, 1);

/** Files each scaffold creates in an empty folder (ci defaults to GitHub Actions). */
const EXPECTED: Record<ScaffoldId, string[]> = {
  manifest: ['poc.yaml'],
  'data-requirements': ['data-requirements.yaml'],
  dockerfile: ['.dockerignore', 'Dockerfile'],
  ci: ['.github/workflows/poc-readiness.yml'],
  playbook: ['docs/deployment-playbook.md'],
};

/** All `run:` / `script:` command strings of a parsed CI document. */
function commands(doc: unknown): string[] {
  const out: string[] = [];
  const visit = (v: unknown, key?: string) => {
    if (typeof v === 'string') {
      if (key === 'run' || key === 'script' || key === 'bash' || key === 'before_script') out.push(v);
    } else if (Array.isArray(v)) v.forEach((x) => visit(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, k);
  };
  visit(doc);
  return out.flatMap((c) => c.split('\n')).map((l) => l.trim()).filter(Boolean);
}

describe('scaffold: placeholder renderer', () => {
  it('replaces placeholders, with optional spaces', () => {
    assert.equal(render('a {{x}} b {{ y }}', { x: '1', y: '2' }), 'a 1 b 2');
  });
  it('rejects unknown placeholders, naming them', () => {
    assert.throws(() => render('a {{nmae}} {{name}}', { name: 'x' }, 't.tmpl'), (e: Error) => {
      assert.ok(e instanceof TemplateError);
      assert.match(e.message, /t\.tmpl: unknown placeholder \{\{nmae\}\}/);
      return true;
    });
  });
  it('rejects unknown filters and malformed placeholders', () => {
    assert.throws(() => render('{{name|shout}}', { name: 'x' }), /unknown filter "shout"/);
    assert.throws(() => render('{{ not a name }}', {}), /malformed placeholder/);
  });
  it('leaves ${{ }} CI expressions alone', () => {
    assert.equal(render('tag:${{ github.sha }} {{x}}', { x: 'y' }), 'tag:${{ github.sha }} y');
  });
  it('never re-expands placeholders inside values', () => {
    assert.equal(render('{{a}}', { a: '{{b}}' }), '{{b}}');
  });
  it('the yaml filter round-trips any string through YAML', () => {
    for (const s of ['Dana Lee', 'TBD', 'true', 'null', '1.5', '2027-01-01', '- x', 'a: b', 'x # y', "O'Brien", 'Ünal Şahin', '"q"', ' lead', 'trail ', '', '~', 'off']) {
      assert.equal(parseYaml(`k: ${yamlScalar(s)}`).k, s, `round trip of ${JSON.stringify(s)}`);
    }
    assert.equal(yamlScalar('Dana Lee'), 'Dana Lee');
  });
  it('every template file holds well-formed placeholders (an unknown one fails where the tests below render it)', async () => {
    const names = allTemplateNames();
    assert.equal(names.length, 1 + USE_CASE_TYPES.length + 1 + 3 + 1 + CI_PROVIDERS.length + 1);
    for (const n of names) {
      const used = placeholders(await readTemplate(n));
      for (const p of used) assert.match(p, /^[A-Za-z_][A-Za-z0-9_]*$/, `${n}: {{${p}}}`);
      // Only the .dockerignore is the same for every repository.
      if (n !== 'dockerignore.tmpl') assert.ok(used.length > 0, `${n} has placeholders to fill`);
    }
    const onDisk = readdirSync(templatesDir(), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => toPosix(nodePath.relative(templatesDir(), nodePath.join(e.parentPath ?? e.path, e.name))));
    assert.deepEqual(onDisk.sort(), [...names].sort(), 'templates/ holds exactly the templates the scaffolds use');
  });
});

describe('scaffold: input validation', () => {
  it('rejects ../x, a/b, a\\b, .., empty and overlong names', () => {
    for (const bad of ['../x', 'a/b', 'a\\b', '..', 'x..y', '', '   ', 'a'.repeat(65), 'line\nbreak', '-leading']) {
      assert.throws(() => validateName(bad), ScaffoldInputError, JSON.stringify(bad));
    }
    assert.equal(validateName(' churn-prediction '), 'churn-prediction');
    assert.equal(validateName('Churn prediction v2.1'), 'Churn prediction v2.1');
  });
  it('bad input throws a clear error and writes nothing', async () => {
    const dir = await tmp();
    for (const name of ['../x', 'a/b', '']) {
      await assert.rejects(
        scaffold(dir, 'all', opts({ name }), fs, readTemplate),
        (e: Error) => e instanceof ScaffoldInputError && /name/.test(e.message),
      );
    }
    await assert.rejects(scaffold(dir, 'all', opts({ businessOwner: '  ' }), fs, readTemplate), /business owner must not be empty/);
    await assert.rejects(scaffold(dir, 'all', opts({ riskTier: 4 as never }), fs, readTemplate), /risk tier must be 1, 2 or 3/);
    await assert.rejects(scaffold(dir, 'all', opts({ useCaseType: 'vision' as never }), fs, readTemplate), /unknown use-case type "vision"/);
    await assert.rejects(scaffold(dir, ['dockerfile', 'nope' as never], opts(), fs, readTemplate), /unknown scaffold "nope"/);
    assert.deepEqual(await listFiles(dir), []);
  });
});

describe('scaffold: empty folder', () => {
  for (const id of SCAFFOLD_IDS) {
    it(`${id} creates ${EXPECTED[id].join(', ')}`, async () => {
      const dir = await tmp();
      const result = await scaffold(dir, id, opts(), fs, readTemplate);
      assert.deepEqual(result.failed, []);
      assert.deepEqual(result.kept, []);
      assert.deepEqual(result.created.map((f) => f.rel).sort(), [...EXPECTED[id]].sort());
      assert.deepEqual(await listFiles(dir), [...EXPECTED[id]].sort());
      for (const f of EXPECTED[id]) {
        const text = await read(dir, f);
        assert.ok(text.length > 100, `${f} has content`);
        assert.doesNotMatch(text, /(^|[^$])\{\{/, `${f} has no unrendered placeholder`);
      }
    });
  }
  it('all creates every file', async () => {
    const dir = await tmp();
    const result = await scaffold(dir, 'all', opts({ useCaseType: 'classification' }), fs, readTemplate);
    const all = Object.values(EXPECTED).flat().sort();
    assert.deepEqual(result.created.map((f) => f.rel).sort(), all);
    assert.deepEqual(await listFiles(dir), all);
  });
});

describe('scaffold: never overwrites', () => {
  for (const id of [...SCAFFOLD_IDS, 'all' as const]) {
    it(`${id}: existing targets stay byte-for-byte and are reported as kept`, async () => {
      const dir = await tmp();
      const targets = id === 'all' ? Object.values(EXPECTED).flat() : EXPECTED[id];
      const before = new Map<string, Buffer>();
      for (const [i, f] of targets.entries()) {
        const bytes = Buffer.from(`user content ${i}\r\n\u00e9\u0000 not ours`, 'latin1');
        await fsp.mkdir(nodePath.dirname(nodePath.join(dir, f)), { recursive: true });
        await fsp.writeFile(nodePath.join(dir, f), bytes);
        before.set(f, bytes);
      }
      const result = await scaffold(dir, id, opts({ ci: 'github' }), fs, readTemplate);
      assert.deepEqual(result.created, []);
      assert.deepEqual(result.failed, []);
      assert.deepEqual(result.kept.map((k) => k.rel).sort(), [...targets].sort());
      for (const k of result.kept) assert.equal(k.reason, `kept: ${k.rel} exists`);
      for (const [f, bytes] of before) assert.ok((await fsp.readFile(nodePath.join(dir, f))).equals(bytes), `${f} unchanged`);
      assert.deepEqual(await listFiles(dir), [...targets].sort());
    });
  }
  it('a Containerfile keeps the Dockerfile scaffold; an existing CI keeps the CI scaffold', async () => {
    const dir = await tmp();
    await fsp.writeFile(nodePath.join(dir, 'Containerfile'), 'FROM python:3.11-slim\n');
    await fsp.writeFile(nodePath.join(dir, '.gitlab-ci.yml'), 'test:\n  script: [pytest]\n');
    const result = await scaffold(dir, ['dockerfile', 'ci'], opts(), fs, readTemplate);
    assert.deepEqual(result.kept.map((k) => k.reason).sort(), ['kept: .gitlab-ci.yml exists', 'kept: Containerfile exists']);
    assert.deepEqual(result.created.map((f) => f.rel), ['.dockerignore']);
  });
  it('a .dockerignore beside an existing Dockerfile is planned without reading the code (no repository detection)', async () => {
    const dir = await tmp();
    await fsp.writeFile(nodePath.join(dir, 'Dockerfile'), 'FROM python:3.11-slim\n');
    await fsp.mkdir(nodePath.join(dir, 'src'));
    await fsp.writeFile(nodePath.join(dir, 'src', 'app.py'), 'from fastapi import FastAPI\napp = FastAPI()\n');
    const read: string[] = [];
    const counting: FileSystem = { readDirectory: (p) => fs.readDirectory(p), stat: (p) => fs.stat(p), readFile: (p) => (read.push(p), fs.readFile(p)) };
    const plan = await planScaffold(dir, 'dockerfile', opts(), counting, readTemplate);
    assert.deepEqual(plan.create.map((f) => f.rel), ['.dockerignore']);
    assert.deepEqual(read.filter((p) => p.endsWith('.py')), []);
    // With a CI file to write as well, the repository is read: the pipeline is fitted to it.
    await planScaffold(dir, ['dockerfile', 'ci'], opts(), counting, readTemplate);
    assert.ok(read.some((p) => p.endsWith('src/app.py')), 'detection read the code for the CI');
  });
  it('a file that appears between plan and apply is kept, not overwritten', async () => {
    const dir = await tmp();
    const plan = await planScaffold(dir, 'manifest', opts(), fs, readTemplate);
    await fsp.writeFile(nodePath.join(dir, 'poc.yaml'), 'name: mine\n');
    const result = await applyScaffold(plan, fs);
    assert.deepEqual(result.created, []);
    assert.deepEqual(result.kept.map((k) => k.reason), ['kept: poc.yaml exists']);
    assert.equal(await read(dir, 'poc.yaml'), 'name: mine\n');
  });
  it('a read-only file system is refused before anything happens', async () => {
    const ro: FileSystem = { readDirectory: fs.readDirectory, stat: fs.stat, readFile: fs.readFile };
    const plan = await planScaffold(await tmp(), 'manifest', opts(), ro, readTemplate);
    await assert.rejects(applyScaffold(plan, ro), /read-only/);
  });
});

describe('scaffold: manifest and data requirements validate against the schemas', () => {
  const specific: Record<string, RegExp> = {
    classification: /precision at the operating point[\s\S]*recall/,
    regression: /MAE[\s\S]*RMSE[\s\S]*baseline/,
    forecasting: /WAPE[\s\S]*MAPE[\s\S]*baseline forecast/,
    recommendation: /conversion uplift[\s\S]*A\/B test[\s\S]*click-through rate/,
    nlp: /F1[\s\S]*groundedness[\s\S]*latency and cost per request[\s\S]*harmful/,
    genai: /groundedness[\s\S]*harmful-output rate[\s\S]*p95 latency[\s\S]*cost per request/,
    'computer-vision': /mAP at IoU[\s\S]*production cameras[\s\S]*recall at IoU/,
    'anomaly-detection': /precision at the alert budget[\s\S]*alerts per day/,
    other: /kpi: TBD/,
  };
  for (const type of USE_CASE_TYPES) {
    it(`poc.yaml for ${type}`, async () => {
      const dir = await tmp();
      await scaffold(dir, 'manifest', opts({ useCaseType: type }), fs, readTemplate);
      const text = await read(dir, 'poc.yaml');
      const doc = parseYaml(text);
      assert.ok(validatePoc(doc), ajvErrors(validatePoc));
      assert.equal(doc.use_case_type, type);
      assert.equal(doc.name, 'churn-prediction');
      assert.equal(doc.risk_tier, 2);
      assert.equal(doc.business_owner.name, 'TBD', 'no owner given: TBD so owner-missing still fires');
      assert.equal(doc.sponsor.name, 'TBD');
      assert.equal(doc.problem, 'TBD');
      assert.equal(doc.decision.outcome, 'pending');
      assert.match(text, specific[type]);
      assert.ok(doc.success_criteria.length >= 2);
      assert.ok(doc.failure_criteria.length >= 1);
      for (const fc of doc.failure_criteria) {
        assert.equal(fc.decide_by, DECIDE_BY, '12 weeks from today');
        assert.ok(fc.metric && fc.threshold !== undefined);
      }
      assert.ok(DEPLOYMENT_TARGETS.includes(doc.deployment.target));
      assert.match(text, /^# .*Good:|^#\s+Good:/m, 'comments teach what a good entry looks like');
    });
  }
  it('poc.yaml carries the options, quoted where YAML needs it', async () => {
    const dir = await tmp();
    await scaffold(
      dir,
      'manifest',
      opts({
        name: '2024',
        problem: 'Reduce churn: by 10% # of customers',
        businessOwner: "Dana O'Lee",
        sponsor: 'true',
        riskTier: 3,
        deploymentTarget: 'edge',
        useCaseType: 'computer-vision',
      }),
      fs,
      readTemplate,
    );
    const doc = parseYaml(await read(dir, 'poc.yaml'));
    assert.ok(validatePoc(doc), ajvErrors(validatePoc));
    assert.equal(doc.name, '2024');
    assert.equal(doc.problem, 'Reduce churn: by 10% # of customers');
    assert.equal(doc.business_owner.name, "Dana O'Lee");
    assert.equal(doc.sponsor.name, 'true');
    assert.equal(doc.risk_tier, 3);
    assert.equal(doc.deployment.target, 'edge');
  });
  it('data-requirements.yaml has the ten standard items, all open', async () => {
    const dir = await tmp();
    await scaffold(dir, 'data-requirements', opts(), fs, readTemplate);
    const doc = parseYaml(await read(dir, 'data-requirements.yaml'));
    assert.ok(validateDr(doc), ajvErrors(validateDr));
    assert.deepEqual(doc.items.map((i: { id: string }) => i.id), [...DATA_REQUIREMENT_IDS]);
    for (const item of doc.items) {
      assert.equal(item.status, 'open');
      assert.ok(item.requirement.length > 20, item.id);
    }
  });
});

describe('scaffold: Dockerfile', () => {
  const cases = [
    { file: 'requirements.txt', content: 'pandas==2.2.2\n', expect: /pip install --no-cache-dir -r requirements\.txt/, base: 'python:3.11-slim' },
    { file: 'pyproject.toml', content: '[project]\nname = "x"\n', expect: /pip install --no-cache-dir \./, base: 'python:3.11-slim' },
    { file: 'environment.yml', content: 'dependencies: [python=3.11]\n', expect: /micromamba install --yes --name base --file/, base: 'mambaorg/micromamba:1.5.8' },
  ];
  for (const c of cases) {
    for (const target of DEPLOYMENT_TARGETS) {
      it(`${c.file}, ${target}`, async () => {
        const dir = await tmp();
        await fsp.writeFile(nodePath.join(dir, c.file), c.content);
        await scaffold(dir, 'dockerfile', opts({ deploymentTarget: target }), fs, readTemplate);
        const text = await read(dir, 'Dockerfile');
        const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
        assert.equal(lines.filter((l) => l.startsWith('FROM ')).length, 1);
        assert.equal(lines.find((l) => l.startsWith('FROM ')), `FROM ${c.base}`, 'base image pinned to a version tag');
        assert.match(text, c.expect);
        const users = lines.filter((l) => l.startsWith('USER '));
        assert.ok(users.length >= 1 && !/^USER (root|0)\b/.test(users[users.length - 1]), 'non-root USER');
        // No entry point in the folder: no CMD is invented, a marked TODO says what to fill in,
        // and an API's probe waits for the endpoint it would call.
        assert.equal(lines.filter((l) => l.startsWith('CMD ')).length, 0, 'no guessed CMD');
        assert.match(text, /^# TODO\(poc-readiness\): entry point unknown: .*set CMD/m);
        assert.equal(/^EXPOSE 8080$/m.test(text), target === 'online-api', 'EXPOSE only for an API');
        assert.equal(/^# HEALTHCHECK /m.test(text), target === 'online-api', 'HEALTHCHECK suggested only for an API');
        assert.doesNotMatch(text, /^HEALTHCHECK /m, 'no probe of an endpoint nobody wrote');
        const ignore = (await read(dir, '.dockerignore')).split('\n');
        for (const p of ['data/', 'models/', 'checkpoints/', '.ipynb_checkpoints/', '.venv/', 'venv/', '.git', '.env', 'secrets/', '__pycache__/']) {
          assert.ok(ignore.includes(p), `.dockerignore has ${p}`);
        }
      });
    }
  }
  it('notes when no dependency file exists', async () => {
    const dir = await tmp();
    const plan = await planScaffold(dir, 'dockerfile', opts(), fs, readTemplate);
    assert.ok(plan.notes.some((n) => /^dependencies: none found .*TODO\(poc-readiness\)/.test(n)), plan.notes.join('\n'));
    const dockerfile = plan.create.find((f) => f.rel === 'Dockerfile')!.content;
    assert.doesNotMatch(dockerfile, /^COPY requirements\.txt/m, 'no COPY of a file that does not exist');
    assert.match(dockerfile, /^# TODO\(poc-readiness\): no dependency file found/m);
  });
});

describe('scaffold: CI', () => {
  const paths = { github: '.github/workflows/poc-readiness.yml', gitlab: '.gitlab-ci.yml', azure: 'azure-pipelines.yml' } as const;
  for (const ci of CI_PROVIDERS) {
    for (const dep of ['requirements.txt', 'pyproject.toml', 'environment.yml']) {
      it(`${ci} with ${dep}: valid YAML with real test, docker build and readiness gate`, async () => {
        const dir = await tmp();
        await fsp.writeFile(nodePath.join(dir, dep), '\n');
        // A test module and a linter configuration: CI runs what the repository has.
        await fsp.mkdir(nodePath.join(dir, 'tests'));
        await fsp.writeFile(nodePath.join(dir, 'tests/test_smoke.py'), 'def test_smoke():\n    assert 1 + 1 == 2\n');
        await fsp.writeFile(nodePath.join(dir, 'ruff.toml'), 'line-length = 100\n');
        const result = await scaffold(dir, 'ci', opts({ ci }), fs, readTemplate);
        assert.deepEqual(result.created.map((f) => f.rel), [paths[ci]]);
        const text = await read(dir, paths[ci]);
        const doc = parseYaml(text, { prettyErrors: true });
        assert.ok(doc && typeof doc === 'object');
        const cmds = commands(doc);
        const real = (re: RegExp) => cmds.filter((c) => re.test(c) && !/^echo\b/.test(c));
        assert.ok(real(/(^|\s)python -m pytest\b/).length >= 1, `test step in ${cmds.join(' | ')}`);
        assert.ok(real(/^docker build\b/).length >= 1, 'docker build step');
        assert.ok(real(/poc-readiness lint .*--min-score 60 --format sarif > .*poc-readiness\.sarif/).length === 1, 'SARIF report');
        assert.ok(real(/poc-readiness lint \S+ --min-score 60$/).length === 1, 'gate step');
        assert.ok(real(/ruff check/).length === 1, 'lint step');
        assert.ok(real(/poc-readiness lint \S+ --format json -o \S*poc-readiness\.json/).length === 1, 'JSON report for the portfolio');
        if (dep === 'requirements.txt') assert.ok(real(/pip install -r requirements\.txt/).length === 1);
        if (dep === 'pyproject.toml') assert.ok(real(/pip install -e \./).length === 1);
        if (dep === 'environment.yml') assert.ok(real(/(conda env create|micromamba create) .*--file environment\.yml/).length === 1);
        if (ci === 'github') {
          const steps = doc.jobs.build.steps as { uses?: string; with?: Record<string, string> }[];
          const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
          assert.equal(upload?.with?.sarif_file, 'poc-readiness.sarif');
          assert.equal(steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))?.with?.path, 'poc-readiness.json');
          assert.equal(doc.jobs.build.permissions['security-events'], 'write');
          assert.match(text, /\$\{\{ github\.sha \}\}/);
        }
        if (ci === 'gitlab') {
          assert.ok(real(/poc-readiness lint \S+ --format gitlab > gl-code-quality-report\.json/).length === 1, 'Code Quality report');
          assert.equal(doc['poc-readiness'].artifacts.reports.codequality, 'gl-code-quality-report.json');
        }
      });
    }
  }
  it('monorepo: the workflow goes to the repository root and works in the PoC directory', async () => {
    const repo = await tmp();
    const poc = `${repo}/pocs/churn`;
    await fsp.mkdir(poc, { recursive: true });
    await fsp.writeFile(`${poc}/requirements.txt`, 'numpy==2.0.0\n');
    const result = await scaffold(poc, 'ci', opts({ repoRoot: repo }), fs, readTemplate);
    assert.deepEqual(result.created.map((f) => f.rel), ['../../.github/workflows/poc-readiness-churn-prediction.yml']);
    const doc = parseYaml(await read(repo, '.github/workflows/poc-readiness-churn-prediction.yml'));
    assert.equal(doc.jobs.build.defaults.run['working-directory'], 'pocs/churn');
    assert.ok(commands(doc).includes('npx --yes poc-readiness lint pocs/churn --min-score 60'));
  });
  it('relativePath', () => {
    assert.equal(relativePath('/a/b', '/a/b'), '.');
    assert.equal(relativePath('/a', '/a/b/c'), 'b/c');
    assert.equal(relativePath('/a/b/c', '/a/.github/x.yml'), '../../.github/x.yml');
    assert.equal(relativePath('/', '/x'), 'x');
  });
});

describe('scaffold: deployment playbook', () => {
  it('has the seven steps and is filled from an existing manifest', async () => {
    const dir = await tmp();
    await fsp.writeFile(
      nodePath.join(dir, 'poc.yaml'),
      [
        'name: invoice-classifier',
        'use_case_type: nlp',
        'risk_tier: 3',
        'business_owner: { name: Dana Lee, unit: Finance }',
        'sponsor: Sam Ortiz',
        'failure_criteria:',
        '  - { metric: f1, threshold: "< 0.8", decide_by: 2027-03-01 }',
        '  - { metric: cost, threshold: "> 1", decide_by: 2027-02-15 }',
        'deployment: { target: online-api, platform: KServe }',
      ].join('\n'),
    );
    const result = await scaffold(dir, 'all', { today: TODAY }, fs, readTemplate);
    assert.deepEqual(result.kept.map((k) => k.rel), ['poc.yaml']);
    const md = await read(dir, 'docs/deployment-playbook.md');
    const sections = [...md.matchAll(/^## \d\. (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(sections, ['Infrastructure', 'Data pipeline', 'Model serving', 'Monitoring', 'Rollback', 'User training', 'Handover']);
    assert.match(md, /^# Deployment playbook: invoice-classifier$/m);
    assert.match(md, /\| Business owner \| Dana Lee \|/);
    assert.match(md, /\| Executive sponsor \| Sam Ortiz \|/);
    assert.match(md, /\| Deployment target \| online-api \|/);
    assert.match(md, /\| Platform \| KServe \|/);
    assert.match(md, /\| Go \/ no-go decision by \| 2027-02-15 \|/, 'earliest decide_by');
    assert.match(md, /risk tier 3/);
    assert.match(md, /full governance process/);
    // The manifest's target drives the Dockerfile too: an API exposes its port (the probe waits for a /health route).
    assert.match(await read(dir, 'Dockerfile'), /^EXPOSE 8080$/m);
  });
  it('without a manifest, uses the options and TBD', async () => {
    const dir = await tmp();
    await scaffold(dir, 'playbook', opts({ businessOwner: 'A | B' }), fs, readTemplate);
    const md = await read(dir, 'docs/deployment-playbook.md');
    assert.match(md, /\| Business owner \| A \\\| B \|/);
    assert.match(md, /\| Executive sponsor \| TBD \|/);
    assert.match(md, new RegExp(`\\| Go / no-go decision by \\| ${DECIDE_BY} \\|`));
  });
});

describe('scaffold: JSON Schemas', () => {
  function walk(schema: Record<string, unknown>, at: string, visit: (s: Record<string, unknown>, at: string) => void) {
    const props = schema.properties as Record<string, Record<string, unknown>> | undefined;
    for (const [k, v] of Object.entries(props ?? {})) {
      visit(v, `${at}.${k}`);
      walk(v, `${at}.${k}`, visit);
    }
    for (const key of ['items', 'additionalProperties']) {
      const sub = schema[key];
      if (sub && typeof sub === 'object') walk(sub as Record<string, unknown>, `${at}[${key}]`, visit);
    }
    for (const key of ['anyOf', 'oneOf', 'allOf']) {
      for (const [i, sub] of ((schema[key] as Record<string, unknown>[]) ?? []).entries()) walk(sub, `${at}/${key}/${i}`, visit);
    }
    for (const [k, sub] of Object.entries((schema.definitions as Record<string, Record<string, unknown>>) ?? {})) {
      walk(sub, `#/definitions/${k}`, visit);
    }
  }
  for (const [file, schema] of [
    ['poc.schema.json', pocSchema],
    ['data-requirements.schema.json', drSchema],
  ] as const) {
    it(`${file}: draft-07 with title, description and valid examples on every property`, () => {
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
      let count = 0;
      walk(schema, '', (prop, at) => {
        count++;
        assert.equal(typeof prop.title, 'string', `${at} has a title`);
        assert.ok(typeof prop.description === 'string' && prop.description.length > 10, `${at} has a description`);
        assert.ok(Array.isArray(prop.examples) && prop.examples.length > 0, `${at} has examples`);
        const check = ajv.compile({ definitions: schema.definitions, ...prop, $id: `https://poc-readiness.invalid/check/${count}/${file}` });
        for (const ex of prop.examples as unknown[]) assert.ok(check(ex), `${at} example ${JSON.stringify(ex)}: ${ajvErrors(check)}`);
      });
      assert.ok(count >= (file === 'poc.schema.json' ? 30 : 8), `walked ${count} properties`);
    });
  }
  it('poc.schema.json accepts the example from the product brief and more keys', () => {
    const doc = parseYaml(`
name: churn-prediction
problem: Cut voluntary churn in the consumer segment with targeted retention offers.
use_case_type: classification
risk_tier: 2
business_owner: { name: Dana Lee, unit: Consumer Marketing }
sponsor: { name: Sam Ortiz, role: VP Customer }
stakeholders: [ { name: Priya N, role: Data engineering } ]
success_criteria:
  - kpi: churn rate among targeted customers
    baseline: 0.082
    target: 0.07
    measured_by: monthly cohort report
failure_criteria:
  - metric: recall on a held-out production month
    threshold: "< 0.60"
    decide_by: 2027-02-15
decision:
  outcome: pending
  date: 2027-02-10
deployment: { target: online-api, platform: KServe }
data_requirements: data-requirements.yaml
lint:
  rules: { sample-data: off, local-path: error }
  ignore: [ "legacy/**" ]
  local_path_allow: [ "/opt/ml/" ]
experiment_tracking: MLflow
`);
    assert.ok(validatePoc(doc), ajvErrors(validatePoc));
    assert.ok(validatePoc({ name: 'x', business_owner: 'Dana Lee', sponsor: 'Sam' }), ajvErrors(validatePoc));
  });
  it('poc.schema.json enforces the enums and the date pattern', () => {
    const bad: [string, unknown][] = [
      ['/use_case_type', { name: 'x', use_case_type: 'vision' }],
      ['/risk_tier', { name: 'x', risk_tier: 4 }],
      ['/risk_tier', { name: 'x', risk_tier: '2' }],
      ['/decision/outcome', { name: 'x', decision: { outcome: 'maybe' } }],
      ['/deployment/target', { name: 'x', deployment: { target: 'serverless' } }],
      ['/lint/rules/local-path', { name: 'x', lint: { rules: { 'local-path': 'fatal' } } }],
      ['/lint', { name: 'x', lint: { rule: {} } }],
      ['/failure_criteria/0/decide_by', { name: 'x', failure_criteria: [{ metric: 'm', decide_by: '15.02.2027' }] }],
      ['/decision/date', { name: 'x', decision: { outcome: 'go', date: '2027-2-1' } }],
      ['/business_owner', { name: 'x', business_owner: { unit: 'no name' } }],
      ['/stage', { name: 'x', stage: 'shipped' }],
      ['/started', { name: 'x', started: 'last spring' }],
      ['/budget/operating', { name: 'x', budget: { poc: 1, operating: -1 } }],
      ['/budget/poc', { name: 'x', budget: { poc: '40k' } }],
    ];
    for (const [path, doc] of bad) {
      assert.equal(validatePoc(doc), false, JSON.stringify(doc));
      assert.ok(validatePoc.errors!.some((e) => e.instancePath === path), `${path}: ${ajvErrors(validatePoc)}`);
    }
  });
  it('data-requirements.schema.json: status enum, standard and custom ids', () => {
    assert.ok(validateDr({ items: [{ id: 'model-inputs', requirement: 'x', status: 'n/a', evidence: 'e', owner: 'Priya' }] }));
    assert.equal(validateDr({ items: [{ id: 'volume', status: 'closed' }] }), false);
    assert.equal(validateDr({ items: [{ id: 'Not An Id', status: 'open' }] }), false);
    assert.equal(validateDr({}), false);
  });
});

describe('scaffold: core stays browser-safe', () => {
  it('src/core/scaffold imports neither vscode nor Node built-ins', () => {
    const dir = nodePath.join(REPO, 'src/core/scaffold');
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(nodePath.join(dir, f), 'utf8');
      const imports = [...text.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
      for (const m of imports) assert.ok(m.startsWith('.') || ['yaml', 'smol-toml'].includes(m), `${f} imports ${m}`);
    }
  });
});

describe('scaffold: snippets', () => {
  for (const file of ['poc-yaml.json', 'dockerfile.json', 'github-actions.json']) {
    it(`${file} is valid VS Code snippet JSON`, () => {
      const snippets = JSON.parse(readFileSync(nodePath.join(REPO, 'snippets', file), 'utf8'));
      assert.ok(Object.keys(snippets).length >= 1);
      for (const [name, s] of Object.entries(snippets as Record<string, { prefix: unknown; body: unknown; description: unknown }>)) {
        assert.ok(typeof s.prefix === 'string' || Array.isArray(s.prefix), name);
        assert.ok(Array.isArray(s.body) && s.body.length > 0, name);
        assert.equal(typeof s.description, 'string', name);
      }
    });
  }
  it('the poc.yaml skeleton snippet, with defaults filled in, validates against the schema', () => {
    const snippets = JSON.parse(readFileSync(nodePath.join(REPO, 'snippets/poc-yaml.json'), 'utf8'));
    const body = (snippets['PoC charter (poc.yaml)'].body as string[]).join('\n');
    // Expand snippet syntax the simple way: ${n:default} -> default, ${n|a,b|} -> a, variables -> fixed values.
    let text = body;
    text = text.replace(/\$\{CURRENT_YEAR\}-\$\{CURRENT_MONTH\}-\$\{CURRENT_DATE\}/g, '2027-01-31');
    text = text.replace(/\$\{TM_DIRECTORY[^}]*\}/g, 'my-poc');
    for (let i = 0; i < 3; i++) text = text.replace(/\$\{\d+:([^{}]*)\}/g, '$1');
    text = text.replace(/\$\{\d+\|([^,|]+)[^}]*\|\}/g, '$1').replace(/\$0/g, '');
    const doc = parseYaml(text);
    assert.ok(validatePoc(doc), ajvErrors(validatePoc) + '\n' + text);
  });
});

describe('scaffold: poc-readiness init', () => {
  const run = async (args: string[]) => {
    const lines: string[] = [];
    const code = await runInit(args, (s) => lines.push(s));
    return { code, out: lines.join('\n') };
  };
  it('--help exits 0', async () => {
    const r = await run(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /Usage: poc-readiness init/);
  });
  it('usage errors exit 2 and write nothing', async () => {
    const dir = await tmp();
    for (const args of [
      [dir, '--risk-tier', '4'],
      [dir, '--type', 'vision'],
      [dir, '--target', 'lambda'],
      [dir, '--ci', 'jenkins'],
      [dir, '--only', 'manifest,nope'],
      [dir, '--name', '../x'],
      [dir, '--name', 'a/b'],
      [dir, '--name', ''],
      [dir, '--bogus'],
      [dir, '--stage', 'shipping'],
      [dir, '--started', '1 March'],
      [dir, '--budget-operating', '-5'],
      [dir, '--budget-poc', 'lots'],
      [dir, 'second-path'],
      [`${dir}/missing`],
    ]) {
      const r = await run(args);
      assert.equal(r.code, 2, `${args.join(' ')} -> ${r.out}`);
      assert.match(r.out, /^error: /);
    }
    assert.deepEqual(await listFiles(dir), []);
  });
  it('creates, then keeps on a second run', async () => {
    const dir = await tmp();
    const args = [dir, '--type', 'forecasting', '--name', 'demand', '--owner', 'Dana Lee', '--sponsor', 'Sam Ortiz', '--risk-tier', '1', '--ci', 'gitlab'];
    const first = await run(args);
    assert.equal(first.code, 0, first.out);
    const created = first.out.split('\n').filter((l) => l.startsWith('created: '));
    assert.equal(created.length, 6, first.out);
    assert.ok(created.some((l) => l.endsWith('/.gitlab-ci.yml') || l === 'created: .gitlab-ci.yml'));
    const doc = parseYaml(await read(dir, 'poc.yaml'));
    assert.ok(validatePoc(doc), ajvErrors(validatePoc));
    assert.equal(doc.business_owner.name, 'Dana Lee');
    assert.equal(doc.risk_tier, 1);
    assert.equal(doc.deployment.target, 'batch');
    const before = await Promise.all((await listFiles(dir)).map((f) => read(dir, f)));
    const second = await run(args);
    assert.equal(second.code, 0, second.out);
    assert.equal(second.out.split('\n').filter((l) => l.startsWith('kept: ') && l.endsWith(' exists')).length, 6, second.out);
    assert.doesNotMatch(second.out, /created:/);
    assert.deepEqual(await Promise.all((await listFiles(dir)).map((f) => read(dir, f))), before);
  });
  it('--only and --dry-run', async () => {
    const dir = await tmp();
    const dry = await run([dir, '--only', 'dockerfile,playbook', '--dry-run']);
    assert.equal(dry.code, 0, dry.out);
    assert.equal(dry.out.split('\n').filter((l) => l.startsWith('would create: ')).length, 3);
    assert.deepEqual(await listFiles(dir), []);
    const r = await run([dir, '--only', 'dockerfile']);
    assert.equal(r.code, 0);
    assert.deepEqual(await listFiles(dir), ['.dockerignore', 'Dockerfile']);
  });
  it('--stage, --started and --budget-* land in poc.yaml; by default stage poc, started today, budgets 0', async () => {
    const dir = await tmp();
    const r = await run([dir, '--only', 'manifest', '--stage', 'pilot', '--started', '2026-10-01', '--budget-poc', '30000', '--budget-operating', '120000.5']);
    assert.equal(r.code, 0, r.out);
    const doc = parseYaml(await read(dir, 'poc.yaml'));
    assert.ok(validatePoc(doc), ajvErrors(validatePoc));
    assert.deepEqual([doc.stage, doc.started, doc.budget], ['pilot', '2026-10-01', { poc: 30000, operating: 120000.5 }]);
    const plain = await tmp();
    await run([plain, '--only', 'manifest']);
    const d = parseYaml(await read(plain, 'poc.yaml'));
    assert.ok(validatePoc(d), ajvErrors(validatePoc));
    assert.deepEqual([d.stage, d.started, d.budget], ['poc', isoDate(new Date()), { poc: 0, operating: 0 }]);
  });
  it('prints what it detected and where the TODOs to complete are', async () => {
    const dir = await tmp();
    await fsp.writeFile(nodePath.join(dir, 'requirements.txt'), 'flask==3.0.3\n');
    const r = await run([dir, '--only', 'dockerfile']);
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /^note: dependencies: requirements\.txt \(pip install -r\)$/m);
    assert.match(r.out, /^note: entry point: unknown, so the Dockerfile gets a TODO\(poc-readiness\) instead of a CMD: /m);
    assert.match(r.out, /^next: complete the TODO\(poc-readiness\) lines in .*Dockerfile \(what could not be detected\)$/m);
  });
  it('--yes creates a missing target directory', async () => {
    const dir = `${await tmp()}/new/poc`;
    const r = await run([dir, '--yes', '--only', 'manifest']);
    assert.equal(r.code, 0, r.out);
    assert.deepEqual(await listFiles(dir), ['poc.yaml']);
    assert.equal(parseYaml(await read(dir, 'poc.yaml')).name, 'poc');
  });
});
