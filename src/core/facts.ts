// Per-file facts: the small summary of a file that repository rules and the maturity level
// read. Computed once per file version and cached by the engine, so re-evaluating a whole PoC
// root after a keystroke costs almost nothing.

import { analyzeCi, type CiFacts } from './parsers/ci';
import { analyzeDeps, type DepsFacts } from './parsers/deps';
import { analyzeDockerfile, type DockerfileFacts } from './parsers/dockerfile';
import { analyzeImports, type ImportFacts } from './parsers/imports';
import { memo, type ParsedFile } from './parsed';
import { basename } from './path';
import { isComposeFile } from './rules/local-path';

export type Signal = 'monitoring' | 'model-registry' | 'retraining' | 'pipeline' | 'experiment-tracking' | 'serving';

export interface FileFacts {
  ci?: CiFacts;
  dockerfile?: DockerfileFacts;
  /** A compose file with a `build:` section. */
  composeBuild?: boolean;
  deps?: DepsFacts;
  /** Python test module (test_*.py, *_test.py, conftest.py, under tests/). */
  test?: boolean;
  /** Importable Python module with definitions (not a test, not a bare script stub). */
  module?: boolean;
  /** Git LFS patterns declared in a .gitattributes. */
  lfsPatterns?: string[];
  /** Python imports (with positions) and pip/conda installs, for import-undeclared. */
  imports?: ImportFacts;
  signals: Signal[];
}

export function dockerfileOf(file: ParsedFile): DockerfileFacts {
  return memo(file, 'dockerfile', () => analyzeDockerfile(file.text));
}

export function ciOf(file: ParsedFile): CiFacts | undefined {
  return memo(file, 'ci', () => analyzeCi(file.path, file.text));
}

export function depsOf(file: ParsedFile): DepsFacts | undefined {
  return memo(file, 'deps', () => analyzeDeps(file.path, file.text));
}

const SIGNAL_PATTERNS: Array<[Signal, RegExp]> = [
  ['monitoring', /\b(evidently|whylogs|nannyml|alibi_detect|alibi-detect|arize|prometheus_client|prometheus-client|fiddler|deepchecks|great_expectations)\b/],
  ['model-registry', /\b(register_model|registered_model_name|MlflowClient|transition_model_version_stage|ModelRegistry|model_registry|aiplatform\.Model\.upload|ModelPackageGroup|wandb\.log_artifact|log_model)\b/],
  ['experiment-tracking', /\b(mlflow|wandb|neptune|comet_ml|clearml|tensorboard|dvclive)\b/],
  ['serving', /\b(fastapi|flask|bentoml|kserve|seldon|ray\.serve|torchserve|gradio|streamlit)\b/],
  ['pipeline', /\b(from airflow|import airflow|kfp\.dsl|from kfp|prefect|dagster|zenml|metaflow|sagemaker\.workflow|vertex_ai\.pipeline)\b/],
];

/** All signals of a text in one pass (one alternation with a group per signal, not five scans). */
const SIGNALS_ONE_PASS = new RegExp(SIGNAL_PATTERNS.map(([, re]) => `(${re.source})`).join('|'), 'g');

export function signalsIn(code: string): Signal[] {
  const found = new Set<Signal>();
  SIGNALS_ONE_PASS.lastIndex = 0;
  for (let m = SIGNALS_ONE_PASS.exec(code); m; m = SIGNALS_ONE_PASS.exec(code)) {
    for (let g = 0; g < SIGNAL_PATTERNS.length; g++) {
      if (m[g * 2 + 1] !== undefined) found.add(SIGNAL_PATTERNS[g][0]);
    }
    if (found.size === SIGNAL_PATTERNS.length) break;
  }
  return SIGNAL_PATTERNS.map(([signal]) => signal).filter((signal) => found.has(signal));
}

/**
 * A test module whose every test is `assert False` / `pass` / `...` (project templates ship one:
 * "def test_code_is_tested(): assert False") is a reminder, not a test suite.
 */
function placeholderTests(text: string): boolean {
  const tests = text.match(/^[ \t]*(?:async[ \t]+)?def[ \t]+test\w*/gm)?.length ?? 0;
  if (!tests) return false;
  const trivial = text.match(/^[ \t]*(?:async[ \t]+)?def[ \t]+test\w*\([^)]*\)[^:\n]*:[ \t]*(?:\n[ \t]*(?:#.*|"{3}[^"]*"{3}|'{3}[^']*'{3})?)*\n?[ \t]*(?:assert[ \t]+False|pass|\.\.\.)[ \t]*(?:#.*)?$/gm)?.length ?? 0;
  return trivial === tests;
}

export function extractFacts(file: ParsedFile): FileFacts {
  const facts: FileFacts = { signals: [] };
  const name = basename(file.path).toLowerCase();
  // `Dockerfile.gpu.dockerignore` (BuildKit's per-Dockerfile ignore file) is named like a Dockerfile but is not one.
  if (file.kind === 'dockerfile' && !name.endsWith('.dockerignore')) facts.dockerfile = dockerfileOf(file);
  const ci = ciOf(file);
  if (ci) facts.ci = ci;
  const deps = depsOf(file);
  if (deps) facts.deps = deps;
  const imports = analyzeImports(file);
  if (imports) facts.imports = imports;
  if (file.kind === 'yaml' && isComposeFile(file.path)) facts.composeBuild = /^\s+build\s*:/m.test(file.text);
  if (name === '.gitattributes') {
    facts.lfsPatterns = file.text.split('\n').filter((l) => /filter=lfs/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
  }
  if (file.kind === 'python') {
    // conftest.py holds fixtures, not tests: alone it is no evidence of a test suite.
    const conftest = name === 'conftest.py';
    facts.test = !conftest && (/(^|\/)(tests?|testing)\//.test(file.path) || /^(test_.*|.*_test)\.py$/.test(name)) && !placeholderTests(file.text);
    const buildFile = /^(setup|noxfile|tasks|fabfile|dodo)\.py$/.test(name);
    facts.module = !facts.test && !conftest && !buildFile && !/(^|\/)(tests?|testing)\//.test(file.path) && /^\s*(def|class|async def)\s/m.test(file.text);
  }
  if (file.kind === 'python' || file.kind === 'notebook' || deps) {
    const code = file.kind === 'notebook' ? file.segments.map((s) => s.text).join('\n') : file.text;
    facts.signals.push(...signalsIn(code));
  }
  if (/^(dvc\.yaml|mlproject|kubeflow.*\.ya?ml|pipeline\.ya?ml|dagster\.ya?ml|zenml.*\.ya?ml)$/.test(name)) facts.signals.push('pipeline');
  if (ci?.scheduled && ci.trains) facts.signals.push('retraining');
  if (name === 'dvc.yaml' && /train/.test(file.text)) facts.signals.push('pipeline');
  return facts;
}
