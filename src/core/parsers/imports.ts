// What a file imports and what it installs, for `import-undeclared`: the modules a Python file or
// notebook imports (with their positions, guarded imports left out), and the distributions that
// a Dockerfile, CI step, shell script, Makefile or notebook cell installs with pip or conda.
// Read from tokens, so strings and comments never count; the file is never run.

import type { CodeSegment, ParsedFile } from '../parsed';
import { basename } from '../path';
import { moduleKey, NAMESPACE_PACKAGES, nestsDeeper } from '../pythonModules';
import { PYTHON2_STDLIB_MODULES, STDLIB_MODULES } from '../pythonModules.generated';
import { ciProvider } from './ci';
import { registerAnyCaseWords, wordsOf } from './words';
import { isNameChar, tokenizePython, tokensOf, type Token } from './python';
import { outlineOf } from './pythonOutline';

export interface ImportedModule {
  /** Top-level module, or the leading parts of a namespace package (`google.cloud.storage`). */
  module: string;
  /** 1-based position of the module name in the import statement (in the cell for notebooks). */
  line: number;
  column: number;
  endColumn: number;
  cell?: number;
  /** In a notebook: the line of the raw JSON that holds it (SARIF and code scanning point there). */
  rawLine?: number;
}

export interface ImportFacts {
  /** Modules that are neither standard library nor relative nor guarded; first import of each per file. */
  modules?: ImportedModule[];
  /** Distribution names installed by `pip install` / `conda install` lines of this file (as written). */
  installs?: string[];
  /** Modules a notebook writes or downloads itself (`%%writefile helpers/io.py` → `helpers/io`, `!wget -O utils.py …`), relative to the notebook: first-party. */
  writes?: string[];
}

/** A cell that writes a Python module: `%%writefile utils.py`, `%%file -a src/mprun_demo.py`. */
const WRITES_MODULE = /^%%(?:writefile|file)\s+(?:-a\s+|--append\s+)?["']?(?:\.\/)?((?:[\w.-]+\/)*[A-Za-z_]\w*)\.py["']?\s*$/m;

/** A shell escape that downloads a Python module beside the notebook: `!wget -O utils.py …`, `!curl -sSo helpers/io.py …`. */
const DOWNLOADS_MODULE = /^!\s*(?:wget\b[^\n]*?\s(?:-O\s*|--output-document[= ])|curl\b[^\n]*?\s(?:-[a-np-zA-Z]*o\s*|--output[= ]))["']?(?:\.\/)?((?:[\w.-]+\/)*[A-Za-z_]\w*)\.py["']?(?:\s|$)/;
/** Saved under the URL's own file name: `!wget -q https://…/utils.py`, `!curl -O https://…/utils.py`. */
const DOWNLOADS_MODULE_AS_NAMED = /^!\s*(?:wget\b(?![^\n]*\s(?:-O|--output-document|-P|--directory-prefix))|curl\b(?=[^\n]*\s(?:-[a-zA-Z]*O|--remote-name)))[^\n]*?\s["']?https?:\/\/[^\s"'?#]*\/([A-Za-z_]\w*)\.py["']?(?:\s|$)/;

export function analyzeImports(file: ParsedFile): ImportFacts | undefined {
  const facts: ImportFacts = {};
  if (file.kind === 'python' || file.kind === 'notebook') {
    const modules: ImportedModule[] = [];
    const seen = new Set<string>();
    const installs: string[] = [];
    const writes: string[] = [];
    for (const seg of file.segments) {
      if (seg.language !== 'python') continue;
      const written = file.kind === 'notebook' && seg.text.startsWith('%%') ? WRITES_MODULE.exec(seg.text.slice(0, seg.text.indexOf('\n') >>> 0)) : null;
      if (written) writes.push(written[1]);
      const rawLines = seg.cell !== undefined ? file.notebook?.cells[seg.cell]?.rawLines : undefined;
      for (const m of importsOf(seg)) {
        if (seen.has(m.module)) continue;
        seen.add(m.module);
        const rawLine = rawLines?.[m.line - 1];
        modules.push(rawLine !== undefined ? { ...m, rawLine } : m);
      }
      if (file.kind === 'notebook') {
        const { magics } = outlineOf(seg);
        for (let k = 0; k < magics.length; k += 2) {
          const magic = seg.text.slice(magics[k], magics[k + 1]);
          installs.push(...installedBy(magic.replace(/^[!%]+/, '')));
          // A module the notebook downloads itself is as first-party as one it writes.
          const downloaded = DOWNLOADS_MODULE.exec(magic) ?? DOWNLOADS_MODULE_AS_NAMED.exec(magic);
          if (downloaded) writes.push(downloaded[1]);
        }
      }
      // Tokens only for a module that names an installer somewhere.
      if (INSTALLER_WORDS.some((w) => wordsOf(seg).has(w))) installs.push(...installedOnDemand(tokensOf(seg)));
    }
    if (modules.length) facts.modules = modules;
    if (installs.length) facts.installs = installs;
    if (writes.length) facts.writes = writes;
  } else if (file.kind === 'dockerfile' || file.kind === 'shell' || file.kind === 'makefile' || ciProvider(file.path)) {
    const installs = installsInScript(file.text);
    if (installs.length) facts.installs = installs;
  }
  return facts.modules || facts.installs || facts.writes ? facts : undefined;
}

interface Block {
  indent: number;
  /** Imports in this block may be missing on purpose (`try:` with an ImportError handler decides later). */
  guard: 'yes' | 'no' | { tryId: number };
}

const GUARD_EXCEPTIONS = /\b(ImportError|ModuleNotFoundError|Exception|BaseException)\b/;
/** `if` conditions whose branches import alternatives: typing-only, version, platform and availability checks. */
const CONDITIONAL_IMPORT = /\bTYPE_CHECKING\b|\bsys\s*\.\s*(version_info|platform)\b|\bplatform\s*\.\s*system\b|\bos\s*\.\s*name\b|\bsys\s*\.\s*modules\b|\bfind_spec\b|\bimportlib\b|__version__|\b[A-Z_]*VERSION\b|\bis_\w+_available\b|\b(HAS|HAVE)_[A-Z_]+\b|\b_?[A-Z_]*AVAILABLE\b/;

/** Imports of one Python segment, in order; standard library, relative and guarded imports left out. */
export function importsOf(seg: CodeSegment): ImportedModule[] {
  const out: ImportedModule[] = [];
  const stack: Block[] = [];
  /** For each `try:` by id: does one of its handlers catch ImportError? */
  const tryGuards: boolean[] = [];
  /** Last `try:` / `if` header seen at an indent, so `except` / `else` can find it. */
  const lastTryAt = new Map<number, number>();
  const lastIfGuardAt = new Map<number, boolean>();
  const pending: Array<{ module: ImportedModule; tries: number[] }> = [];

  const src = seg.text;
  const { statements: bounds } = outlineOf(seg);
  for (let k = 0; k < bounds.length; k += 2) {
    // Only the few statement kinds that open a block or import are tokenized; any other is a
    // dedent check (a module is mostly those).
    const start = bounds[k];
    // The statement's column (a loop: most statements are a few spaces from their line's start,
    // and lastIndexOf costs more to call than to run there).
    let lineStart = start;
    while (lineStart > 0 && src.charCodeAt(lineStart - 1) !== 10) lineStart--;
    const indent = start - lineStart;
    while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    const word = statementWord(src, start);
    // An `else:` / `elif` belongs to the `if` directly before it at the same indent.
    if (word !== 'elif' && word !== 'else' && lastIfGuardAt.size) lastIfGuardAt.delete(indent);
    if (!STATEMENT_WORDS.has(word)) continue;
    // A statement ends in its last token, and only the operator `:` ends in a colon (strings end
    // in a quote, names and numbers in a word character, `:=` in `=`): a block opens when the
    // statement's last character is one.
    const endsBlock = src.charCodeAt(bounds[k + 1] - 1) === 58;
    if (BLOCK_ONLY_WORDS.has(word)) {
      // Only where the block is matters (a one-line `def f(): …` opens none): nothing is read from its tokens.
      if (!endsBlock) continue;
      if (word === 'try') {
        const id = tryGuards.push(false) - 1;
        lastTryAt.set(indent, id);
        stack.push({ indent, guard: { tryId: id } });
      } else stack.push({ indent, guard: word === 'else' && lastIfGuardAt.get(indent) === true ? 'yes' : 'no' });
      continue;
    }
    // A one-line `if …: import x` or `with …: …` opens no block, and is no import statement either.
    if (!endsBlock && (word === 'if' || word === 'elif' || word === 'with')) continue;
    const stmt = tokensAt(src, start, bounds[k + 1]);
    const text = () => stmt.map((t) => (t.type === 'string' ? '""' : t.value)).join(' ');
    if (word === 'except') {
      const id = lastTryAt.get(indent);
      const catches = stmt.length <= 2 || GUARD_EXCEPTIONS.test(text());
      if (id !== undefined && catches) tryGuards[id] = true;
      // Imports in the handler are the fallback of a guarded import.
      stack.push({ indent, guard: catches ? 'yes' : 'no' });
      continue;
    }
    if ((word === 'if' || word === 'elif') && endsBlock) {
      const guarded = CONDITIONAL_IMPORT.test(text()) || (word === 'elif' && lastIfGuardAt.get(indent) === true);
      lastIfGuardAt.set(indent, guarded);
      stack.push({ indent, guard: guarded ? 'yes' : 'no' });
      continue;
    }
    if (word === 'with' && endsBlock) {
      stack.push({ indent, guard: /\bsuppress\b/.test(text()) && GUARD_EXCEPTIONS.test(text()) ? 'yes' : 'no' });
      continue;
    }
    if (word !== 'import' && word !== 'from') continue;
    if (stack.some((b) => b.guard === 'yes')) continue;
    const tries = stack.flatMap((b) => (typeof b.guard === 'object' ? [b.guard.tryId] : []));
    for (const module of modulesOfStatement(stmt, seg)) pending.push({ module, tries });
  }
  for (const { module, tries } of pending) if (!tries.some((id) => tryGuards[id])) out.push(module);
  return out;
}

/**
 * The one of STATEMENT_WORDS a statement starts with, or '' (any other name, a number, an
 * operator). Compared in place: no slice and no hash for the many statements that start with
 * some other name. (No statement word is a string prefix, so `if"…"` starts with `if`.)
 */
function statementWord(src: string, start: number): string {
  const candidates = STATEMENT_WORDS_BY_INITIAL[src.charCodeAt(start)];
  if (!candidates) return '';
  let j = start + 1;
  while (j - start <= LONGEST_STATEMENT_WORD && isNameChar(src.charCodeAt(j))) j++;
  if (isNameChar(src.charCodeAt(j))) return '';
  for (const word of candidates) if (word.length === j - start && src.startsWith(word, start)) return word;
  return '';
}

/** The tokens of one statement (comments left out), at their offsets in the segment. */
function tokensAt(src: string, start: number, end: number): Token[] {
  const tokens = tokenizePython(src.slice(start, end)).filter((t) => t.type !== 'comment' && t.type !== 'magic' && t.type !== 'newline');
  for (const t of tokens) {
    t.start += start;
    t.end += start;
    if (t.bodyStart !== undefined) t.bodyStart += start;
    if (t.bodyEnd !== undefined) t.bodyEnd += start;
  }
  return tokens;
}

/** Block headers whose tokens importsOf never reads (`else:` of a version or platform check is its alternative and takes its guard from the `if`; `else:` of a try runs after success). */
const BLOCK_ONLY_WORDS = new Set(['try', 'else', 'def', 'class', 'for', 'while', 'async', 'finally', 'match', 'case']);

/** First words of the statements importsOf reads: block headers that may guard imports, and imports. */
const STATEMENT_WORDS = new Set(['try', 'except', 'if', 'elif', 'else', 'with', 'def', 'class', 'for', 'while', 'async', 'finally', 'match', 'case', 'import', 'from']);
const LONGEST_STATEMENT_WORD = Math.max(...[...STATEMENT_WORDS].map((w) => w.length));
/** STATEMENT_WORDS by the code of their first character (all ASCII). */
const STATEMENT_WORDS_BY_INITIAL: Array<string[] | undefined> = [];
for (const word of STATEMENT_WORDS) (STATEMENT_WORDS_BY_INITIAL[word.charCodeAt(0)] ??= []).push(word);

function modulesOfStatement(stmt: Token[], seg: CodeSegment): ImportedModule[] {
  const out: ImportedModule[] = [];
  const at = (start: number, end: number, dotted: string): ImportedModule | undefined => {
    const top = dotted.split('.')[0];
    // Python 2's standard library too (`import SocketServer`): Python 2 code, not a missing dependency.
    if (STDLIB_MODULES.has(top) || PYTHON2_STDLIB_MODULES.has(top) || !/^[A-Za-z_]\w*$/.test(top)) return undefined;
    const a = seg.lines.position(start);
    const b = seg.lines.position(end);
    if (b.line !== a.line) return undefined;
    return { module: moduleKey(dotted), line: a.line, column: a.column, endColumn: b.column, ...(seg.cell !== undefined ? { cell: seg.cell } : {}) };
  };
  if (stmt[0].value === 'import') {
    // `import a.b as c, d`
    let i = 1;
    while (i < stmt.length) {
      const name = dottedAt(stmt, i);
      if (!name) break;
      const m = at(stmt[i].start, stmt[name.next - 1].end, name.dotted);
      if (m) out.push(m);
      i = name.next;
      if (stmt[i]?.value === 'as') i += 2;
      if (stmt[i]?.value !== ',') break;
      i++;
    }
    return out;
  }
  // `from X import a, b`; relative imports (`from . import x`, `from .m import y`) are first-party.
  if (stmt[1]?.type !== 'name') return out;
  const name = dottedAt(stmt, 1);
  if (!name || stmt[name.next]?.value !== 'import') return out;
  const top = name.dotted.split('.')[0];
  const parts = name.dotted.split('.');
  if (NAMESPACE_PACKAGES.has(top) && parts.length < (nestsDeeper(parts) ? 3 : 2)) {
    // `from google.cloud import storage, bigquery`: each imported name is its own distribution.
    const names = stmt.slice(name.next + 1).filter((t, k, all) => t.type === 'name' && t.value !== 'as' && all[k - 1]?.value !== 'as');
    for (const n of names) {
      const m = at(stmt[1].start, stmt[name.next - 1].end, `${name.dotted}.${n.value}`);
      if (m && !out.some((o) => o.module === m.module)) out.push(m);
    }
    if (names.length) return out;
  }
  const m = at(stmt[1].start, stmt[name.next - 1].end, name.dotted);
  if (m) out.push(m);
  return out;
}

function dottedAt(stmt: Token[], i: number): { dotted: string; next: number } | undefined {
  if (stmt[i]?.type !== 'name') return undefined;
  const parts = [stmt[i].value];
  let j = i + 1;
  while (stmt[j]?.value === '.' && stmt[j + 1]?.type === 'name') {
    parts.push(stmt[j + 1].value);
    j += 2;
  }
  return { dotted: parts.join('.'), next: j };
}

const INSTALLER_NAME = /requirement|install|ensure_package/i;
/** INSTALLER_NAME's words: a segment holding none (in any case) is not tokenized for installs. */
const INSTALLER_WORDS = ['requirement', 'install', 'ensure_package'];
registerAnyCaseWords(INSTALLER_WORDS);

/**
 * Distributions the code installs itself before importing them (yolov5's
 * `check_requirements("nncf>=2.5.0")`, `subprocess.check_call([sys.executable, "-m", "pip", "install", "mss"])`):
 * requirement strings on a line that calls something named like an installer.
 */
function installedOnDemand(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  let installerOnLine = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'newline') installerOnLine = false;
    else if (t.type === 'name' && INSTALLER_NAME.test(t.value)) installerOnLine = true;
    else if (t.type === 'string' && t.value === 'install') installerOnLine = true;
    else if (t.type === 'string' && installerOnLine && /^[A-Za-z0-9][\w.-]*(\[[^\]]*\])?\s*([<>=!~][^'"]*)?$/.test(t.value)) {
      const name = requirementName(t.value);
      if (name && !/^(pip|install|-m)$/.test(name)) out.push(name);
    }
  }
  return out;
}

const INSTALL_COMMAND = /(?:^|[\s;&|(`"'])(?:(?:python|py)[\d.]*\s+-m\s+)?(?:pip[\d.]*|uv\s+pip|conda|mamba|micromamba)\s+install\s+([^;&|`\n]*)/g;
/** Options of pip and conda that take a value (the value is not a package), alone or last in a cluster (`-qr reqs.txt`). */
const OPTION_WITH_VALUE = /^(-[a-zA-Z]*[rcefitnp]|--(requirement|constraint|editable|index-url|extra-index-url|find-links|target|prefix|root|platform|python-version|implementation|abi|only-binary|no-binary|trusted-host|progress-bar|channel|name|file|src|cache-dir|log|upgrade-strategy|config-settings|global-option|report|python|use-feature))$/;
/** Options whose value is a file of declared requirements. */
const FROM_FILE = /^(?:-[a-zA-Z]*r|--requirement|--file)$/;
const EDITABLE_OPTION = /^(?:-[a-zA-Z]*e|--editable)$/;
/** The project itself (`.`, `..[dev]`, `./src`): declared where it is built. */
const LOCAL_PROJECT = /^\.{1,2}(?:\/[^\s]*)?(?:\[[^\]]*\])?$/;

/** One install command of a shell line: the words it installs, its editable installs, and whether it installs declared files or the project. */
export interface InstallCommand {
  /** Package words as written (`torch==2.3`, `{pkg}`), options and their values left out. */
  named: string[];
  /** `-e` values other than the project itself (`git+https://…#egg=lib`). */
  editables: string[];
  /** It installs from a requirements file (`-r`, `--file`) or the project itself (`.`, `-e .`). */
  fromFiles: boolean;
}

/** The install commands of a shell command line (`pip install -U pip && pip install -r reqs.txt` is two). */
export function installCommandsOf(command: string): InstallCommand[] {
  const commands: InstallCommand[] = [];
  INSTALL_COMMAND.lastIndex = 0;
  for (let m = INSTALL_COMMAND.exec(command); m; m = INSTALL_COMMAND.exec(command)) {
    const found: InstallCommand = { named: [], editables: [], fromFiles: false };
    // Variables (`$EXTRAS`, `${{ matrix.torch }}`) name nothing we can know.
    const words = m[1].replace(/\$\{\{[^}]*\}\}|\$\{[^}]*\}|\$\(?\w+\)?/g, ' ').trim().split(/\s+/);
    for (let k = 0; k < words.length; k++) {
      const w = words[k].replace(/^["']|["'),]+$/g, '');
      if (!w || w === '\\') continue;
      if (w.startsWith('-')) {
        if (!OPTION_WITH_VALUE.test(w)) continue;
        const value = words[++k]?.replace(/^["']|["'),]+$/g, '');
        if (FROM_FILE.test(w)) found.fromFiles = true;
        else if (EDITABLE_OPTION.test(w) && value) {
          if (LOCAL_PROJECT.test(value)) found.fromFiles = true;
          else found.editables.push(value);
        }
        continue;
      }
      if (/^[#>]|^2>/.test(w)) break; // a comment or a redirection ends the arguments
      if (LOCAL_PROJECT.test(w)) found.fromFiles = true;
      else found.named.push(w);
    }
    commands.push(found);
  }
  return commands;
}

/** Distribution names a shell command line installs (`pip install -U "torch==2.3" xgboost`). */
export function installedBy(command: string): string[] {
  return installCommandsOf(command).flatMap((c) => c.named.map((w) => requirementName(w)).filter((n): n is string => !!n));
}

/** Installs in a script-like file: continuation lines joined, comment lines dropped. */
function installsInScript(text: string): string[] {
  const out: string[] = [];
  for (const line of text.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    if (/^\s*#/.test(line) || !/install/.test(line)) continue;
    out.push(...installedBy(line));
  }
  return out;
}

/**
 * A VCS URL in its parts: `git+https://github.com/org/peft.git@v0.3.0#egg=peft` is the repository
 * `git+https://github.com/org/peft.git` named `peft`, at ref `v0.3.0`, with fragment `#egg=peft`.
 * The host may hold a user (`git+ssh://git@github.com/…`); a ref may hold slashes (`refs/tags/x`).
 */
export function vcsUrlParts(url: string): { repository: string; name: string; ref?: string; fragment?: string } | undefined {
  const m = /^((?:[a-z]+\+)?[a-z]+:\/\/[^/\s]*\/(?:[^@#?\s]*\/)?([^/@#?\s]+?)(?:\.git)?)(?:@([^#?\s]*))?([#?]\S*)?$/i.exec(url);
  return m ? { repository: m[1], name: m[2], ...(m[3] ? { ref: m[3] } : {}), ...(m[4] ? { fragment: m[4] } : {}) } : undefined;
}

/**
 * The distribution a requirement string names: `torch[cuda]>=2`, `name @ url`, a wheel or sdist URL
 * or file name, a git URL's `#egg=` (or its repository name). Variables and local paths give none.
 */
export function requirementName(spec: string): string | undefined {
  const s = spec.trim();
  if (!s || /^\$|\$\{|\{\{/.test(s)) return undefined;
  const egg = /[#&]egg=([A-Za-z0-9][\w.-]*)/.exec(s);
  if (egg) return egg[1];
  // PEP 508 direct reference: `lm_eval @ git+https://…@v0.4.0` is lm_eval, whatever the URL says.
  const direct = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*@\s*\S/.exec(s);
  if (direct) return direct[1];
  if (/^(git\+|hg\+|svn\+|bzr\+|https?:|file:)/.test(s) || s.includes('/')) {
    const file = basename(s.split(/[?#]/)[0]);
    const archive = /^([A-Za-z0-9][\w.]*?)-\d[^/]*\.(whl|tar\.gz|zip|tar\.bz2)$/.exec(file);
    if (archive) return archive[1];
    // The repository's name, before its ref: `…/peft.git@main` and `…/y.git@refs/tags/v1` name peft and y.
    if (/^git\+|\.git(?:$|@)/.test(s)) return vcsUrlParts(s.split(/\s/)[0])?.name ?? (file.replace(/\.git$/, '') || undefined);
    return undefined;
  }
  const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(s);
  if (!m) return undefined;
  // conda's `channel::name` and `name=1.2=build`
  const conda = /^[\w.-]+::([A-Za-z0-9][\w.-]*)/.exec(s);
  return conda ? conda[1] : m[1];
}
