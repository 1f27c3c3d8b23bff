// What a scaffold needs to know about the repository it is written into, read statically
// (nothing in the workspace is executed): where the dependency file is and which tool installs
// it, the Python version, the command that starts the PoC, and how its tests and linter run.
// Every fact carries the file it came from, so the plan's notes can say why; a fact that cannot
// be known stays undefined and the generated file gets a `TODO(poc-readiness)` instead of a guess.

import { parse as parseToml } from 'smol-toml';
import { decodeText, type FileSystem } from '../fs';
import { basename, dirname, isInside, join } from '../path';
import { walk } from '../walker';
import { isTestPath } from '../rules/util';
import { tomlCostProblem } from '../parsers/limits';

/** How the dependencies install: picks the Dockerfile variant and the CI install step. */
export type Installer = 'requirements' | 'pip-project' | 'poetry' | 'uv' | 'pipenv' | 'conda';

export interface DependencyInfo {
  /** The dependency file, relative to the PoC root ("/" separators). */
  file: string;
  installer: Installer;
  /** Lock file beside it (poetry.lock, uv.lock, pdm.lock, Pipfile.lock). */
  lock?: string;
  /** pyproject.toml's build backend (`poetry.core.masonry.api`, `hatchling.build` …), when declared. */
  backend?: string;
  /** The requirements file names other files (-r, -c, -e, local paths): install it after copying the whole tree. */
  needsTree?: boolean;
  /** A development requirements file for CI (requirements-dev.txt …). */
  dev?: string;
  /** Lower-cased text of the dependency file, to check that a server command is declared. */
  declares: string;
}

export interface Fact<T> {
  value: T;
  /** Where it was read ("Procfile", "pyproject.toml requires-python \">=3.10\""). */
  source: string;
}

export interface EntryPoint {
  /** The command in exec form. */
  argv: string[];
  /** Listens on HTTP (port 8080 in the container). */
  server: boolean;
  /** The server program that must be installed (gunicorn, uvicorn, streamlit, bentoml, gradio). */
  program?: string;
  /** Extra `ENV` lines the command needs (PORT, PYTHONPATH, Gradio's bind address). */
  env: string[];
  /** The file that defines it, relative to the PoC root (for a /health route check). */
  file?: string;
}

export interface CommandInfo {
  command: string;
  /** Packages CI installs to run it (`pytest`, `ruff`, `tox`). */
  install: string[];
}

export interface RepoDetection {
  dependency?: DependencyInfo;
  /** Why no dependency file was chosen when there are several candidates. */
  dependencyTodo?: string;
  python?: Fact<string>;
  entry?: Fact<EntryPoint>;
  /** Why no entry point was chosen (none found, or several candidates), for the TODO. */
  entryTodo?: string;
  test?: Fact<CommandInfo>;
  lint?: Fact<CommandInfo>;
  /** A linter is configured that we cannot turn into one safe command (pylint, mypy). */
  lintTodo?: string;
  /** The entry file serves a /health route (so the container can probe it). */
  healthPath?: string;
}

export const DEFAULT_PYTHON = '3.11';
/** Minor versions with a `python:3.X-slim` image, newest first. */
const KNOWN_MINORS = [13, 12, 11, 10, 9, 8];
export const CONTAINER_PORT = 8080;
/** Servers that answer a health endpoint of their own. */
const BUILT_IN_HEALTH: Record<string, string> = { streamlit: '/_stcore/health', bentoml: '/healthz' };

const MAX_READ = 256 * 1024;
const MAX_PYTHON_FILES = 400;
/** Folders whose contents are not the PoC's own entry points or dependencies. */
const NOT_THE_APP = /(^|\/)(tests?|testing|docs?|examples?|notebooks?|scripts\/dev|site-packages|build|dist|\.[^/]+)\//;

interface Files {
  list: string[];
  set: Set<string>;
  read(rel: string): Promise<string | undefined>;
}

/** Detects what the scaffolds need in the PoC rooted at `root` (absolute). Never throws on bad files. */
export async function detectRepository(fs: FileSystem, root: string): Promise<RepoDetection> {
  let list: string[] = [];
  try {
    // A path with a control character (a newline in a file name) would break the lines it is written into.
    // eslint-disable-next-line no-control-regex
    list = (await walk(fs, root)).files.map((f) => f.path).filter((p) => !/[\u0000-\u001f\u007f\u2028\u2029]/.test(p));
  } catch {
    list = [];
  }
  const cache = new Map<string, Promise<string | undefined>>();
  const files: Files = {
    list,
    set: new Set(list),
    read(rel) {
      let got = cache.get(rel);
      if (!got) {
        got = readText(fs, join(root, rel));
        cache.set(rel, got);
      }
      return got;
    },
  };
  const pyproject = files.set.has('pyproject.toml') ? tomlOf(await files.read('pyproject.toml')) : undefined;
  const out: RepoDetection = {};
  const rootDependency = await dependencyIn(files, '.', pyproject);
  const python = await detectPython(files, pyproject);
  if (python) out.python = python;
  const entry = await detectEntry(files, pyproject, rootDependency);
  const dependency = rootDependency ?? (await subfolderDependency(files, 'todo' in entry ? undefined : entry.value.file));
  if (dependency && 'todo' in dependency) out.dependencyTodo = dependency.todo;
  else if (dependency && !SAFE_TOKEN.test(dependency.file)) out.dependencyTodo = `the dependency file "${dependency.file}" has characters a Dockerfile or CI script would have to quote: rename it, or write its install step by hand`;
  else if (dependency) out.dependency = dependency;
  if ('todo' in entry) out.entryTodo = entry.todo;
  else {
    out.entry = entry;
    const builtIn = entry.value.program ? BUILT_IN_HEALTH[entry.value.program] : undefined;
    if (builtIn) out.healthPath = builtIn;
    else if (entry.value.file && entry.value.server) {
      const text = (await files.read(entry.value.file)) ?? '';
      const health = /["'](\/health(?:z|check)?)["']/.exec(text);
      if (health) out.healthPath = health[1];
    }
  }
  const test = await detectTests(files, pyproject);
  if (test) out.test = test;
  const lint = await detectLint(files, pyproject);
  if (lint && 'todo' in lint) out.lintTodo = lint.todo;
  else if (lint) out.lint = lint;
  return out;
}

async function readText(fs: FileSystem, path: string): Promise<string | undefined> {
  try {
    const bytes = await fs.readFile(path);
    if (bytes.length > MAX_READ) return undefined;
    return decodeText(bytes)?.text;
  } catch {
    return undefined;
  }
}

type Toml = Record<string, unknown>;

function tomlOf(text: string | undefined): Toml | undefined {
  if (!text || tomlCostProblem(text)) return undefined;
  try {
    return parseToml(text) as Toml;
  } catch {
    return undefined;
  }
}

function get(doc: unknown, ...keys: string[]): unknown {
  let v = doc;
  for (const k of keys) {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

const depth = (p: string) => p.split('/').length;

// ---- dependencies ----

/** Dependency files in the order they win within one folder. */
const DEP_ORDER: ReadonlyArray<{ name: RegExp; kind: 'requirements' | 'pyproject' | 'conda' | 'pipfile' | 'setup' }> = [
  { name: /^requirements\.txt$/, kind: 'requirements' },
  { name: /^pyproject\.toml$/, kind: 'pyproject' },
  { name: /^(environment|conda)\.ya?ml$/, kind: 'conda' },
  { name: /^Pipfile$/, kind: 'pipfile' },
  { name: /^setup\.(py|cfg)$/, kind: 'setup' },
  // Last: `requirements/base.txt`, `requirements-prod.txt` when there is no plain requirements.txt.
  { name: /^requirements[-_.](?:prod|production|base|main|app|runtime)\.txt$/i, kind: 'requirements' },
];

/**
 * The dependency file in a subfolder (app/requirements.txt, src/requirements.txt): the one
 * beside or above the entry point, else the only one; several unrelated ones (a course repo,
 * a monorepo of projects) are a TODO, not a pick.
 */
async function subfolderDependency(files: Files, entryFile: string | undefined): Promise<DependencyInfo | { todo: string } | undefined> {
  const dirs = [...new Set(files.list.filter((p) => depth(p) <= 3 && !NOT_THE_APP.test(p)).map(dirname))].filter((d) => d !== '.').sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : 1));
  const found: DependencyInfo[] = [];
  for (const dir of dirs) {
    const dep = await dependencyIn(files, dir, undefined);
    if (dep) found.push(dep);
  }
  if (entryFile) {
    const owner = found.filter((d) => isInside(dirname(d.file), entryFile)).sort((a, b) => depth(b.file) - depth(a.file))[0];
    if (owner) return owner;
  }
  if (found.length <= 1) return found[0];
  return { todo: `several dependency files in subfolders (${found.slice(0, 3).map((d) => d.file).join(', ')}${found.length > 3 ? ', …' : ''}) and none at the root: scaffold in the project's own folder, or point the install at the right one` };
}

async function dependencyIn(files: Files, dir: string, pyproject: Toml | undefined): Promise<DependencyInfo | undefined> {
  const inDir = files.list.filter((p) => dirname(p) === dir);
  for (const { name, kind } of DEP_ORDER) {
    const file = inDir.find((p) => name.test(basename(p)));
    if (!file) continue;
    const text = (await files.read(file)) ?? '';
    const sibling = (n: string) => (files.set.has(join(dir, n)) ? join(dir, n) : undefined);
    const declares = text.toLowerCase();
    if (kind === 'requirements') {
      const needsTree = /^\s*(?:-r|--requirement|-c|--constraint|-e|--editable)\b|^\s*(?:\.{1,2}\/|\.\s*$|file:)/m.test(text);
      const dev = ['requirements-dev.txt', 'requirements_dev.txt', 'dev-requirements.txt', 'requirements-test.txt', 'test-requirements.txt'].map(sibling).find(Boolean);
      return { file, installer: 'requirements', ...(needsTree ? { needsTree } : {}), ...(dev ? { dev } : {}), declares };
    }
    if (kind === 'conda') return { file, installer: 'conda', declares };
    if (kind === 'pipfile') {
      const lock = sibling('Pipfile.lock');
      return { file, installer: 'pipenv', ...(lock ? { lock } : {}), declares };
    }
    if (kind === 'setup') return { file, installer: 'pip-project', declares };
    const doc = dir === '.' ? pyproject : tomlOf(text);
    const backend = get(doc, 'build-system', 'build-backend');
    const lock = ['poetry.lock', 'uv.lock', 'pdm.lock'].map(sibling).find(Boolean);
    const info = { file, declares, ...(typeof backend === 'string' ? { backend } : {}), ...(lock ? { lock } : {}) };
    // Without a build backend, `pip install .` falls back to setuptools' guesses: use the tool the project uses.
    if (typeof backend !== 'string') {
      if (get(doc, 'tool', 'poetry')) return { ...info, installer: 'poetry' };
      if (lock && basename(lock) === 'uv.lock') return { ...info, installer: 'uv' };
    }
    return { ...info, installer: 'pip-project' };
  }
  return undefined;
}

// ---- Python version ----

async function detectPython(files: Files, pyproject: Toml | undefined): Promise<Fact<string> | undefined> {
  const pinned = async (rel: string, re: RegExp, what: string): Promise<Fact<string> | undefined> => {
    if (!files.set.has(rel)) return undefined;
    const m = re.exec((await files.read(rel)) ?? '');
    return m && known(m[1]) ? { value: `3.${m[1]}`, source: `${what} (${m[0].trim()})` } : undefined;
  };
  const found =
    (await pinned('.python-version', /^\s*3\.(\d+)(?:\.\d+)?\s*$/m, '.python-version')) ??
    (await pinned('runtime.txt', /^\s*python-3\.(\d+)(?:\.\d+)?\s*$/m, 'runtime.txt'));
  if (found) return found;
  const conda = files.list.find((p) => /^(environment|conda)\.ya?ml$/.test(p));
  if (conda) {
    const m = /^\s*-\s*python\s*(?:==?|>=)?\s*3\.(\d+)(?:\.[\d*]+)?\s*$/m.exec((await files.read(conda)) ?? '');
    if (m && known(m[1])) return { value: `3.${m[1]}`, source: `${conda} (${m[0].replace(/^\s*-\s*/, '').trim()})` };
  }
  const ranges: Array<[unknown, string]> = [
    [get(pyproject, 'project', 'requires-python'), 'pyproject.toml requires-python'],
    [get(pyproject, 'tool', 'poetry', 'dependencies', 'python'), 'pyproject.toml [tool.poetry.dependencies] python'],
  ];
  if (files.set.has('setup.cfg')) {
    const m = /^\s*python_requires\s*=\s*(.+)$/m.exec((await files.read('setup.cfg')) ?? '');
    if (m) ranges.push([m[1].trim(), 'setup.cfg python_requires']);
  }
  for (const [spec, where] of ranges) {
    if (typeof spec !== 'string' || !spec.trim()) continue;
    const minor = pickMinor(spec);
    if (minor !== undefined) return { value: `3.${minor}`, source: `${where} "${spec.trim()}"` };
  }
  return undefined;
}

function known(minor: string): boolean {
  return KNOWN_MINORS.includes(Number(minor));
}

/**
 * A Python minor version that satisfies a PEP 440 (or Poetry `^`/`~`/`||`) specifier: the
 * default 3.11 when it does, else the allowed one nearest to it (the newer on a tie).
 * Undefined when none does or the specifier cannot be read.
 */
export function pickMinor(spec: string): number | undefined {
  const alternatives = spec.split('||').map((a) => a.trim());
  const ok = (minor: number) => alternatives.some((alt) => alt.split(',').every((c) => clauseAllows(c.trim(), minor)));
  try {
    const defaultMinor = Number(DEFAULT_PYTHON.split('.')[1]);
    const allowed = KNOWN_MINORS.filter(ok);
    return allowed.sort((a, b) => Math.abs(a - defaultMinor) - Math.abs(b - defaultMinor) || b - a)[0];
  } catch {
    return undefined;
  }
}

/** Does some 3.<minor>.x release satisfy one clause? Throws on a clause it cannot read. */
function clauseAllows(clause: string, minor: number): boolean {
  if (clause === '' || clause === '*') return true;
  const m = /^(===|==|!=|~=|>=|<=|>|<|\^|~|=)?\s*(\d+)(?:\.(\d+|\*))?(?:\.(\d+|\*))?$/.exec(clause);
  if (!m) throw new Error(`unreadable clause ${clause}`);
  const op = m[1] ?? '==';
  const major = Number(m[2]);
  const vMinor = m[3] === undefined || m[3] === '*' ? undefined : Number(m[3]);
  const patch = m[4] === undefined || m[4] === '*' ? 0 : Number(m[4]);
  const v = [major, vMinor ?? 0, patch];
  const cmp = (a: number[]) => a[0] - v[0] || a[1] - v[1] || a[2] - v[2];
  // Some 3.<minor>.x satisfies the bound: its newest patch for lower bounds, its first for upper ones.
  const newest = cmp([3, minor, 1e9]);
  const first = cmp([3, minor, 0]);
  switch (op) {
    case '>=':
      return newest >= 0;
    case '>':
      return newest > 0;
    case '<':
      return first < 0;
    case '<=':
      return first <= 0;
    case '!=':
      return !(3 === major && vMinor === minor && (m[4] === undefined || m[4] === '*'));
    case '~=': // ~=3.10 → >=3.10,<4; ~=3.10.2 → >=3.10.2,<3.11
      return m[4] !== undefined ? 3 === major && minor === vMinor : 3 === major && minor >= (vMinor ?? 0);
    case '^':
      return 3 === major && minor >= (vMinor ?? 0);
    case '~':
      return 3 === major && (vMinor === undefined || minor === vMinor);
    default: // ==, ===, =, bare version
      return 3 === major && (vMinor === undefined || minor === vMinor);
  }
}

// ---- entry point ----

const SAFE_TOKEN = /^[A-Za-z0-9_./:=@%+,-]+$/;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SERVERS = ['gunicorn', 'uvicorn', 'streamlit', 'bentoml', 'waitress-serve', 'hypercorn', 'daphne', 'gradio', 'panel', 'flask', 'fastapi'];

type EntryResult = Fact<EntryPoint> | { todo: string };

async function detectEntry(files: Files, pyproject: Toml | undefined, dep: DependencyInfo | undefined): Promise<EntryResult> {
  let procfileTodo: string | undefined;
  if (files.set.has('Procfile')) {
    const procfile = procfileEntry((await files.read('Procfile')) ?? '');
    if (procfile && 'todo' in procfile) procfileTodo = procfile.todo;
    else if (procfile) {
      // `gunicorn app.main:app` → app/main.py, where a /health route may be declared.
      const target = procfile.value.argv.map((a) => /^([A-Za-z_][\w.]*):[A-Za-z_]\w*(?:\(\))?$/.exec(a)?.[1]).find(Boolean);
      const file = target ? [`${target.replace(/\./g, '/')}.py`, `src/${target.replace(/\./g, '/')}.py`].find((f) => files.set.has(f)) : undefined;
      if (file) procfile.value.file = file;
      return procfile;
    }
  }
  const apps = await appObjects(files);
  if (procfileTodo && !apps.length) return { todo: procfileTodo };
  if (apps.length) {
    const best = apps.sort((a, b) => rankFile(a.file) - rankFile(b.file) || depth(a.file) - depth(b.file) || (a.file < b.file ? -1 : 1))[0];
    const tied = apps.filter((a) => rankFile(a.file) === rankFile(best.file) && depth(a.file) === depth(best.file));
    if (tied.length > 1) {
      return { todo: `several apps can be served (${tied.slice(0, 4).map((a) => `${a.what} in ${a.file}`).join(', ')}): set CMD to the one this container serves, e.g. CMD ${JSON.stringify(best.entry.argv).replace(/","/g, '", "')}` };
    }
    const others = apps.filter((a) => a !== best).map((a) => a.file);
    return { value: best.entry, source: `${best.what} in ${best.file}${others.length ? `; also found in ${others.slice(0, 3).join(', ')}` : ''}` };
  }
  // Console scripts run only when the project itself is installed (pip install .).
  if (dep?.installer === 'pip-project' && dep.file === 'pyproject.toml') {
    const scripts = get(pyproject, 'project', 'scripts') ?? get(pyproject, 'tool', 'poetry', 'scripts');
    const names = scripts && typeof scripts === 'object' ? Object.keys(scripts).filter((n) => SAFE_TOKEN.test(n)) : [];
    if (names.length === 1) return { value: { argv: [names[0]], server: false, env: [] }, source: `console script "${names[0]}" in pyproject.toml` };
    if (names.length > 1) return { todo: `pyproject.toml declares several console scripts (${names.join(', ')}): set CMD to the one this container runs, e.g. CMD ["${names[0]}"]` };
  }
  const code = files.list.filter((p) => p.endsWith('.py') && !isTestPath(p) && !NOT_THE_APP.test(p));
  const mains = code.filter((p) => basename(p) === '__main__.py' && dirname(p) !== '.');
  const mainModules = mains.map((p) => moduleOf(dirname(p) + '.py')).filter((m): m is ModuleRef => !!m);
  if (mainModules.length === 1) {
    const m = mainModules[0];
    return { value: { argv: ['python', '-m', m.module], server: false, env: m.env, file: mains[0] }, source: `${mains[0]} (python -m ${m.module})` };
  }
  const scripts: string[] = [];
  for (const p of code.slice(0, MAX_PYTHON_FILES)) {
    if (basename(p) === '__main__.py' || /^(setup|noxfile|tasks|conftest|manage)\.py$/.test(basename(p))) continue;
    if (/^if\s+__name__\s*==\s*['"]__main__['"]\s*:/m.test((await files.read(p)) ?? '')) scripts.push(p);
  }
  const runnable = scripts.filter((p) => SAFE_TOKEN.test(p));
  if (runnable.length === 1 && mainModules.length === 0) {
    return { value: { argv: ['python', runnable[0]], server: false, env: [], file: runnable[0] }, source: `the \`if __name__ == "__main__":\` block of ${runnable[0]}` };
  }
  const candidates = [...mains, ...runnable];
  if (candidates.length) {
    return { todo: `several modules can run (${candidates.slice(0, 4).join(', ')}${candidates.length > 4 ? ', …' : ''}): set CMD to the one this container runs, e.g. CMD ["python", "${runnable[0] ?? candidates[0]}"]` };
  }
  return { todo: 'no Procfile, console script, __main__ module, runnable script or FastAPI / Flask / Streamlit / Gradio / BentoML app found: set CMD to the command that starts this PoC' };
}

/** main.py, app.py … first: where people put the app object. */
function rankFile(p: string): number {
  const i = ['main.py', 'app.py', 'api.py', 'server.py', 'serve.py', 'service.py', 'wsgi.py', 'asgi.py', 'streamlit_app.py'].indexOf(basename(p));
  return i < 0 ? 99 : i;
}

function procfileEntry(text: string): EntryResult | undefined {
  const m = /^web\s*:\s*(.+)$/m.exec(text);
  if (!m) return undefined;
  const line = m[1].trim();
  // Heroku's $PORT is the container's port here; anything else a shell would have to expand.
  const words = line
    .replace(/\$\{PORT(?::-\d+)?\}|\$PORT\b/g, String(CONTAINER_PORT))
    .split(/\s+/)
    .filter(Boolean);
  if (!words.length || !words.every((w) => SAFE_TOKEN.test(w)) || /^(cd|sh|bash|exec)$/.test(words[0])) {
    return { todo: `the Procfile's web command "${line.slice(0, 120)}" needs a shell: write it as CMD in exec form (["program", "arg", …]) with the port ${CONTAINER_PORT}` };
  }
  const program = words[0] === 'python' && words[1] === '-m' ? words[2] : words[0];
  const server = SERVERS.includes(program);
  const argv = [...words];
  // Inside a container the server must listen on all interfaces, on the port the image exposes.
  if (program === 'uvicorn' && !argv.includes('--host')) argv.push('--host', '0.0.0.0');
  if (program === 'uvicorn' && !argv.includes('--port')) argv.push('--port', String(CONTAINER_PORT));
  if (program === 'streamlit' && !argv.some((a) => a.startsWith('--server.port'))) argv.push('--server.port', String(CONTAINER_PORT));
  if (program === 'streamlit' && !argv.some((a) => a.startsWith('--server.address'))) argv.push('--server.address', '0.0.0.0');
  const env = server ? [`PORT=${CONTAINER_PORT}`] : [];
  const changed = argv.length !== words.length || words.join(' ') !== line ? `, on port ${CONTAINER_PORT}` : '';
  return { value: { argv, server, program, env }, source: `Procfile${changed}` };
}

interface ModuleRef {
  module: string;
  env: string[];
}

/** `app/main.py` → `app.main`; `src/pkg/api.py` → `pkg.api` with PYTHONPATH=/app/src. */
function moduleOf(path: string): ModuleRef | undefined {
  let p = path.replace(/\.py$/, '');
  const env: string[] = [];
  const src = p.startsWith('src/') ? 0 : p.lastIndexOf('/src/') + 1;
  if (src > 0 || p.startsWith('src/')) {
    env.push(`PYTHONPATH=/app/${p.slice(0, src + 3)}`);
    p = p.slice(src + 4);
  }
  const parts = p.split('/');
  if (!parts.every((s) => IDENT.test(s))) return undefined;
  return { module: parts.join('.'), env };
}

interface AppHit {
  file: string;
  what: string;
  entry: EntryPoint;
}

async function appObjects(files: Files): Promise<AppHit[]> {
  const hits: AppHit[] = [];
  const candidates = files.list.filter((p) => p.endsWith('.py') && !isTestPath(p) && !NOT_THE_APP.test(p)).slice(0, MAX_PYTHON_FILES);
  for (const file of candidates) {
    const text = await files.read(file);
    if (!text || !/FastAPI|Flask|streamlit|gradio|bentoml/.test(text)) continue;
    const mod = moduleOf(file);
    const port = String(CONTAINER_PORT);
    // `app = FastAPI(…)`, or `app = get_app()` where get_app, defined here, builds one.
    const factoryVar = (framework: RegExp) => {
      for (const m of text.matchAll(/^([A-Za-z_]\w*)\s*=\s*([A-Za-z_]\w*)\(\s*\)\s*$/gm)) {
        const body = new RegExp(`^def\\s+${m[2]}\\s*\\([^)]*\\)[^:]*:[\\s\\S]*?(?=^\\S|(?![\\s\\S]))`, 'm').exec(text)?.[0] ?? '';
        if (framework.test(body)) return m;
      }
      return null;
    };
    const fastapi = /^([A-Za-z_]\w*)\s*(?::\s*\w+\s*)?=\s*(?:fastapi\.)?FastAPI\s*\(/m.exec(text) ?? (/\bFastAPI\s*\(/.test(text) ? factoryVar(/\bFastAPI\s*\(/) : null);
    if (fastapi && mod) {
      hits.push({ file, what: `FastAPI app \`${fastapi[1]}\``, entry: { argv: ['uvicorn', `${mod.module}:${fastapi[1]}`, '--host', '0.0.0.0', '--port', port], server: true, program: 'uvicorn', env: mod.env, file } });
      continue;
    }
    const flask = /^([A-Za-z_]\w*)\s*=\s*(?:flask\.)?Flask\s*\(\s*__name__/m.exec(text) ?? (/\bFlask\s*\(/.test(text) ? factoryVar(/\bFlask\s*\(/) : null);
    const factory = /^def\s+(create_app)\s*\(\s*\)/m.exec(text);
    if ((flask || (factory && /\bFlask\s*\(/.test(text))) && mod) {
      const target = flask ? flask[1] : `${factory![1]}()`;
      hits.push({ file, what: flask ? `Flask app \`${flask[1]}\`` : 'Flask app factory `create_app()`', entry: { argv: ['gunicorn', '--bind', `0.0.0.0:${port}`, `${mod.module}:${target}`], server: true, program: 'gunicorn', env: mod.env, file } });
      continue;
    }
    const bentoClass = /@bentoml\.service\b[^\n]*\n(?:\s*@[^\n]*\n)*\s*class\s+([A-Za-z_]\w*)/.exec(text);
    const bentoSvc = /^([A-Za-z_]\w*)\s*=\s*bentoml\.Service\s*\(/m.exec(text);
    if ((bentoClass || bentoSvc) && mod) {
      const name = bentoClass ? bentoClass[1] : bentoSvc![1];
      hits.push({ file, what: `BentoML service \`${name}\``, entry: { argv: ['bentoml', 'serve', `${mod.module}:${name}`, '--host', '0.0.0.0', '--port', port], server: true, program: 'bentoml', env: mod.env, file } });
      continue;
    }
    if (!SAFE_TOKEN.test(file)) continue;
    if (basename(file) !== '__init__.py' && /^\s*(?:import\s+streamlit\b|from\s+streamlit\b)/m.test(text)) {
      hits.push({ file, what: 'Streamlit app', entry: { argv: ['streamlit', 'run', file, '--server.port', port, '--server.address', '0.0.0.0'], server: true, program: 'streamlit', env: [], file } });
      continue;
    }
    if (/\bgr\.(?:Interface|Blocks|ChatInterface)\s*\(/.test(text) && /\.launch\s*\(/.test(text)) {
      // launch() reads these when its own arguments do not set them.
      hits.push({ file, what: 'Gradio app', entry: { argv: ['python', file], server: true, program: 'gradio', env: ['GRADIO_SERVER_NAME=0.0.0.0', `GRADIO_SERVER_PORT=${port}`], file } });
    }
  }
  return hits;
}

// ---- tests and linters ----

async function detectTests(files: Files, pyproject: Toml | undefined): Promise<Fact<CommandInfo> | undefined> {
  const pytestConfig =
    (get(pyproject, 'tool', 'pytest') ? 'pyproject.toml [tool.pytest.ini_options]' : undefined) ??
    (files.set.has('pytest.ini') ? 'pytest.ini' : undefined) ??
    ((await section(files, 'setup.cfg', /^\[tool:pytest\]/m)) ? 'setup.cfg [tool:pytest]' : undefined) ??
    ((await section(files, 'tox.ini', /^\[pytest\]/m)) ? 'tox.ini [pytest]' : undefined) ??
    (files.set.has('conftest.py') ? 'conftest.py' : undefined);
  if (pytestConfig) return { value: { command: 'python -m pytest', install: ['pytest'] }, source: pytestConfig };
  const makeTest = await makeRecipe(files, 'test');
  if (makeTest !== undefined) return { value: { command: 'make test', install: /\bpytest\b/.test(makeTest) ? ['pytest'] : [] }, source: 'the Makefile `test` target' };
  if (files.set.has('tox.ini') || get(pyproject, 'tool', 'tox')) return { value: { command: 'tox', install: ['tox'] }, source: files.set.has('tox.ini') ? 'tox.ini' : 'pyproject.toml [tool.tox]' };
  if (files.set.has('noxfile.py')) return { value: { command: 'nox', install: ['nox'] }, source: 'noxfile.py' };
  const tests = files.list.filter((p) => /\.py$/.test(p) && /^(test_.*|.*_test)\.py$/.test(basename(p)));
  if (!tests.length) return undefined;
  let unittestOnly = true;
  for (const t of tests.slice(0, 50)) {
    const text = (await files.read(t)) ?? '';
    if (!/\bunittest\b/.test(text) || /\bpytest\b/.test(text) || /^def\s+test/m.test(text)) unittestOnly = false;
  }
  const where = tests.length === 1 ? tests[0] : `${tests.length} test modules (${tests.slice(0, 2).join(', ')}${tests.length > 2 ? ', …' : ''})`;
  if (unittestOnly) {
    const dir = dirname(tests[0]);
    const start = tests.every((t) => dirname(t) === dir) && dir !== '.' ? ` -s ${dir}` : '';
    return { value: { command: `python -m unittest discover${start}`, install: [] }, source: `unittest tests: ${where}` };
  }
  return { value: { command: 'python -m pytest', install: ['pytest'] }, source: `pytest tests: ${where}` };
}

/** The recipe of a Makefile target (its indented lines), or undefined when there is no such target. */
async function makeRecipe(files: Files, target: string): Promise<string | undefined> {
  if (!files.set.has('Makefile')) return undefined;
  const m = new RegExp(`^${target}[ \\t]*:(?!=)[^\\n]*\\n((?:[ \\t]+[^\\n]*(?:\\n|$))*)`, 'm').exec((await files.read('Makefile')) ?? '');
  return m ? m[1] : undefined;
}

async function section(files: Files, rel: string, re: RegExp): Promise<boolean> {
  return files.set.has(rel) && re.test((await files.read(rel)) ?? '');
}

async function detectLint(files: Files, pyproject: Toml | undefined): Promise<Fact<CommandInfo> | { todo: string } | undefined> {
  if (files.set.has('.pre-commit-config.yaml')) return { value: { command: 'pre-commit run --all-files', install: ['pre-commit'] }, source: '.pre-commit-config.yaml' };
  const ruff = get(pyproject, 'tool', 'ruff') ? 'pyproject.toml [tool.ruff]' : ['ruff.toml', '.ruff.toml'].find((f) => files.set.has(f));
  if (ruff) return { value: { command: 'ruff check .', install: ['ruff'] }, source: ruff };
  const flake8 =
    (files.set.has('.flake8') ? '.flake8' : undefined) ??
    ((await section(files, 'setup.cfg', /^\[flake8\]/m)) ? 'setup.cfg [flake8]' : undefined) ??
    ((await section(files, 'tox.ini', /^\[flake8\]/m)) ? 'tox.ini [flake8]' : undefined);
  if (flake8) return { value: { command: 'flake8', install: ['flake8'] }, source: flake8 };
  if (get(pyproject, 'tool', 'black')) return { value: { command: 'black --check .', install: ['black'] }, source: 'pyproject.toml [tool.black]' };
  const makeLint = await makeRecipe(files, 'lint');
  if (makeLint !== undefined) {
    const tools = ['ruff', 'flake8', 'black', 'isort', 'mypy', 'pylint'].filter((t) => new RegExp(`\\b${t}\\b`).test(makeLint));
    return { value: { command: 'make lint', install: tools }, source: 'the Makefile `lint` target' };
  }
  const other = get(pyproject, 'tool', 'pylint') || files.set.has('.pylintrc') ? 'pylint' : get(pyproject, 'tool', 'mypy') || files.set.has('mypy.ini') ? 'mypy' : undefined;
  if (other) return { todo: `${other} is configured: add a lint step that runs it on your package (e.g. \`${other} <package>\`)` };
  return undefined;
}
