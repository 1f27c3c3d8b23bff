// The edit behind "Ignore <rule> on this line", for any face (the extension's code actions, the
// language server): a `poc-readiness-ignore <rule>` comment above the finding's statement, in the
// syntax of what that line is written in, placed where it changes nothing but the linter's view.
// Where no comment can go without changing what the file means (JSON, a parser directive, the
// inside of a data string), no edit is offered: the rule can still be turned off in poc.yaml.

import { classify } from '../parsed';
import { ciProvider, COMMAND_KEYS } from '../parsers/ci';
import { tokenizePython } from '../parsers/python';
import { continuedFrom, MARKER } from '../suppression';
import type { Position } from './local-path';

export interface CommentSyntax {
  prefix: string;
  suffix: string;
}

export interface IgnoreEdit {
  start: Position;
  end: Position;
  newText: string;
}

const HASH: CommentSyntax = { prefix: '# ', suffix: '' };
const SLASHES: CommentSyntax = { prefix: '// ', suffix: '' };
const MARKUP: CommentSyntax = { prefix: '<!-- ', suffix: ' -->' };

/** How a comment is written in a file of this name; undefined where there are none (JSON, data). */
export function commentFor(path: string): CommentSyntax | undefined {
  const lower = path.toLowerCase();
  if (/\.rst$/.test(lower)) return { prefix: '.. ', suffix: '' };
  if (/\.(md|markdown|html?|xml|svg)$/.test(lower)) return MARKUP;
  if (/\.(js|mjs|cjs|ts|java|scala|groovy|go|c|cpp|h|cs|kt|rs|jsonc|swift)$/.test(lower)) return SLASHES;
  if (/\.sql$/.test(lower)) return { prefix: '-- ', suffix: '' };
  if (/\.(ini|cfg)$/.test(lower)) return { prefix: '; ', suffix: '' };
  if (/\.(tex|m)$/.test(lower)) return { prefix: '% ', suffix: '' };
  switch (classify(path)) {
    case 'jenkinsfile':
      return SLASHES;
    case 'json':
    case 'notebook':
    case 'data':
    case 'keyfile':
      return undefined;
  }
  // JSON-like and binary files that classify as `other`.
  if (/\.(json|geojson|ipynb|lock|csv|tsv|parquet|pkl|npy|bin)$/.test(lower)) return undefined;
  return HASH;
}

/**
 * What a notebook code cell's body is written in, from its cell magic: Python without one (or
 * under `%%time`, `%%capture` …), the shell under `%%bash`, the written file's own syntax under
 * `%%writefile conf.yaml`. `python: false` when the body is not Python (no Python edit fits).
 */
export function cellBody(source: string): { python: boolean; comment?: CommentSyntax; magicLine: boolean } {
  const first = /^%%([\w!-]+)[ \t]*([^\r\n]*)/.exec(source);
  if (!first) return { python: true, comment: HASH, magicLine: false };
  const [, magic, args] = first;
  // The first argument that is not an option, quoted or not (`%%writefile -a "my conf.json"`).
  const arg = /(?:^|\s)(?!-)(?:"([^"]*)"|'([^']*)'|(\S+))/.exec(args)?.slice(1).find((a) => a !== undefined) ?? '';
  switch (magic) {
    case 'time':
    case 'timeit':
    case 'capture':
    case 'prun':
    case 'debug':
    case 'python':
    case 'python3':
    case 'pypy':
    case 'px':
    case 'memit':
    case 'mprun':
      return { python: true, comment: HASH, magicLine: true };
    case 'script':
      return { python: /^python/.test(arg), comment: /^(python|bash|sh|zsh|perl|ruby|r$)/i.test(arg) ? HASH : undefined, magicLine: true };
    case 'writefile':
    case 'file':
      return { python: /\.pyw?$/i.test(arg), comment: arg ? commentFor(arg) : undefined, magicLine: true };
    case 'bash':
    case 'sh':
    case 'system':
    case '!':
    case 'perl':
    case 'ruby':
    case 'R':
    case 'cython':
      return { python: false, comment: HASH, magicLine: true };
    case 'javascript':
    case 'js':
      return { python: false, comment: SLASHES, magicLine: true };
    case 'html':
    case 'svg':
    case 'markdown':
      return { python: false, comment: MARKUP, magicLine: true };
    case 'sql':
      return { python: false, comment: { prefix: '-- ', suffix: '' }, magicLine: true };
    case 'latex':
      return { python: false, comment: { prefix: '% ', suffix: '' }, magicLine: true };
  }
  return { python: false, magicLine: true };
}

/**
 * The edit that ignores `ruleId` on 0-based `line` of `text` (a file at `path`, or one notebook
 * cell when `cell`). Adds the id to an ignore comment already above the statement (a second
 * comment line would push the first out of reach); otherwise inserts one above the statement's
 * first line, so a backslash-continued command or statement is not cut in two.
 */
export function ignoreEdit(text: string, path: string, line: number, ruleId: string, cell = false): IgnoreEdit | undefined {
  const lines = text.split('\n');
  if (line < 0 || line >= lines.length) return undefined;
  const lineText = (n: number) => lines[n].replace(/\r$/, '');
  let comment: CommentSyntax | undefined;
  let python = false;
  if (cell) {
    const body = cellBody(text);
    // A cell magic must stay the cell's first line.
    if (body.magicLine && line === 0) return undefined;
    comment = body.comment;
    python = body.python;
  } else {
    comment = commentFor(path);
    python = classify(path) === 'python';
  }
  if (!comment) return undefined;

  const kind = cell ? undefined : classify(path);
  if (kind === 'dockerfile' && line < parserDirectiveCount(lines)) return undefined;
  const start = continues(kind, path) ? continuedFrom((n) => lineText(n), line) : line;
  const offset = offsetOfLine(lines, start);
  const before = text.slice(0, offset);
  if (python && insideString(text, offset)) return undefined;
  if (kind === 'toml' && openString(before, TOML) !== undefined) return undefined;
  if (kind === 'yaml' && !commentableInYaml(lines.map((_, n) => lineText(n)), start, path)) return undefined;
  // A here-document's lines are its data (`cat > conf.json <<EOF`), a make `define`'s are its value.
  if (!python && (insideHeredoc(lines, start) || (kind === 'makefile' && insideDefine(lines, start)))) return undefined;
  if (kind === 'jenkinsfile') {
    // Inside a Groovy ''' / """ string the line is a script: `//` would run as a command.
    const open = openString(before, GROOVY);
    if (open !== undefined) comment = /\bbat\s*\(?\s*(?:script\s*:\s*)?$/.test(before.slice(0, open).trimEnd()) ? { prefix: 'REM ', suffix: '' } : HASH;
  }
  // A recipe line is echoed by make unless it starts with `@`.
  if (kind === 'makefile' && lines[start].startsWith('\t')) comment = { prefix: '@# ', suffix: '' };

  if (start > 0) {
    const above = lineText(start - 1);
    // Only a comment line of its own: a marker trailing code (or in a string) on the line above
    // is that line's, and would also silence the rule there.
    const opener = (s: string) => s.trimStart().replace(/^@/, '');
    const marker = opener(above).startsWith(opener(comment.prefix).trim()) ? MARKER.exec(above) : null;
    if (marker?.[1]) {
      if (marker[1].split(/\s*,\s*/).includes(ruleId)) return undefined;
      const at = marker.index + marker[0].length;
      return { start: { line: start - 1, character: at }, end: { line: start - 1, character: at }, newText: `, ${ruleId}` };
    }
  }
  const eol = lines[start].endsWith('\r') ? '\r\n' : '\n';
  const indent = /^[ \t]*/.exec(lineText(start))![0];
  return { start: { line: start, character: 0 }, end: { line: start, character: 0 }, newText: `${indent}${comment.prefix}poc-readiness-ignore ${ruleId}${comment.suffix}${eol}` };
}

/** BuildKit parser directives (`# syntax=…`, `# escape=…`) open a Dockerfile; a comment before them turns them into comments. */
function parserDirectiveCount(lines: readonly string[]): number {
  let n = 0;
  while (n < lines.length && /^#\s*[a-zA-Z]+\s*=/.test(lines[n])) n++;
  return n;
}

function offsetOfLine(lines: readonly string[], line: number): number {
  let offset = 0;
  for (let n = 0; n < line; n++) offset += lines[n].length + 1;
  return offset;
}

/** Whether a Python string token spans the start of a line (a triple-quoted string's inside). */
function insideString(text: string, offset: number): boolean {
  return tokenizePython(text).some((t) => t.type === 'string' && t.start < offset && offset < t.end);
}

/** How a language writes comments and strings, as far as "is this line inside a multi-line string" needs. */
interface Lexicon {
  lineComment: string;
  blockComment?: [string, string];
  /** Delimiters longest first; `escapes`: a backslash escapes the next character; `multiline`: may span lines. */
  strings: Array<{ delimiter: string; escapes: boolean; multiline: boolean }>;
}

const TOML: Lexicon = {
  lineComment: '#',
  strings: [
    { delimiter: '"""', escapes: true, multiline: true },
    { delimiter: "'''", escapes: false, multiline: true },
    { delimiter: '"', escapes: true, multiline: false },
    { delimiter: "'", escapes: false, multiline: false },
  ],
};

const GROOVY: Lexicon = {
  lineComment: '//',
  blockComment: ['/*', '*/'],
  strings: [
    { delimiter: "'''", escapes: true, multiline: true },
    { delimiter: '"""', escapes: true, multiline: true },
    { delimiter: '"', escapes: true, multiline: false },
    { delimiter: "'", escapes: true, multiline: false },
  ],
};

/** Where the multi-line string that `before` ends inside opens, or undefined (comments and one-line strings skipped). */
function openString(before: string, lexicon: Lexicon): number | undefined {
  const n = before.length;
  for (let i = 0; i < n; ) {
    if (before.startsWith(lexicon.lineComment, i)) {
      const end = before.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
      continue;
    }
    if (lexicon.blockComment && before.startsWith(lexicon.blockComment[0], i)) {
      const end = before.indexOf(lexicon.blockComment[1], i + 2);
      if (end < 0) return undefined;
      i = end + lexicon.blockComment[1].length;
      continue;
    }
    const string = lexicon.strings.find((s) => before.startsWith(s.delimiter, i));
    if (!string) {
      i++;
      continue;
    }
    const opened = i;
    i += string.delimiter.length;
    for (;;) {
      if (i >= n) return string.multiline ? opened : undefined;
      const c = before[i];
      if (string.escapes && c === '\\') i += 2;
      else if (before.startsWith(string.delimiter, i)) {
        i += string.delimiter.length;
        break;
      } else if (c === '\n' && !string.multiline) {
        i++;
        break;
      } else i++;
    }
  }
  return undefined;
}

/** Kinds where a trailing backslash continues a line (a YAML value ending in `\\` is a Windows path; in a CI file it may be a shell command). */
function continues(kind: ReturnType<typeof classify> | undefined, path: string): boolean {
  if (kind === 'yaml') return isCiFile(path);
  return kind !== 'toml' && kind !== 'ini' && kind !== 'json' && kind !== 'markdown' && kind !== 'env';
}

function isCiFile(path: string): boolean {
  return ciProviderOfPath(path) !== undefined;
}

/** Whether `line` is inside a here-document opened above it (`<<EOF`, `<<-'EOF'`, until the line that is the word). */
function insideHeredoc(lines: readonly string[], line: number): boolean {
  let word: string | undefined;
  let dash = false;
  for (let n = 0; n < line; n++) {
    const text = lines[n].replace(/\r$/, '');
    if (word !== undefined) {
      if ((dash ? text.replace(/^\t+/, '') : text).trim() === word) word = undefined;
      continue;
    }
    const opened = /<<(-?)[ \t]*(["']?)([A-Za-z_][\w-]*)\2/.exec(text.replace(/#.*$/, ''));
    if (opened) {
      word = opened[3];
      dash = opened[1] === '-';
    }
  }
  return word !== undefined;
}

/** Whether `line` of a Makefile is inside a `define … endef` variable. */
function insideDefine(lines: readonly string[], line: number): boolean {
  let depth = 0;
  for (let n = 0; n < line; n++) {
    if (/^\s*(?:(?:override|export)\s+)*define\b/.test(lines[n])) depth++;
    else if (/^\s*endef\b/.test(lines[n]) && depth > 0) depth--;
  }
  return depth > 0;
}

/** Whether a comment line can go above `line` of a YAML file without becoming part of a string value. */
function commentableInYaml(lines: readonly string[], line: number, path: string): boolean {
  // In a CI file, a literal block (`|`) under `run:` / `script:` is a shell script: a `#` line
  // there is a shell comment, and the step still does the same. A folded block (`>`) joins its
  // lines, so the comment would swallow the rest of the command; elsewhere a block is data.
  const provider = isCiFile(path) ? ciProviderOfPath(path) : undefined;
  const parentOf = (n: number): string | undefined => {
    const own = indentOf(lines[n]);
    for (let k = n - 1; k >= 0; k--) {
      if (!lines[k].trim() || indentOf(lines[k]) >= own) continue;
      return KEY_LINE.exec(lines[k])?.[2];
    }
    return undefined;
  };
  const isCommandKey = (key: string) => {
    if (!provider || !COMMAND_KEYS.has(key)) return false;
    // GitHub runs `run:`; its `with: script:` is the JavaScript of actions/github-script.
    return provider !== 'github' || key === 'run';
  };
  const structural = (text: string) => /^[ \t]*(?:-(?:[ \t]|$)|#)/.test(text) || KEY_LINE.test(text);
  let indent = indentOf(lines[line]);
  for (let n = line - 1; n >= 0; n--) {
    const text = lines[n];
    if (!text.trim()) continue;
    const own = indentOf(text);
    if (own >= indent) continue;
    indent = own;
    const header = BLOCK_HEADER.exec(text);
    if (header) {
      if (header[3] !== '|') return false;
      if (header[2]) return isCommandKey(header[2]);
      // `- |` in a list: the list's key decides (`script:` then `- |`).
      const listKey = parentOf(n);
      return listKey !== undefined && isCommandKey(listKey);
    }
    // A less indented key or item: the line is a sibling or a child of it, unless it is text
    // that continues a plain or quoted scalar (`cmd: python train.py` then `  --data …`).
    if (structural(text)) return structural(lines[line]);
    // More text: the line may be deeper in a block scalar whose header is further up.
  }
  return structural(lines[line]);
}

function indentOf(text: string): number {
  return /^[ \t]*/.exec(text)![0].length;
}

/** `key:` (plain or quoted, with spaces: `my note:`), as a mapping's line or a list item's first key. */
const KEY_LINE = /^[ \t]*(?:-[ \t]+)?(["']?)([^\s"'#:][^"'#:]*?|[^"']*)\1[ \t]*:(?:[ \t]|$)/;
/** A block scalar's header: `key: |`, `- >-`, `text: &anchor |2`, `tagged: !!str |`. */
const BLOCK_HEADER = /^[ \t]*(?:-[ \t]+)?(?:(["']?)([^"'#:]*?)\1[ \t]*:[ \t]+)?(?:&\S+[ \t]+)?(?:!\S*[ \t]+)?([|>])[-+0-9]*[ \t]*(?:#.*)?$/;

function ciProviderOfPath(path: string): string | undefined {
  const segments = path.split('/');
  for (let k = 0; k < segments.length; k++) {
    const provider = ciProvider(segments.slice(k).join('/'));
    if (provider) return provider;
  }
  return undefined;
}
