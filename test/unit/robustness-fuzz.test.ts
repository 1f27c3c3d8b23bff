import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { analyzeText } from '../../src/core/engine';
import { parseManifest } from '../../src/core/manifest';
import { yamlCostProblem } from '../../src/core/parsers/limits';
import { classify } from '../../src/core/parsed';
import { lintTree, notebook } from '../helpers/memoryFs';

// Seeded fuzz of every input kind the core reads: each mutated file ends in a report (findings,
// facts) without a throw; input the reference parser rejects ends in a finding; no case runs
// into the hang guard. POC_FUZZ_CASES=20000 for a longer run, POC_FUZZ_SEED to replay one.
const CASES = Number(process.env.POC_FUZZ_CASES ?? 1500);
const SEED = Number(process.env.POC_FUZZ_SEED ?? 20261201);
/** Not a timing assertion: a guard that turns a hang (minutes) into a named failure. */
const HANG_GUARD_MS = 10_000;

const ROOT = path.resolve(__dirname, '../../..');
const fixture = (p: string) => fs.readFileSync(path.join(ROOT, 'test/fixtures', p), 'utf8');

const SEEDS: Record<string, string> = {
  'poc.yaml': fixture('production-ready/poc.yaml'),
  'data-requirements.yaml': fixture('production-ready/data-requirements.yaml'),
  '.github/workflows/ci.yml': 'name: ci\non:\n  push:\n  schedule:\n    - cron: "0 3 * * 1"\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install -r requirements.txt && pytest -q\n      - run: docker build -t app .\n',
  '.gitlab-ci.yml': 'stages: [test, build]\ntest:\n  image: python:3.11\n  script:\n    - pip install -r requirements.txt\n    - pytest\nbuild:\n  script: docker build -t $CI_REGISTRY_IMAGE .\n',
  'azure-pipelines.yml': 'trigger: [main]\npool:\n  vmImage: ubuntu-latest\nsteps:\n  - script: python -m pytest\n  - task: Docker@2\n    inputs:\n      command: buildAndPush\n',
  'cloudbuild.yaml': 'steps:\n  - name: gcr.io/cloud-builders/docker\n    args: [build, -t, gcr.io/p/app, .]\n  - name: python\n    entrypoint: bash\n    args: [-c, "pip install -r requirements.txt && pytest"]\n',
  'Jenkinsfile': "pipeline {\n  agent any\n  triggers { cron('H 3 * * 1') }\n  stages {\n    stage('test') { steps { sh 'pytest' } }\n    stage('build') { steps { sh label: 'image', script: 'docker build -t app .' } }\n  }\n}\n",
  'notebooks/explore.ipynb': fixture('production-ready/notebooks/explore.ipynb'),
  'notebooks/meta.ipynb': notebook(['import pandas as pd\ndf = pd.read_csv("/home/dana/churn.csv")', { md: '# Notes' }, { code: '!pip install xgboost', count: 3 }], { kernelspec: { name: 'python3', language: 'python' }, language_info: { name: 'python' } }),
  'Dockerfile': 'FROM python:3.11-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt \\\n    && rm -rf /root/.cache\nCOPY . .\nUSER app\nCMD ["python", "-m", "churn.serve"]\n',
  'requirements.txt': 'pandas==2.2.2\nscikit-learn>=1.4\nxgboost\n-r extra.txt\ngit+https://github.com/org/pkg@v1.2#egg=pkg\n',
  'pyproject.toml': '[project]\nname = "churn"\ndependencies = ["pandas==2.2.2", "numpy>=1.26"]\n\n[tool.poetry.dependencies]\npython = "^3.11"\nrequests = "*"\n',
  'Pipfile': '[packages]\nrequests = "*"\npandas = "==2.2.2"\n\n[dev-packages]\npytest = "*"\n',
  'environment.yml': 'name: churn\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - pandas\n  - pip:\n      - mlflow==2.12.1\n',
  'src/churn/train.py': 'import os\nimport mlflow\n\n\ndef train(path="/Users/dana/data/churn.csv"):\n    """Train."""\n    url = "http://localhost:5000"\n    return path, url\n',
  'tests/test_train.py': 'from churn.train import train\n\n\ndef test_train():\n    assert train()\n',
};

/** Small, fast, seedable (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  '*x', '&a ', '*a', '{', '[', '}', ']', '"', "'", '"""', "'''", '\u0000', '\u001b[31m', '\r', '\t', '---\n', '...\n', ': ', '- ', '? ', '\\',
  '#', '${{ secrets.X }}', '!!binary ', '!!python/object ', '<<: *a\n', 'null', '1e999', '-0', '\uFEFF', '\uD800', '\u202E', 'é', '💥', ',', '=', '.',
  '"metadata": "meta"', '"metadata": {"kernelspec": {"language": 5, "name": 3}}', '"language_info": {"name": ["python"]}', '"cells": 7', '"source": {}',
  'FROM ', 'RUN ', 'ARG X=${Y:-${Z}}\n', '$', '\\\n', '[tool.poetry.dependencies]\n', 'a.b.c.d = 1\n', '-e .\n', '--hash=sha256:00\n', '(', ')', 'f"{', 'lambda: ',
];

function mutate(text: string, random: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const at = () => Math.floor(random() * (text.length + 1));
  const rounds = 1 + Math.floor(random() * 4);
  for (let r = 0; r < rounds; r++) {
    const i = at();
    switch (Math.floor(random() * 9)) {
      case 0: // flip a character
        text = text.slice(0, i) + String.fromCharCode(Math.floor(random() * 128)) + text.slice(i + 1);
        break;
      case 1: { // delete a span
        const n = Math.floor(random() * 40);
        text = text.slice(0, i) + text.slice(i + n);
        break;
      }
      case 2: { // duplicate a span
        const n = Math.floor(random() * 200);
        text = text.slice(0, i) + text.slice(i, i + n) + text.slice(i);
        break;
      }
      case 3: // insert a token
        text = text.slice(0, i) + pick(TOKENS) + text.slice(i);
        break;
      case 4: // truncate
        text = text.slice(0, i);
        break;
      case 5: { // a long run of one structural character
        const c = pick(['{', '[', '(', '- ', '? ', '"', '\\', 'a.', '&a ', '*a ', '\n', ' ', '`', '$']);
        text = text.slice(0, i) + c.repeat(1 + Math.floor(random() * 20_000)) + text.slice(i);
        break;
      }
      case 6: // an alias bomb
        text = 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n' + text;
        break;
      case 7: { // swap a JSON/YAML value for one of another type
        const swaps: Array<[RegExp, string]> = [[/"[^"\n]*"/, '5'], [/\{/, '"meta"'], [/\[/, '{'], [/: [^\n]*/, ': [1, 2]'], [/"python"/, '["python"]']];
        const [re, to] = pick(swaps);
        text = text.replace(re, to);
        break;
      }
      default: // deep nesting
        text = text.slice(0, i) + '['.repeat(50 + Math.floor(random() * 300)) + text.slice(i);
    }
  }
  return text;
}

/** Does the reference parser reject this text outright (then a finding must say so)? */
function rejectedByReference(file: string, text: string): boolean {
  if (file.endsWith('.ipynb')) {
    try {
      const json = JSON.parse(text);
      return !json || typeof json !== 'object' || !Array.isArray(json.cells);
    } catch {
      return true;
    }
  }
  if (/^\.github\/|\.gitlab-ci|azure-pipelines|cloudbuild/.test(file)) {
    // Beyond the parse bounds the reference parser itself would take minutes: refused, so a finding is due.
    if (yamlCostProblem(text)) return true;
    try {
      return parseAllDocuments(text, { uniqueKeys: false, logLevel: 'silent' }).at(-1)?.errors.length !== 0 && text.trim() !== '';
    } catch {
      return true;
    }
  }
  return false;
}

describe('fuzz: every input kind the core reads', function () {
  this.timeout(Math.max(120_000, CASES * 200));
  const options = { localPathAllow: [], rootName: 'fuzz' };

  it(`${CASES} mutated files (seed ${SEED}) each end in a report, rejected input in a finding`, () => {
    const random = rng(SEED);
    const files = Object.keys(SEEDS);
    const counts = { cases: 0, withFindings: 0, invalidFile: 0, manifestErrors: 0 };
    for (let n = 0; n < CASES; n++) {
      const file = files[n % files.length];
      const text = mutate(SEEDS[file], random);
      const replay = `case ${n} (${file}); replay with POC_FUZZ_SEED=${SEED} POC_FUZZ_CASES=${n + 1}`;
      const started = Date.now();
      const result = analyzeText(file, classify(file), text, options);
      assert.ok(Array.isArray(result.findings) && Array.isArray(result.facts.evidence), replay);
      for (const f of result.findings) assert.ok(f.range.line >= 1 && f.range.column >= 1 && typeof f.message === 'string', `${replay}: ${JSON.stringify(f)}`);
      const invalid = result.findings.some((f) => f.ruleId === 'invalid-file');
      if (rejectedByReference(file, text)) assert.ok(invalid, `${replay}: the parser rejects it, no invalid-file finding`);
      if (file === 'poc.yaml' || file === 'data-requirements.yaml') {
        const info = parseManifest(file, text, file === 'poc.yaml' ? 'manifest' : 'data-requirements');
        assert.ok(info.data !== undefined || info.syntaxErrors.length > 0, `${replay}: a manifest without data must carry a syntax error`);
        if (info.syntaxErrors.length || info.schemaErrors.length) counts.manifestErrors++;
      }
      assert.ok(Date.now() - started < HANG_GUARD_MS, `${replay} ran into the ${HANG_GUARD_MS} ms hang guard`);
      counts.cases++;
      if (result.findings.length) counts.withFindings++;
      if (invalid) counts.invalidFile++;
    }
    assert.equal(counts.cases, CASES);
    // The figures go to the log: the closing note quotes them.
    console.log(`      fuzz: ${JSON.stringify(counts)}`);
  });

  it('whole trees of mutated files lint to a report for every root, the mutated file linted or skipped with a reason', async () => {
    const random = rng(SEED + 1);
    const trees = Math.max(10, Math.round(CASES / 30));
    for (let n = 0; n < trees; n++) {
      const tree: Record<string, string> = { ...SEEDS };
      const victims = Object.keys(SEEDS).filter(() => random() < 0.4);
      for (const file of victims) tree[file] = mutate(SEEDS[file], random);
      const started = Date.now();
      const result = await lintTree(tree, { today: new Date('2026-12-01') });
      assert.ok(result.roots.length >= 1, `tree ${n}`);
      for (const file of victims) {
        const reported = result.roots.some((r) => r.findings.some((f) => f.file === file)) || result.skipped.some((s) => s.path === file);
        const linted = result.filesLinted > 0;
        assert.ok(reported || linted, `tree ${n}: ${file} vanished from the report`);
      }
      assert.ok(!result.skipped.some((s) => /failed/.test(s.reason)), `tree ${n}: a repository rule failed: ${JSON.stringify(result.skipped)}`);
      assert.ok(Date.now() - started < HANG_GUARD_MS, `tree ${n} ran into the hang guard`);
    }
  });
});
