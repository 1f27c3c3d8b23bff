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
  const arg = args.split(/\s+/).filter((a) => a && !a.startsWith('-'))[0] ?? '';
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
  const start = continuedFrom((n) => lineText(n), line);
  const offset = offsetOfLine(lines, start);
  if (python && insideString(text, offset)) return undefined;
  if (kind === 'toml' && insideTripleQuotes(text.slice(0, offset), ['"""', "'''"])) return undefined;
  if (kind === 'yaml' && !commentableInYaml(lines.map((_, n) => lineText(n)), start, path)) return undefined;
  // Inside a Groovy ''' / """ string (a Jenkinsfile's `sh '''…'''`) the line is shell: a `//` line would run.
  if (kind === 'jenkinsfile' && insideTripleQuotes(text.slice(0, offset), ["'''", '"""'])) comment = HASH;

  if (start > 0) {
    const above = lineText(start - 1);
    const marker = MARKER.exec(above);
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

/** Whether `before` ends inside a string opened by one of these delimiters (TOML, Groovy). */
function insideTripleQuotes(before: string, delimiters: readonly string[]): boolean {
  let open: string | undefined;
  for (let i = 0; i < before.length; ) {
    if (open) {
      if (before.startsWith(open, i)) {
        i += open.length;
        open = undefined;
      } else i += before[i] === '\\' ? 2 : 1;
      continue;
    }
    const found = delimiters.find((d) => before.startsWith(d, i));
    if (found) {
      open = found;
      i += found.length;
    } else i++;
  }
  return open !== undefined;
}

/** Whether a comment line can go above `line` of a YAML file without becoming part of a string value. */
function commentableInYaml(lines: readonly string[], line: number, path: string): boolean {
  // In a CI file, a block under `run:` / `script:` is a shell script: a `#` line there is a shell
  // comment, and the step still does the same. Elsewhere a block scalar is data.
  const segments = path.split('/');
  const ci = segments.some((_, k) => ciProvider(segments.slice(k).join('/')) !== undefined);
  const isCommandKey = (key: string) => ci && COMMAND_KEYS.has(key);
  const indentOf = (s: string) => /^[ \t]*/.exec(s)![0].length;
  let indent = indentOf(lines[line]);
  for (let n = line - 1; n >= 0; n--) {
    const text = lines[n];
    if (!text.trim()) continue;
    const own = indentOf(text);
    if (own >= indent) continue;
    indent = own;
    // The nearest less-indented line: a block scalar's header, or an ordinary key or item.
    const header = /^[ \t]*(?:-[ \t]+)?(?:(["']?)([\w.-]+)\1[ \t]*:[ \t]*)?[|>][-+0-9]*[ \t]*(?:#.*)?$/.exec(text);
    if (!header) return true;
    if (header[2]) return isCommandKey(header[2]);
    // `- |` in a list: the list's key decides (`script:` then `- |`).
    for (let k = n - 1; k >= 0; k--) {
      if (!lines[k].trim() || indentOf(lines[k]) > own || (indentOf(lines[k]) === own && /^[ \t]*-/.test(lines[k]))) continue;
      const key = /^[ \t]*(?:-[ \t]+)?(["']?)([\w.-]+)\1[ \t]*:/.exec(lines[k]);
      return !!key && isCommandKey(key[2]);
    }
    return false;
  }
  return true;
}
