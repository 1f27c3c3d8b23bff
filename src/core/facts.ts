// Per-file facts: the small summary of a file that repository rules and the maturity level
// read. Computed once per file version and cached by the engine, so re-evaluating a whole PoC
// root after a keystroke costs almost nothing.

import { analyzeCi, applyCommands, emptyCommandFacts, scriptCommands, type CiFacts, type CommandFacts } from './parsers/ci';
import { analyzeDeps, type DepsFacts } from './parsers/deps';
import { analyzeDockerfile, type DockerfileFacts } from './parsers/dockerfile';
import { analyzeImports, type ImportFacts } from './parsers/imports';
import { memo, type ParsedFile } from './parsed';
import { parse as parseToml } from 'smol-toml';
import { tomlCostProblem } from './parsers/limits';
import { evidenceFromPath, evidenceIn, type EvidenceHit } from './evidence';
import { basename } from './path';
import { isComposeFile } from './rules/local-path';
import { isCiToolingPath, isDocsPath, isToolConfigScript } from './rules/util';

export interface FileFacts {
  ci?: CiFacts;
  dockerfile?: DockerfileFacts;
  /** A compose file with a `build:` section. */
  composeBuild?: boolean;
  /** Build contexts a compose file names (`build: ./app`, `context: ..`), relative to the compose file. */
  composeContexts?: string[];
  deps?: DepsFacts;
  /** Python test module (test_*.py, *_test.py, conftest.py, under tests/). */
  test?: boolean;
  /** Importable Python module with definitions (not a test, not a bare script stub). */
  module?: boolean;
  /** Git LFS patterns declared in a .gitattributes. */
  lfsPatterns?: string[];
  /** Patterns of a .gitignore (blank and comment lines dropped): files that may exist but are never walked. */
  gitignore?: string[];
  /** Patterns of a .dockerignore or `<Dockerfile>.dockerignore`: what leaves the build context. */
  dockerignore?: string[];
  /** Python imports (with positions) and pip/conda installs, for import-undeclared. */
  imports?: ImportFacts;
  /** Positive evidence of readiness seen in this file (see evidence.ts), first place of each. */
  evidence: EvidenceHit[];
  /** Makefile / justfile targets and what each runs (its recipe and the targets it depends on). */
  tasks?: Record<string, CommandFacts>;
  /** Packages a Dockerfile installs by name (`RUN pip install pandas==2.2 xgboost`), not from a requirements file. */
  pipInstalls?: { count: number; line: number };
  /** A shell script, compose file or job definition: what its commands run, for CI that hands work to it. */
  script?: CommandFacts;
}

/** Facts of a file judged by name only (data, `.dvc` pointers, `.flake8`…): no content is read. */
export function factsByName(path: string): FileFacts {
  const hit = evidenceFromPath(path);
  return { evidence: hit ? [hit] : [] };
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

/** pytest functions, unittest cases, or test classes: what makes a file under tests/ a test. */
const DEFINES_TESTS = /^[ \t]*(?:async[ \t]+)?def[ \t]+test|^[ \t]*class[ \t]+\w*Test|\bTestCase\b|^[ \t]*@pytest\b|\bhypothesis\b/m;

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
  const facts: FileFacts = { evidence: evidenceIn(file) };
  const byName = evidenceFromPath(file.path);
  if (byName) facts.evidence.push(byName);
  const name = basename(file.path).toLowerCase();
  // `Dockerfile.gpu.dockerignore` (BuildKit's per-Dockerfile ignore file) is named like a Dockerfile but is not one.
  if (file.kind === 'dockerfile' && !name.endsWith('.dockerignore')) {
    facts.dockerfile = dockerfileOf(file);
    const installs = dockerPipInstalls(file.text);
    if (installs) facts.pipInstalls = installs;
  }
  const ci = ciOf(file);
  if (ci) facts.ci = ci;
  const deps = depsOf(file);
  if (deps) facts.deps = deps;
  const imports = analyzeImports(file);
  if (imports) facts.imports = imports;
  if (file.kind === 'yaml' && isComposeFile(file.path)) {
    facts.composeBuild = /^[ \t]+build[ \t]*:/m.test(file.text);
    const contexts = [...file.text.matchAll(/^[ \t]+(?:build|context)[ \t]*:[ \t]*(["']?)([^\s"'#{}[\]$]+)\1[ \t]*(?:#.*)?$/gm)].map((m) => m[2]);
    if (contexts.length) facts.composeContexts = contexts;
  }
  if (file.kind === 'ignorefile' && (name === '.gitignore' || name.endsWith('.dockerignore'))) {
    facts[name === '.gitignore' ? 'gitignore' : 'dockerignore'] = file.text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  }
  if (name === '.gitattributes') {
    facts.lfsPatterns = file.text.split('\n').filter((l) => /filter=lfs/.test(l)).map((l) => l.trim().split(/\s+/)[0]);
  }
  if (file.kind === 'python') {
    // conftest.py holds fixtures, not tests: alone it is no evidence of a test suite.
    const conftest = name === 'conftest.py';
    // Under tests/ a file counts when it holds tests: an empty tests/__init__.py is a folder, not a suite.
    const underTests = /(^|\/)(tests?|testing)\//.test(file.path);
    const testName = /^(test_.*|.*_test)\.py$/.test(name);
    facts.test = !conftest && (testName || (underTests && DEFINES_TESTS.test(file.text))) && !placeholderTests(file.text);
    const buildFile = /^(setup|noxfile|tasks|fabfile|dodo)\.py$/.test(name);
    // Sphinx's docs/conf.py, a Jupyter server hook, a docs or CI helper script defines functions too, but moves no logic out of a notebook.
    const notPocCode = buildFile || isDocsPath(file.path) || isToolConfigScript(file.path) || isCiToolingPath(file.path);
    facts.module = !facts.test && !conftest && !notPocCode && !/(^|\/)(tests?|testing)\//.test(file.path) && /^[ \t]*(def|class|async def)\s/m.test(file.text);
  }
  if (file.kind === 'makefile') facts.tasks = makeTasks(file.text);
  else if (file.kind === 'toml' && /\[(?:tool\.(?:poe|pdm|hatch|taskipy)|tasks)\b/.test(file.text)) facts.tasks = tomlTasks(file.text);
  else if (file.kind === 'python' && name === 'tasks.py' && /@task\b/.test(file.text)) facts.tasks = invokeTasks(file.text);
  const commands = ci ? undefined : scriptCommands(file.kind, file.text);
  if (commands) facts.script = applyCommands(emptyCommandFacts(), commands);
  return facts;
}

/**
 * What each Makefile / justfile target runs: its recipe, plus the targets it depends on
 * (`ci: lint test`). Read statically; variables and includes are not expanded.
 */
export function makeTasks(text: string): Record<string, CommandFacts> {
  const recipes = new Map<string, { deps: string[]; body: string[] }>();
  let current: { deps: string[]; body: string[] } | undefined;
  for (const line of text.split(/\r?\n/)) {
    const head = /^([A-Za-z0-9_.-]+(?:\s+[A-Za-z0-9_.-]+)*)\s*:(?!=)\s*([^#=]*)$/.exec(line);
    if (head && !/^\s/.test(line)) {
      current = { deps: head[2].trim().split(/\s+/).filter(Boolean), body: [] };
      for (const name of head[1].split(/\s+/)) if (!name.startsWith('.')) recipes.set(name, current);
    } else if (current && /^[\t ]+\S/.test(line)) current.body.push(line.trim().replace(/^[@-]+/, ''));
    else if (line.trim() && !/^#/.test(line.trim())) current = undefined;
  }
  const tasks: Record<string, CommandFacts> = {};
  for (const [name, r] of recipes) tasks[name] = applyCommands(emptyCommandFacts(), r.body);
  // Fold in what dependencies run, to a fixed point (bounded by the number of targets).
  for (let round = 0; round < recipes.size; round++) {
    let changed = false;
    for (const [name, r] of recipes) {
      for (const dep of r.deps) {
        const d = tasks[dep];
        if (d && mergeCommandFacts(tasks[name], d)) changed = true;
      }
    }
    if (!changed) break;
  }
  return tasks;
}

/** Adds what `from` runs to `into`; true when anything changed. */
export function mergeCommandFacts(into: CommandFacts, from: CommandFacts): boolean {
  let changed = false;
  for (const key of ['runsTests', 'buildsImage', 'trains', 'gates', 'deploys', 'lints', 'runsPython', 'delegates'] as const) {
    if (from[key] && !into[key]) {
      into[key] = true;
      changed = true;
    }
  }
  for (const ref of from.refs) if (!into.refs.includes(ref)) (into.refs.push(ref), (changed = true));
  for (const t of from.targets) if (!into.targets.includes(t)) (into.targets.push(t), (changed = true));
  for (const p of from.programs ?? []) if (!into.programs.includes(p)) into.programs.push(p);
  return changed;
}

/** Packages named on `pip install` lines of a Dockerfile (flags, `-r` files and `.` left out). */
function dockerPipInstalls(text: string): { count: number; line: number } | undefined {
  let count = 0;
  let line = 0;
  const lines = text.split('\n');
  lines.forEach((l, i) => {
    for (const m of l.matchAll(/\bpip3?\s+install\s+([^&|;\\]*)/g)) {
      const names = m[1].split(/\s+/).filter((w, k, all) => w && !w.startsWith('-') && !/^-(?:r|c|e)$/.test(all[k - 1] ?? '') && !/^[.\/]/.test(w) && !/\.txt$/.test(w) && /^[A-Za-z0-9]/.test(w));
      if (names.length && !line) line = i + 1;
      count += names.length;
    }
  });
  return count ? { count, line } : undefined;
}

/**
 * Task-runner scripts kept in TOML: poe (`[tool.poe.tasks]`), PDM (`[tool.pdm.scripts]`), Hatch
 * (`[tool.hatch.envs.<env>.scripts]`), taskipy, and mise (`[tasks.<name>] run = …`).
 */
export function tomlTasks(text: string): Record<string, CommandFacts> {
  if (tomlCostProblem(text)) return {};
  let doc: Record<string, any>;
  try {
    doc = parseToml(text) as Record<string, any>;
  } catch {
    return {};
  }
  const tables: Array<Record<string, unknown> | undefined> = [doc.tool?.poe?.tasks, doc.tool?.pdm?.scripts, doc.tool?.taskipy?.tasks, doc.tasks];
  for (const env of Object.values((doc.tool?.hatch?.envs ?? {}) as Record<string, any>)) tables.push(env?.scripts);
  const tasks: Record<string, CommandFacts> = {};
  for (const table of tables) {
    if (!table || typeof table !== 'object') continue;
    for (const [name, value] of Object.entries(table)) {
      const commands = taskCommands(value);
      if (commands.length) tasks[name] = applyCommands(emptyCommandFacts(), commands);
    }
  }
  return tasks;
}

/** `"pytest"`, `["ruff check", "pytest"]`, `{ cmd = "pytest" }`, `{ run = "pytest" }`, `{ shell = … }`, `{ sequence = ["lint", "test"] }`. */
function taskCommands(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(taskCommands);
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    return [v.cmd, v.run, v.shell, v.script, v.call].flatMap(taskCommands).concat(Array.isArray(v.sequence) ? v.sequence.filter((x): x is string => typeof x === 'string').map((t) => `poe ${t}`) : []);
  }
  return [];
}

/** invoke's `tasks.py`: each `@task` function and the commands its `c.run("…")` calls start. */
export function invokeTasks(text: string): Record<string, CommandFacts> {
  const tasks: Record<string, CommandFacts> = {};
  const blocks = text.split(/^@task\b[^\n]*\n/m).slice(1);
  for (const block of blocks) {
    const name = /^def[ \t]+(\w+)/.exec(block)?.[1];
    if (!name) continue;
    const body = block.split(/^\S/m)[0] + (block.match(/^def[^\n]*\n((?:[ \t]+[^\n]*\n?|\n)*)/)?.[1] ?? '');
    const commands = [...body.matchAll(/\.run\(\s*[fr]?(['"])(.*?)\1/g)].map((m) => m[2]);
    tasks[name.replace(/_/g, '-')] = applyCommands(emptyCommandFacts(), commands);
    if (name.includes('_')) tasks[name] = tasks[name.replace(/_/g, '-')];
  }
  return tasks;
}
