// Dependency declarations: requirements files, pyproject.toml (PEP 621 and Poetry), Pipfile,
// environment.yml. What the rules need: is anything declared, which entries float, is there a lock.

import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { basename } from '../path';
import { STDLIB_MODULES } from '../pythonModules.generated';
import { requirementName, vcsUrlParts } from './imports';
import { LineIndex } from '../text';
import { MAX_YAML_ALIASES, tomlCostProblem, yamlCostProblem } from './limits';

export type DepsKind = 'requirements' | 'pyproject' | 'pipfile' | 'environment' | 'setup' | 'lock';

export interface DepEntry {
  name: string;
  spec: string;
  /** 1-based position of the entry in the file. */
  line: number;
  column: number;
  endColumn: number;
}

/** A requirements line pip cannot install, or that installs something else than meant. */
export interface InvalidRequirement {
  line: number;
  column: number;
  endColumn: number;
  /** The line as written (comment dropped). */
  text: string;
  /** Why pip fails or misinstalls, and what to write instead. */
  reason: string;
}
/** Unpinned entries listed per file; a generated file of 60,000 floating lines lists these and counts the rest. */
export const MAX_LISTED_UNPINNED = 500;
/** Invalid requirement lines listed per file. */
export const MAX_LISTED_INVALID = 200;

export interface DepsFacts {
  kind: DepsKind;
  count: number;
  /** At most MAX_LISTED_UNPINNED entries; `unpinnedNotListed` counts the others. */
  unpinned: DepEntry[];
  /** Every distribution the file declares, any group or extra (names as written). */
  declared?: string[];
  /** Declares dependencies that cannot be read statically (a computed install_requires, dynamic pyproject dependencies). */
  opaque?: boolean;
  /** Requirements files only: lines that cannot install (not counted as entries, never "unpinned"). */
  invalid?: InvalidRequirement[];
  unpinnedNotListed?: number;
  /** The file itself pins everything transitively (pip-compile output, --hash lines). */
  locked: boolean;
  error?: string;
}

const LOCK_FILES = new Set(['poetry.lock', 'uv.lock', 'pipfile.lock', 'pdm.lock', 'conda-lock.yml', 'conda-lock.yaml', 'requirements.lock', 'pixi.lock']);

export function depsKind(path: string): DepsKind | undefined {
  const name = basename(path).toLowerCase();
  if (LOCK_FILES.has(name) || /\.lock$/.test(name) && /requirements/.test(name)) return 'lock';
  if (isRequirementsName(name) || /(^|\/)requirements\/[^/]+\.(txt|in)$/.test(path)) return 'requirements';
  if (name === 'pyproject.toml') return 'pyproject';
  if (name === 'pipfile') return 'pipfile';
  // Judged by name here and confirmed by content in analyzeDeps (a Helm `env.yaml` is not one).
  if (/^(environment|conda|env)[^/]*\.ya?ml$/.test(name) || /[-_.]conda[^/]*\.ya?ml$|[-_.]env(ironment)?\.ya?ml$|[-_.]dependencies\.ya?ml$/.test(name)) return 'environment';
  if (name === 'setup.py' || name === 'setup.cfg') return 'setup';
  return undefined;
}

/** `requirements.txt`, `requirements-dev.txt`, and the prefixed spellings `test-requirements.txt`, `dev_requirements.in`. */
export function isRequirementsName(lowerName: string): boolean {
  return /^requirements.*\.(txt|in)$/.test(lowerName) || /^[\w.]+[-_]requirements\.(txt|in)$/.test(lowerName);
}

/** A version spec pins when it fixes the version or bounds it from above (`>=` alone floats). */
export function isPinned(spec: string): boolean {
  const s = spec.replace(/;.*$/, '').trim();
  if (!s) return false;
  if (/===?|~=|<|\^|~(?!=)/.test(s)) return true;
  // `name @ git+https://…/x.git@v1.2`: the direct reference is pinned by its ref (see gitFloats), or a wheel / archive.
  if (/@\s*\S+/.test(s)) return (/^@\s*git\+/.test(s) && !gitFloats(s.replace(/^@\s*/, ''))) || /\.whl|#sha256/.test(s) || /\.(whl|tar\.gz|zip)$/.test(s);
  if (/^\d[\w.*+!-]*$/.test(s) && !s.includes('*')) return true; // Poetry / conda "1.2.3"
  if (/^=?\s*\d+(?:\.\d+)+\.\*$/.test(s)) return true; // conda "1.26.*" (and "=1.26.*"): bounded to one minor
  if (/^=\s*\d/.test(s)) return true; // conda "=1.2"
  return false;
}

export function analyzeDeps(path: string, text: string): DepsFacts | undefined {
  const kind = depsKind(path);
  if (!kind) return undefined;
  const facts: DepsFacts = { kind, count: 0, unpinned: [], locked: kind === 'lock' };
  // A conda environment has `dependencies:` (or `channels:`); other YAML with such a name
  // (Helm templates, env-var files) is not a dependency file, broken or not.
  if (kind === 'environment' && !/^(dependencies|channels)\s*:/m.test(text)) return undefined;
  try {
    if (kind === 'requirements') readRequirements(text, facts);
    else if (kind === 'pyproject') readPyproject(text, facts);
    else if (kind === 'pipfile') readPipfile(text, facts);
    else if (kind === 'environment') readEnvironment(text, facts);
    else if (kind === 'setup') {
      facts.count = /install_requires|setup\(/.test(text) ? 1 : 0;
      facts.declared = path.toLowerCase().endsWith('.cfg') ? setupCfgRequirements(text) : setupPyRequirements(text);
      if (!facts.declared.length && /\binstall_requires\b/.test(text)) facts.opaque = true;
    }
  } catch (err) {
    facts.error = (err as Error).message.split('\n')[0];
  }
  if (facts.unpinned.length > MAX_LISTED_UNPINNED) {
    facts.unpinnedNotListed = facts.unpinned.length - MAX_LISTED_UNPINNED;
    facts.unpinned.length = MAX_LISTED_UNPINNED;
  }
  return facts;
}

const REQ_LINE = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$/;
/** A requirement's own pip options (`--hash=sha256:…`, `--config-settings="k=v"`, `--global-option x`): not its version. */
const PER_REQUIREMENT_OPTION = /(?:^|\s)--[\w-]+(?:[=\s](?:"[^"]*"|'[^']*'|(?!-)\S+))?/g;

/** A ref that names one commit: a commit hash, a version tag (`v0.3.0`, `1.0.0-rc.1`, `2.0+cu118`) or a tag ref. */
const FIXED_REF = /^(?:refs\/tags\/\S+|[0-9a-f]{7,64}|v?\d+(?:\.\d+)*(?:[-.]?(?:rc|a|b|alpha|beta|pre|post|dev)\.?\d*)*(?:\+[\w.]+)?)$/i;

/**
 * Does a git requirement (`git+https://…/peft.git`, bare or after `name @`) install whatever a
 * branch holds that day: no ref, or one that is no commit and no version tag (`@main`, `@2.x`)?
 */
function gitFloats(url: string): boolean {
  const ref = vcsUrlParts(url)?.ref;
  return !ref || !FIXED_REF.test(ref);
}

/** The editable flag before a requirement (`-e git+…`, `--editable=…`). */
const EDITABLE = /^(?:-e\s+|--editable[=\s]+)/;

function readRequirements(text: string, facts: DepsFacts): void {
  if (/autogenerated by pip-compile|--hash=sha256:|generated by uv|uv pip compile/.test(text)) facts.locked = true;
  const declared: string[] = (facts.declared = []);
  const invalid: InvalidRequirement[] = (facts.invalid = []);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const first = i;
    let raw = lines[i].replace(/\r$/, '');
    // pip joins a line ending in `\` with the next before it reads comments (`torch\` then
    // `>=2.0` is `torch>=2.0`); a comment line ends the join. Reported on the first line.
    let joined = raw;
    while (joined.endsWith('\\') && !/^\s*#/.test(joined) && i + 1 < lines.length && !/^\s*#/.test(lines[i + 1])) joined = joined.slice(0, -1) + lines[++i].replace(/\r$/, '');
    const line = joined.replace(/(^|\s)#.*$/, '').trim();
    if (!line) continue;
    if (i > first && !raw.includes(line)) raw = raw.replace(/\\$/, '');
    // A template's placeholder (`kedro~={{ cookiecutter.kedro_version }}`, `{% if … %}`): pip only
    // ever reads the rendered file. The name is still declared; the version is not this file's to judge.
    if (/\{\{[^}]*\}\}|\{%[^%]*%\}/.test(line)) {
      const named = /^([A-Za-z0-9][\w.-]*)\s*(?:\[|[<>=!~;]|$)/.exec(line);
      if (named) declared.push(named[1]);
      continue;
    }
    const reason = invalidRequirement(line);
    // A garbage file (a pasted log, a binary renamed .txt) lists its first lines, not thousands.
    if (reason && invalid.length >= MAX_LISTED_INVALID) continue;
    if (reason) {
      const column = raw.indexOf(line) + 1 || /\S|$/.exec(raw)!.index + 1;
      const endColumn = raw.includes(line) ? column + line.length : raw.length + 1;
      invalid.push({ line: first + 1, column, endColumn, text: line, reason });
      // `sagemaker>=2.1.0<3` still means to declare sagemaker: requirement-invalid reports the
      // line, and an import of it is not also "undeclared".
      const meant = /^([A-Za-z0-9][\w.-]*)\s*(?:\[|[<>=!~])/.exec(line);
      if (meant) declared.push(meant[1]);
      continue;
    }
    if (line.startsWith('-') || /^(git\+|https?:|file:|\.{0,2}\/)/.test(line)) {
      // `-e git+…#egg=name`, a wheel URL: still a declaration of that distribution (other options are not).
      const editable = EDITABLE.exec(line);
      const name = editable || !line.startsWith('-') ? requirementName(line.slice(editable?.[0].length ?? 0)) : undefined;
      if (name) declared.push(name);
      // `git+https://…/peft.git` installs whatever the default branch holds that day.
      const vcs = /^git\+\S+/.exec(line.slice(editable?.[0].length ?? 0));
      if (vcs) {
        facts.count++;
        if (gitFloats(vcs[0])) {
          const column = raw.indexOf(vcs[0]) + 1 || 1;
          facts.unpinned.push({ name: name ?? vcs[0], spec: vcs[0], line: first + 1, column, endColumn: column + vcs[0].length });
        }
      }
      continue;
    }
    const m = REQ_LINE.exec(line);
    if (!m) continue;
    declared.push(m[1]);
    facts.count++;
    const spec = m[3].replace(/\\$/, '').replace(PER_REQUIREMENT_OPTION, '').trim();
    if (!isPinned(spec)) {
      const column = raw.indexOf(m[1]) + 1 || 1;
      facts.unpinned.push({ name: m[1], spec, line: first + 1, column, endColumn: Math.min(column + line.length, raw.length + 1) });
    }
  }
}

/**
 * Where `needle` first occurs at or after `after`, in line and column. Callers pass a cursor that
 * moves forward with each entry and one LineIndex per text: thousands of entries stay linear.
 */
function locate(lines: LineIndex, needle: string, after = 0): { line: number; column: number; endColumn: number; at: number } {
  let at = lines.text.indexOf(needle, after);
  if (at < 0 && after > 0) at = lines.text.indexOf(needle);
  if (at < 0) at = 0;
  const { line, column } = lines.position(at);
  return { line, column, endColumn: column + needle.length, at };
}

/** smol-toml, after the cost pre-scan (deep nesting and long dotted keys cost it far more than their size). */
function parseTomlBounded(text: string): any {
  const tooCostly = tomlCostProblem(text);
  if (tooCostly) throw new Error(`not read: ${tooCostly}`);
  return parseToml(text);
}

function readPyproject(text: string, facts: DepsFacts): void {
  const doc = parseTomlBounded(text);
  let index: LineIndex | undefined;
  const lines = () => (index ??= new LineIndex(text));
  const pep621: unknown = doc?.project?.dependencies;
  if (Array.isArray(pep621)) {
    let cursor = Math.max(0, text.indexOf('dependencies'));
    for (const entry of pep621) {
      if (typeof entry !== 'string') continue;
      facts.count++;
      const m = REQ_LINE.exec(entry.trim());
      if (m && !isPinned(m[3])) {
        const { at, ...where } = locate(lines(), entry, cursor);
        cursor = Math.max(cursor, at + 1);
        facts.unpinned.push({ name: m[1], spec: m[3], ...where });
      }
    }
  }
  const poetry = doc?.tool?.poetry?.dependencies;
  if (poetry && typeof poetry === 'object') {
    let cursor = Math.max(0, text.indexOf('[tool.poetry.dependencies]'));
    for (const [name, value] of Object.entries(poetry)) {
      if (name.toLowerCase() === 'python') continue;
      facts.count++;
      if (fixedSource(value)) continue;
      const spec = typeof value === 'string' ? value : typeof (value as any)?.version === 'string' ? (value as any).version : '';
      if (!isPinned(spec)) {
        const { at, ...where } = locateKey(lines(), name, cursor);
        cursor = Math.max(cursor, at + 1);
        facts.unpinned.push({ name, spec, ...where });
      }
    }
  }
  facts.declared = pyprojectDeclared(doc);
  if (Array.isArray(doc?.project?.dynamic) && doc.project.dynamic.includes('dependencies')) facts.opaque = true;
  if (doc?.tool?.pdm || doc?.tool?.uv || doc?.tool?.hatch || doc?.['build-system']) facts.count = Math.max(facts.count, Array.isArray(pep621) ? facts.count : 1);
}

/**
 * Entries that cannot float: a wheel URL, a local path or editable install, a git ref, a file,
 * or a list of constraints each pinned (Poetry's per-marker lists).
 */
function fixedSource(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0 && value.every((v) => fixedSource(v) || (typeof (v as any)?.version === 'string' && isPinned((v as any).version)));
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.url === 'string' || typeof v.path === 'string' || typeof v.file === 'string' || v.editable === true || typeof v.git === 'string';
}

/** Position of a `name = …` key line in a TOML section (not a substring of another name). */
function locateKey(lines: LineIndex, name: string, after: number): { line: number; column: number; endColumn: number; at: number } {
  const re = new RegExp(`^[ \\t]*["']?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?[ \\t]*=`, 'mg');
  re.lastIndex = Math.max(0, after);
  const m = re.exec(lines.text);
  if (!m) return locate(lines, name, after);
  const at = m.index + m[0].indexOf(name.charAt(0), m[0].search(/\S/));
  const { line, column } = lines.position(at);
  return { line, column, endColumn: column + name.length, at };
}

function readPipfile(text: string, facts: DepsFacts): void {
  const doc = parseTomlBounded(text);
  facts.declared = [...Object.keys(objectOr(doc?.packages)), ...Object.keys(objectOr(doc?.['dev-packages']))];
  const lines = new LineIndex(text);
  let cursor = Math.max(0, text.indexOf('[packages]'));
  for (const [name, value] of Object.entries(doc?.packages ?? {})) {
    facts.count++;
    if (fixedSource(value)) continue;
    const spec = typeof value === 'string' ? value : typeof (value as any)?.version === 'string' ? (value as any).version : '';
    if (spec === '*' || !isPinned(spec)) {
      const { at, ...where } = locateKey(lines, name, cursor);
      cursor = Math.max(cursor, at + 1);
      facts.unpinned.push({ name, spec, ...where });
    }
  }
}

function readEnvironment(text: string, facts: DepsFacts): void {
  const tooCostly = yamlCostProblem(text);
  if (tooCostly) throw new Error(`not read: ${tooCostly}`);
  const doc = parseYaml(text, { maxAliasCount: MAX_YAML_ALIASES, logLevel: 'error' }) as { dependencies?: unknown[] } | null;
  const deps = Array.isArray(doc?.dependencies) ? doc!.dependencies : [];
  const lines = new LineIndex(text);
  let cursor = text.indexOf('dependencies');
  const declared: string[] = (facts.declared = []);
  for (const d of deps) {
    const items = typeof d === 'string' ? [d] : Array.isArray((d as any)?.pip) ? ((d as any).pip as unknown[]) : [];
    for (const item of items) {
      if (typeof item !== 'string') continue;
      const declaredName = typeof d === 'string' ? /^(?:[\w.-]+::)?([A-Za-z0-9][\w.-]*)/.exec(item.trim())?.[1] : requirementName(item);
      if (declaredName) declared.push(declaredName);
      // A git URL is judged by its ref, as in a requirements file; other URLs and paths (./pkg) are not registry names.
      const vcs = typeof d === 'string' ? null : /^git\+\S+/.exec(item.trim().replace(EDITABLE, ''));
      if (vcs) {
        facts.count++;
        const { at, ...where } = locate(lines, vcs[0], cursor);
        cursor = Math.max(cursor, at + 1);
        if (gitFloats(vcs[0])) facts.unpinned.push({ name: declaredName ?? vcs[0], spec: vcs[0], ...where });
        continue;
      }
      if (/^(git\+|https?:|file:|\.{0,2}\/)/.test(item.trim())) continue;
      const name = item.split(/[=<>~!\s\[]/)[0];
      if (!name || /^python$/i.test(name) || /^(pip|-)$/.test(name) || item.startsWith('-')) continue;
      facts.count++;
      const spec = item.slice(name.length).trim();
      const { at, ...where } = locate(lines, item, cursor);
      cursor = Math.max(cursor, at + 1);
      if (!isPinned(spec)) facts.unpinned.push({ name, spec, ...where });
    }
  }
}

function objectOr(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function requirementNames(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => (typeof entry === 'string' ? [requirementName(entry)].filter((n): n is string => !!n) : []));
}

/** Every group a pyproject can declare: PEP 621 and its extras, PEP 735 groups, Poetry, PDM, Hatch, uv. */
function pyprojectDeclared(doc: any): string[] {
  const project = objectOr(doc?.project);
  const tool = objectOr(doc?.tool);
  const poetry = objectOr(tool.poetry);
  const poetryKeys = (table: unknown) => Object.keys(objectOr(table)).filter((k) => k.toLowerCase() !== 'python');
  return [
    ...requirementNames(project.dependencies),
    ...Object.values(objectOr(project['optional-dependencies'])).flatMap(requirementNames),
    ...Object.values(objectOr(doc?.['dependency-groups'])).flatMap(requirementNames),
    ...poetryKeys(poetry.dependencies),
    ...poetryKeys(poetry['dev-dependencies']),
    ...Object.values(objectOr(poetry.group)).flatMap((g) => poetryKeys(objectOr(g).dependencies)),
    ...Object.values(objectOr(objectOr(tool.pdm)['dev-dependencies'])).flatMap(requirementNames),
    ...requirementNames(objectOr(tool.uv)['dev-dependencies']),
    ...Object.values(objectOr(objectOr(tool.hatch).envs)).flatMap((env) => [...requirementNames(objectOr(env).dependencies), ...requirementNames(objectOr(env)['extra-dependencies'])]),
  ];
}

/**
 * setup.py read statically: the string literals of `install_requires`, `extras_require`,
 * `tests_require` (directly, or through a module-level `NAME = [...]` they name). Never run.
 */
function setupPyRequirements(text: string): string[] {
  const out: string[] = [];
  const code = text.replace(/^\s*#.*$/gm, '');
  for (const m of code.matchAll(/\b(install_requires|extras_require|tests_require)\s*=\s*([\[{(]|[A-Za-z_]\w*)/g)) {
    let start = m.index! + m[0].length - m[2].length;
    if (/^[A-Za-z_]/.test(m[2])) {
      const assigned = new RegExp(`^${m[2]}\\s*=\\s*[\\[{(]`, 'm').exec(code);
      if (!assigned) continue;
      start = assigned.index + assigned[0].length - 1;
    }
    const body = bracketed(code, start);
    // Keys of extras_require ("dev": [...]) are names of extras, not distributions.
    for (const s of body.matchAll(/"([^"\\\n]*)"|'([^'\\\n]*)'/g)) {
      if (/^\s*:/.test(body.slice(s.index! + s[0].length))) continue;
      const name = requirementName(s[1] ?? s[2]);
      if (name) out.push(name);
    }
  }
  return out;
}

/** Text from an opening bracket at `start` to its matching close (strings respected). */
function bracketed(code: string, start: number): string {
  let depth = 0;
  let quote = '';
  for (let i = start; i < code.length; i++) {
    const c = code[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{' || c === '(') depth++;
    else if (c === ']' || c === '}' || c === ')') {
      if (--depth === 0) return code.slice(start, i + 1);
    }
  }
  return code.slice(start);
}

/** setup.cfg: `install_requires =` under [options] and every key of [options.extras_require], with continuation lines. */
function setupCfgRequirements(text: string): string[] {
  const out: string[] = [];
  let section = '';
  let inList = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\s[#;].*$/, '');
    const header = /^\s*\[([^\]]+)\]/.exec(line);
    if (header) {
      section = header[1].trim();
      inList = false;
      continue;
    }
    if (/^\S/.test(line)) {
      const kv = /^([\w.-]+)\s*[=:]\s*(.*)$/.exec(line);
      inList = !!kv && ((section === 'options' && /^(install_requires|tests_require)$/.test(kv[1])) || section === 'options.extras_require');
      if (inList && kv![2].trim()) out.push(...kv![2].split(/[,;]/).map((v) => requirementName(v)).filter((n): n is string => !!n));
      continue;
    }
    if (inList && line.trim() && !/^\s*[#;]/.test(line)) {
      const name = requirementName(line.trim());
      if (name) out.push(name);
    }
  }
  return out;
}

/** Distribution names that never install what the import name suggests (PyPI placeholders and look-alikes). */
const MISNAMED: Record<string, string> = {
  sklearn: "names the deprecated 'sklearn' placeholder distribution, which fails to install since December 2023. Write scikit-learn (still imported as sklearn).",
  skimage: "names 'skimage', which is not the scikit-image distribution: pip does not install scikit-image from it. Write scikit-image (imported as skimage).",
  cv2: "names 'cv2', which no distribution is called: pip stops on it. Write opencv-python (opencv-python-headless on a server; imported as cv2).",
  pil: "names 'PIL', which has no release for Python 3: pip stops on it. Write Pillow (imported as PIL).",
  yaml: "names 'yaml', which no distribution is called: pip stops on it. Write PyYAML (imported as yaml).",
  dotenv: "names 'dotenv', an old unrelated distribution that fails to build. Write python-dotenv (imported as dotenv).",
  'tensorflow-gpu': "names 'tensorflow-gpu', which was removed (its recent releases refuse to install). Write tensorflow, which includes GPU support (tensorflow[and-cuda] on Linux).",
};

const SPECIFIER = /^(?:(?:===|==|~=|!=|<=|>=|<|>)\s*[\w.*+!-]+)(?:\s*,\s*(?:===|==|~=|!=|<=|>=|<|>)\s*[\w.*+!-]+)*$/;

/** Why a requirements line cannot install as meant (message with the fix), or undefined when it is fine. */
export function invalidRequirement(line: string): string | undefined {
  if (/^(import|from)\s+[A-Za-z_][\w.]*(\s|$)/.test(line)) {
    const mod = /^(?:import|from)\s+([A-Za-z_]\w*)/.exec(line)![1];
    return STDLIB_MODULES.has(mod)
      ? `is Python code, not a requirement: pip stops on it. Remove the line (${mod} is part of Python's standard library).`
      : `is Python code, not a requirement: pip stops on it. List the distribution that provides '${mod}' instead.`;
  }
  if (/^[!%]?\s*(?:sudo\s+)?(?:(?:python3?\s+-m\s+)?pip3?|conda|mamba|apt(?:-get)?|brew)\s+install\b/.test(line)) {
    const names = line.replace(/^.*?\binstall\b/, '').trim().split(/\s+/).filter((w) => w && !w.startsWith('-'));
    return `is a shell command, not a requirement: pip stops on it. Write the distributions themselves, one a line${names.length ? ` (${names.join(', ')})` : ''}.`;
  }
  if (/^[A-Za-z_][\w.]*\s*\(\s*(['"\])]|[A-Za-z_])/.test(line) && !/;/.test(line.split('(')[0])) {
    return `is Python code (a call), not a requirement: pip stops on it. Run it from code or a setup script${/\./.test(line) ? ` and declare '${line.split('.')[0]}' here` : ''}.`;
  }
  if (/^-\s+\S/.test(line) || /^\*\s+\S/.test(line)) return `is a list item, not a requirement: pip stops on it. Write '${line.replace(/^[-*]\s+/, '')}' without the bullet.`;
  if (line.startsWith('-') || /^(git\+|hg\+|svn\+|bzr\+|https?:|file:|\.{0,2}\/)/.test(line)) return undefined;
  const m = REQ_LINE.exec(line);
  if (!m) return /^(<{7}|={7}|>{7})/.test(line) ? 'is a merge-conflict marker: pip stops on it. Resolve the conflict.' : 'is not a requirement pip can read (PEP 508: name, optional [extras], version specifiers): pip stops on it.';
  const name = m[1];
  const rest = m[3].replace(/\\$/, '').replace(PER_REQUIREMENT_OPTION, '').trim();
  const spec = rest.split(';')[0].trim();
  const marker = rest.includes(';');
  if (/^file:\/\//.test(spec.replace(/^@\s*/, '')) || /^@\s*file:/.test(spec)) {
    return `points at a file on the author's machine (${spec.replace(/^@\s*/, '').slice(0, 60)}), as \`pip freeze\` writes inside conda: nobody else can install it. Write ${name}==<version> (\`pip list --format=freeze\` gives them).`;
  }
  if (spec.startsWith('@')) return undefined;
  if (/^python$/i.test(name)) return "names Python itself, which pip cannot install: pip stops on it. Remove the line; state the version in pyproject's requires-python, .python-version or the Dockerfile's base image.";
  const misnamed = MISNAMED[name.toLowerCase()];
  // tensorflow-gpu releases before 2.12 still install where their Python is supported.
  const oldTensorflowGpu = name.toLowerCase() === 'tensorflow-gpu' && /^(===?|~=|<=?)\s*(1\.|2\.([0-9]|1[01])\b)/.test(spec);
  if (misnamed && !oldTensorflowGpu) return misnamed;
  if (!marker && STDLIB_MODULES.has(name.toLowerCase().replace(/-/g, '_')) && !/^_/.test(name)) {
    return `names '${name}', part of Python's standard library: pip finds no such distribution, or an outdated backport that shadows the built-in module. Remove the line.`;
  }
  if (/^=(?!=)/.test(spec)) {
    const version = spec.slice(1).split('=')[0].trim();
    return `uses conda's '=' (pip needs '=='): pip stops on it. Write ${name}==${version || '<version>'}${/=.*=/.test(spec) ? " (the build string after the second '=' is conda's, drop it)" : ''}.`;
  }
  if (/^\d/.test(spec)) return `has a version without an operator (as \`conda list\` prints it): pip stops on it. Write ${name}==${spec.split(/\s+/)[0]}.`;
  if (spec.startsWith(',')) return 'lists several requirements on one line: pip stops on it. Write one requirement a line.';
  if (spec && !SPECIFIER.test(spec) && !/^\(.*\)$/.test(spec)) return `has a version part pip cannot read ('${spec}'): pip stops on it. Use PEP 440 specifiers separated by commas, e.g. ${name}>=1.0,<2.0.`;
  return undefined;
}
