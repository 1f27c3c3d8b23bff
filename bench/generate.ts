// Deterministic generator of a realistic ML monorepo for the benchmark: Python packages and
// tests, notebooks with outputs, YAML configs, CI files, Dockerfiles, requirement files, a few
// large data files, and a .gitignore that excludes a virtualenv. Machine-local paths are
// sprinkled in at a known rate and counted, so the benchmark can check what it found.
//
// Same seed + same file count → byte-identical tree.

import * as fs from 'node:fs';
import * as path from 'node:path';

export interface GenerateOptions {
  /** Files the linter sees (everything not excluded by .gitignore). */
  files: number;
  /** Files inside the git-ignored virtualenv (default files / 4). */
  venvFiles?: number;
  seed?: number;
  /** Write the large data files (default true). */
  largeData?: boolean;
  /** Python modules that get a machine-local path (default 0.04). */
  pythonLocalPathRate?: number;
  /** Notebooks with one machine-local path in a cell (default 0.3). */
  notebookLocalPathRate?: number;
  /** YAML configs with one machine-local path value (default 0.03). */
  yamlLocalPathRate?: number;
}

export interface GeneratedTree {
  root: string;
  files: number;
  venvFiles: number;
  bytes: number;
  /** Local paths planted (one per affected file). */
  localPaths: number;
  /** Of those, the ones inside a PoC root (a folder with poc.yaml): files outside every root are not linted. */
  localPathsInPocRoots: number;
  byKind: Record<string, number>;
  /** The 2,000-line Python module and the 100-cell notebook used by the incremental benchmark. */
  bigPython: string;
  bigNotebook: string;
  pocRoots: number;
}

// ---------------------------------------------------------------- PRNG (mulberry32)

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Log-normal-ish integer with the given median, clamped. */
  skewed(median: number, lo: number, hi: number): number {
    const u = this.next() + this.next() + this.next() - 1.5; // ~N(0, 0.5)
    return Math.max(lo, Math.min(hi, Math.round(median * Math.exp(u * 1.6))));
  }
}

const WORDS = [
  'churn', 'fraud', 'forecast', 'ranking', 'embedding', 'feature', 'loader', 'trainer', 'metrics', 'schema', 'pipeline', 'utils',
  'preprocess', 'tokenizer', 'augment', 'sampler', 'registry', 'monitor', 'drift', 'serving', 'batch', 'stream', 'encoder', 'decoder',
  'attention', 'optimizer', 'scheduler', 'callback', 'evaluate', 'inference', 'export', 'calibration', 'labels', 'splits', 'catalog',
];
const USERS = ['alice', 'bob', 'carol', 'dmitri', 'eve', 'farah', 'guo', 'hana'];
const LIBS = ['numpy', 'pandas', 'scikit-learn', 'torch', 'transformers', 'pyyaml', 'mlflow', 'fastapi', 'pydantic', 'lightgbm', 'xgboost', 'scipy', 'matplotlib', 'seaborn', 'tqdm', 'requests'];
const IMPORTS = ['import os', 'import json', 'import logging', 'import numpy as np', 'import pandas as pd', 'import torch', 'from pathlib import Path', 'from typing import Any, Dict, List, Optional', 'from dataclasses import dataclass', 'import yaml'];

function localPath(rng: Rng): string {
  const user = rng.pick(USERS);
  const w = rng.pick(WORDS);
  return rng.pick([
    `/home/${user}/datasets/${w}/train.csv`,
    `/Users/${user}/Documents/${w}/data.parquet`,
    `C:\\\\Users\\\\${user}\\\\${w}\\\\raw.csv`,
    `/content/drive/MyDrive/${w}/features.csv`,
    `/mnt/c/Users/${user}/${w}/model.pkl`,
  ]);
}

// ---------------------------------------------------------------- file bodies

function pyFunction(rng: Rng, name: string): string[] {
  const arg = rng.pick(['df', 'batch', 'x', 'config', 'records']);
  const out = [`def ${name}(${arg}, *, scale: float = ${rng.int(1, 9)}.0, verbose: bool = False):`, `    """Compute ${rng.pick(WORDS)} ${rng.pick(WORDS)} for the given ${arg}."""`];
  const body = rng.int(4, 18);
  for (let i = 0; i < body; i++) {
    switch (rng.int(0, 6)) {
      case 0: out.push(`    ${rng.pick(WORDS)}_${i} = ${arg}[${JSON.stringify(rng.pick(WORDS))}] * scale`); break;
      case 1: out.push(`    if verbose:`, `        logger.info("step %d of ${name}: %s", ${i}, ${JSON.stringify(rng.pick(WORDS))})`); break;
      case 2: out.push(`    for idx, item in enumerate(${arg}):`, `        total_${i} = sum(v for v in item.values() if v is not None)`); break;
      case 3: out.push(`    result = {"name": ${JSON.stringify(rng.pick(WORDS))}, "value": ${rng.next().toFixed(4)}, "tags": [${JSON.stringify(rng.pick(WORDS))}]}`); break;
      case 4: out.push(`    path = Path(config.get("data_dir", "data")) / ${JSON.stringify(rng.pick(WORDS) + '.csv')}`); break;
      case 5: out.push(`    # TODO(${rng.pick(USERS)}): revisit the ${rng.pick(WORDS)} threshold`); break;
      default: out.push(`    value = np.clip(${arg}.mean(axis=0) - ${rng.next().toFixed(3)}, 0, 1)`);
    }
  }
  out.push(`    return ${arg}`, '');
  return out;
}

function pythonModule(rng: Rng, lines: number, planted: string | undefined): string {
  const out: string[] = [`"""${rng.pick(WORDS)} ${rng.pick(WORDS)}: part of the ${rng.pick(WORDS)} pipeline."""`, ''];
  const n = rng.int(2, 6);
  for (let i = 0; i < n; i++) out.push(rng.pick(IMPORTS));
  out.push('', 'logger = logging.getLogger(__name__)', `DEFAULT_BATCH = ${rng.int(8, 512)}`, '');
  if (planted) out.push(`DATA_PATH = "${planted}"`, '');
  let k = 0;
  while (out.length < lines) {
    if (rng.chance(0.15)) {
      out.push(`class ${cap(rng.pick(WORDS))}${cap(rng.pick(WORDS))}${k}:`, `    """A ${rng.pick(WORDS)} component."""`, '', `    def __init__(self, size: int = ${rng.int(1, 99)}):`, '        self.size = size', '');
    } else {
      out.push(...pyFunction(rng, `${rng.pick(WORDS)}_${rng.pick(WORDS)}_${k}`), '');
    }
    k++;
  }
  out.length = Math.max(lines, 1);
  return out.join('\n') + '\n';
}

function testModule(rng: Rng, target: string): string {
  const out = ['import pytest', `from ${target} import *  # noqa`, ''];
  const n = rng.int(2, 12);
  for (let i = 0; i < n; i++) out.push(`def test_${rng.pick(WORDS)}_${i}():`, `    assert ${rng.int(0, 9)} + 1 > ${rng.int(-5, 0)}`, '');
  return out.join('\n');
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

function notebook(rng: Rng, cells: number, planted: string | undefined): string {
  const out: unknown[] = [];
  let exec = 1;
  const plantAt = planted ? rng.int(1, cells - 1) : -1;
  for (let i = 0; i < cells; i++) {
    if (rng.chance(0.25)) {
      out.push({ cell_type: 'markdown', metadata: {}, source: [`## ${cap(rng.pick(WORDS))} ${rng.pick(WORDS)}\n`, '\n', `We look at the ${rng.pick(WORDS)} and the ${rng.pick(WORDS)} of the ${rng.pick(WORDS)} set.`] });
      continue;
    }
    const src: string[] = [];
    if (i === plantAt) src.push(`df = pd.read_csv("${planted}")\n`);
    const n = rng.int(2, 14);
    for (let j = 0; j < n; j++) src.push(rng.pick([
      `df["${rng.pick(WORDS)}"] = df["${rng.pick(WORDS)}"].fillna(0)\n`,
      `model.fit(X_train, y_train)\n`,
      `print(df.describe())\n`,
      `scores = cross_val_score(model, X, y, cv=${rng.int(3, 10)})\n`,
      `plt.plot(history["${rng.pick(WORDS)}"])\n`,
      `X = df.drop(columns=["label"]).values\n`,
    ]));
    if (src.length) src[src.length - 1] = src[src.length - 1].replace(/\n$/, '');
    const outputs: unknown[] = [];
    if (rng.chance(0.6)) {
      const rows = rng.int(3, 30);
      const text = Array.from({ length: rows }, (_, r) => `${r}  ${rng.next().toFixed(6)}  ${rng.next().toFixed(6)}  ${rng.pick(WORDS)}\n`);
      outputs.push({ name: 'stdout', output_type: 'stream', text });
    }
    if (rng.chance(0.08)) {
      // A small inline PNG, as plotting cells carry: base64 is most of a real notebook's weight.
      const bytes = rng.int(3000, 30000);
      let b64 = '';
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
      for (let b = 0; b < bytes; b++) b64 += alphabet[Math.floor(rng.next() * 64)];
      outputs.push({ data: { 'image/png': b64, 'text/plain': ['<Figure size 640x480 with 1 Axes>'] }, metadata: {}, output_type: 'display_data' });
    }
    out.push({ cell_type: 'code', execution_count: exec++, metadata: {}, outputs, source: src });
  }
  return JSON.stringify({
    cells: out,
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python', version: '3.11.6' } },
    nbformat: 4,
    nbformat_minor: 5,
  }, null, 1) + '\n';
}

/** A notebook of exactly `codeCells` code cells (no markdown), for the incremental benchmark. */
function fixedNotebook(rng: Rng, codeCells: number): string {
  const cells = [];
  for (let i = 0; i < codeCells; i++) {
    cells.push({
      cell_type: 'code', execution_count: i + 1, metadata: {},
      outputs: [{ name: 'stdout', output_type: 'stream', text: Array.from({ length: rng.int(2, 12) }, (_, r) => `${r}  ${rng.next().toFixed(6)}\n`) }],
      source: [`x_${i} = df["${rng.pick(WORDS)}"].rolling(${rng.int(2, 30)}).mean()\n`, `print(x_${i}.tail())`],
    });
  }
  return JSON.stringify({ cells, metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 5 }, null, 1) + '\n';
}

function yamlConfig(rng: Rng, planted: string | undefined): string {
  const out = [`# ${rng.pick(WORDS)} experiment`, `experiment: ${rng.pick(WORDS)}-${rng.int(1, 999)}`, 'model:', `  name: ${rng.pick(WORDS)}`, `  hidden_size: ${rng.pick([128, 256, 512, 768])}`, `  dropout: ${rng.next().toFixed(2)}`, 'training:', `  epochs: ${rng.int(1, 100)}`, `  batch_size: ${rng.pick([16, 32, 64, 128])}`, `  learning_rate: ${(rng.next() / 100).toExponential(2)}`, 'data:', `  train_split: data/${rng.pick(WORDS)}/train`, `  eval_split: data/${rng.pick(WORDS)}/eval`];
  if (planted) out.push(`  cache_dir: ${planted}`);
  const extra = rng.int(0, 40);
  for (let i = 0; i < extra; i++) out.push(`  ${rng.pick(WORDS)}_${i}: ${rng.pick(['true', 'false', String(rng.int(0, 1000)), rng.pick(WORDS)])}`);
  return out.join('\n') + '\n';
}

function requirements(rng: Rng): string {
  const n = rng.int(4, 14);
  const libs = new Set<string>();
  while (libs.size < n) libs.add(rng.pick(LIBS));
  return [...libs].map((l) => `${l}==${rng.int(0, 3)}.${rng.int(0, 30)}.${rng.int(0, 9)}`).join('\n') + '\n';
}

function dockerfile(rng: Rng): string {
  return [
    `FROM python:3.11.${rng.int(1, 9)}-slim@sha256:${'a'.repeat(64)}`,
    'WORKDIR /app',
    'COPY requirements.txt .',
    'RUN pip install --no-cache-dir -r requirements.txt',
    'COPY src/ src/',
    'RUN useradd --create-home app',
    'USER app',
    `CMD ["python", "-m", "src.${rng.pick(WORDS)}"]`,
  ].join('\n') + '\n';
}

function workflow(rng: Rng, project: string): string {
  return [
    `name: ${project}`,
    'on:',
    '  push:',
    `    paths: ["projects/${project}/**"]`,
    '  schedule:',
    `    - cron: "${rng.int(0, 59)} ${rng.int(0, 23)} * * 1"`,
    'jobs:',
    '  test:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-python@v5',
    '        with:',
    '          python-version: "3.11"',
    `      - run: pip install -r projects/${project}/requirements.txt`,
    `      - run: pytest projects/${project}/tests`,
    `      - run: docker build -t ${project}:latest projects/${project}`,
  ].join('\n') + '\n';
}

function pocYaml(rng: Rng, project: string): string {
  return [
    `name: ${project}`,
    `owner: ${rng.pick(USERS)}@example.com`,
    `use_case: Reduce ${rng.pick(WORDS)} cost with a ${rng.pick(WORDS)} model`,
    'success_criteria:',
    `  - metric: auc`,
    `    threshold: 0.${rng.int(70, 95)}`,
    'failure_criteria:',
    `  - "No lift over the rules baseline after ${rng.int(4, 12)} weeks"`,
    `decision_date: 2031-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
    'data_requirements: data-requirements.yaml',
  ].join('\n') + '\n';
}

function markdown(rng: Rng): string {
  const out = [`# ${cap(rng.pick(WORDS))} ${rng.pick(WORDS)}`, ''];
  const n = rng.int(5, 60);
  for (let i = 0; i < n; i++) out.push(`The ${rng.pick(WORDS)} step reads the ${rng.pick(WORDS)} table and writes ${rng.pick(WORDS)} features.`);
  return out.join('\n') + '\n';
}

function shell(rng: Rng): string {
  return ['#!/usr/bin/env bash', 'set -euo pipefail', `python -m src.${rng.pick(WORDS)} --config configs/${rng.pick(WORDS)}.yaml "$@"`].join('\n') + '\n';
}

// ---------------------------------------------------------------- the tree

export function generate(root: string, options: GenerateOptions): GeneratedTree {
  const rng = new Rng(options.seed ?? 20240601);
  const target = options.files;
  const venvTarget = options.venvFiles ?? Math.round(target / 4);
  const pyRate = options.pythonLocalPathRate ?? 0.04;
  const nbRate = options.notebookLocalPathRate ?? 0.3;
  const yamlRate = options.yamlLocalPathRate ?? 0.03;
  fs.mkdirSync(root, { recursive: true });

  let files = 0;
  let bytes = 0;
  let localPaths = 0;
  let localPathsInPocRoots = 0;
  let inPocRoot = false;
  const byKind: Record<string, number> = {};
  const dirs = new Set<string>();
  const write = (rel: string, content: string | Buffer, kind: string) => {
    const abs = path.join(root, rel);
    const dir = path.dirname(abs);
    if (!dirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    fs.writeFileSync(abs, content);
    files++;
    bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
  };
  const plant = (rate: number): string | undefined => {
    if (!rng.chance(rate)) return undefined;
    localPaths++;
    if (inPocRoot) localPathsInPocRoots++;
    return localPath(rng);
  };

  // Repository top: .gitignore, CI shared by every project, docs.
  write('.gitignore', ['# Python', '__pycache__/', '*.pyc', '.pytest_cache/', '', '# local virtualenv', 'venv-py311/', '', '# scratch', 'scratch/', '*.tmp', ''].join('\n'), 'ignorefile');
  write('README.md', markdown(rng), 'markdown');
  write('Makefile', 'test:\n\tpytest\n', 'makefile');
  write('pyproject.toml', '[project]\nname = "ml-monorepo"\nversion = "0.1.0"\nrequires-python = ">=3.10"\n[tool.pytest.ini_options]\ntestpaths = ["projects"]\n', 'toml');
  write('.gitlab-ci.yml', 'stages: [test]\ntest:\n  image: python:3.11\n  script:\n    - pip install -r requirements-dev.txt\n    - pytest\n', 'ci');
  write('requirements-dev.txt', requirements(rng), 'requirements');

  // Fixed files for the incremental benchmark.
  const bigPython = 'projects/p00-churn/src/churn/features_big.py';
  write(bigPython, pythonModule(rng, 2000, undefined), 'python');
  const bigNotebook = 'projects/p00-churn/notebooks/exploration_100cells.ipynb';
  write(bigNotebook, fixedNotebook(rng, 100), 'notebook');

  // Large data files: the engine judges them by name and size; rg is told to skip them too.
  if (options.largeData ?? true) {
    const block = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < block.length; i++) block[i] = (i * 2654435761) >>> 24;
    const big = (mb: number) => Buffer.concat(Array.from({ length: mb }, () => block));
    write('projects/p00-churn/data/raw/transactions.parquet', big(48), 'data');
    write('projects/p01-fraud/models/model.safetensors', big(24), 'data');
    write('shared/data/embeddings.npy', big(8), 'data');
  }

  // Projects until the target count is reached; each one a PoC with the usual layout.
  const projectSize = 500;
  const projects = Math.max(1, Math.round(target / projectSize));
  const perProject = Math.floor((target - files - 20) / projects);
  let pocRoots = 0;
  for (let p = 0; p < projects; p++) {
    const name = `p${String(p).padStart(2, '0')}-${WORDS[p % WORDS.length]}`;
    const base = `projects/${name}`;
    const budget = p === projects - 1 ? Number.MAX_SAFE_INTEGER : perProject;
    const start = files;
    const remaining = () => Math.min(budget - (files - start), target - files);
    const hasPoc = p % 3 !== 2;
    inPocRoot = hasPoc;
    if (hasPoc) {
      pocRoots++;
      write(`${base}/poc.yaml`, pocYaml(rng, name), 'yaml');
      write(`${base}/data-requirements.yaml`, 'sources:\n  - name: events\n    owner: data-platform\n    status: approved\n', 'yaml');
    }
    write(`${base}/README.md`, markdown(rng), 'markdown');
    write(`${base}/requirements.txt`, requirements(rng), 'requirements');
    write(`${base}/Dockerfile`, dockerfile(rng), 'dockerfile');
    write(`${base}/.dockerignore`, 'data/\nnotebooks/\n*.pkl\n', 'ignorefile');
    write(`.github/workflows/${name}.yml`, workflow(rng, name), 'ci');
    write(`${base}/scripts/train.sh`, shell(rng), 'shell');
    let m = 0;
    while (remaining() > 0) {
      const r = rng.next();
      const pkg = `${base}/src/${WORDS[(p + m) % WORDS.length]}${Math.floor(m / 40)}`;
      if (r < 0.6) {
        // Python modules (with an __init__.py now and then)
        if (m % 25 === 0) write(`${pkg}/__init__.py`, rng.chance(0.5) ? '' : `from .${rng.pick(WORDS)} import *  # noqa\n`, 'python');
        else write(`${pkg}/${rng.pick(WORDS)}_${m}.py`, pythonModule(rng, rng.skewed(110, 8, 1500), plant(pyRate)), 'python');
      } else if (r < 0.75) {
        write(`${base}/tests/test_${rng.pick(WORDS)}_${m}.py`, testModule(rng, `src.${rng.pick(WORDS)}`), 'python');
      } else if (r < 0.765) {
        write(`${base}/notebooks/${String(m).padStart(3, '0')}-${rng.pick(WORDS)}.ipynb`, notebook(rng, rng.skewed(45, 10, 200), plant(nbRate)), 'notebook');
      } else if (r < 0.89) {
        write(`${base}/configs/${rng.pick(WORDS)}/${rng.pick(WORDS)}_${m}.yaml`, yamlConfig(rng, plant(yamlRate)), 'yaml');
      } else if (r < 0.92) {
        write(`${base}/configs/${rng.pick(WORDS)}_${m}.json`, JSON.stringify({ name: rng.pick(WORDS), size: rng.int(1, 1e6), labels: [rng.pick(WORDS), rng.pick(WORDS)] }, null, 2) + '\n', 'json');
      } else if (r < 0.96) {
        write(`${base}/docs/${rng.pick(WORDS)}_${m}.md`, markdown(rng), 'markdown');
      } else if (r < 0.97) {
        write(`${base}/scripts/${rng.pick(WORDS)}_${m}.sh`, shell(rng), 'shell');
      } else if (r < 0.975) {
        write(`${base}/requirements/${rng.pick(['base', 'gpu', 'serving', 'dev'])}_${m}.txt`, requirements(rng), 'requirements');
      } else {
        // Small data and artefacts: samples, plots, pickles.
        const ext = rng.pick(['.csv', '.png', '.pkl', '.parquet', '.jsonl']);
        write(`${base}/data/samples/${rng.pick(WORDS)}_${m}${ext}`, `id,${rng.pick(WORDS)}\n1,${rng.next()}\n`, 'data');
      }
      m++;
    }
  }

  // The git-ignored virtualenv: site-packages full of Python.
  let venvFiles = 0;
  const venvRoot = path.join(root, 'venv-py311');
  fs.mkdirSync(venvRoot, { recursive: true });
  fs.writeFileSync(path.join(venvRoot, 'pyvenv.cfg'), 'home = /usr/bin\nversion = 3.11.6\n');
  venvFiles++;
  while (venvFiles < venvTarget) {
    const lib = LIBS[venvFiles % LIBS.length].replace('-', '_');
    const dir = path.join(venvRoot, 'lib/python3.11/site-packages', lib, `sub${Math.floor(venvFiles / 200)}`);
    if (!dirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      dirs.add(dir);
    }
    fs.writeFileSync(path.join(dir, `m${venvFiles}.py`), `# vendored\nCACHE = "/home/${USERS[venvFiles % USERS.length]}/.cache/${lib}"\n`);
    venvFiles++;
  }

  return { root, files, venvFiles, bytes, localPaths, localPathsInPocRoots, byKind, bigPython, bigNotebook, pocRoots };
}
