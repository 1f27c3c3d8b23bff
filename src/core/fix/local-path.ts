// The edits behind the local-path quick fixes, for any face (the extension's code actions, a
// language server): replace a machine-local literal with a lookup whose default resolves from
// where the code runs, and make sure `os` is bound before the edited line runs.
//
// Where code runs from: Jupyter (and VS Code's notebook kernel) starts a notebook in its own
// folder, so a notebook default is written relative to the notebook. A module can be started
// from anywhere, so its default is anchored to the file itself through `__file__`.

import { dirname, normalize } from '../path';
import { tokenizePython, type Token } from '../parsers/python';
import { cellBody } from './ignore';
import type { Finding, PathSuggestion } from '../types';

/** 0-based line and UTF-16 character, as VS Code and the Language Server Protocol count. */
export interface Position {
  line: number;
  character: number;
}

/** A Python file or notebook the fix edits. */
export interface FixSource {
  /** The file's path relative to its PoC root (`notebooks/eda.ipynb`, `src/train.py`). */
  fileInRoot: string;
  notebook: boolean;
  /** The module's text, or each notebook cell's text (`null` for Markdown and raw cells). */
  units: ReadonlyArray<string | null>;
}

/** One machine-local literal to replace: where it is now (which cell, which range of its body). */
export interface FixSite {
  unit: number;
  start: Position;
  end: Position;
  suggestion: PathSuggestion;
}

export interface UnitEdit {
  unit: number;
  start: Position;
  end: Position;
  newText: string;
}

export interface PlannedFix {
  title: string;
  edits: UnitEdit[];
  /** How many literals it replaces. */
  count: number;
}

/** The site of a local-path finding as the engine reported it (1-based positions). */
export function siteOf(finding: Finding): FixSite | undefined {
  const suggestion = finding.data?.suggestion;
  if (finding.ruleId !== 'local-path' || !suggestion?.literal || !finding.line || !finding.column) return undefined;
  return {
    unit: finding.cell ?? 0,
    start: { line: finding.line - 1, character: finding.column - 1 },
    end: { line: (finding.endLine ?? finding.line) - 1, character: (finding.endColumn ?? finding.column) - 1 },
    suggestion,
  };
}

/** The quick fix for one literal, or undefined when the literal cannot be replaced safely. */
export function planPathFix(source: FixSource, site: FixSite): PlannedFix | undefined {
  const replaced = replacementOf(source, site);
  if (!replaced) return undefined;
  const edits = [replaced.edit, ...importEdits(source, [replaced.edit])];
  return { title: titleOf(source, site.suggestion, replaced.value), edits, count: 1 };
}

/** One fix for every replaceable literal of the file or notebook ("Fix all local paths"). */
export function planPathFixAll(source: FixSource, sites: readonly FixSite[], where = source.notebook ? 'this notebook' : 'this file'): PlannedFix | undefined {
  const replacements: UnitEdit[] = [];
  const seen = new Set<string>();
  for (const site of sites) {
    const replaced = replacementOf(source, site);
    if (!replaced) continue;
    const key = `${replaced.edit.unit}:${replaced.edit.start.line}:${replaced.edit.start.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    replacements.push(replaced.edit);
  }
  if (!replacements.length) return undefined;
  const title = replacements.length === 1 ? `Fix the local path in ${where}` : `Fix all ${replacements.length} local paths in ${where}`;
  return { title, edits: [...replacements, ...importEdits(source, replacements)], count: replacements.length };
}

/** Applies non-overlapping edits to the units (what an editor does with a WorkspaceEdit). */
export function applyEdits(units: ReadonlyArray<string | null>, edits: readonly UnitEdit[]): Array<string | null> {
  const out = [...units];
  const byUnit = new Map<number, UnitEdit[]>();
  for (const e of edits) byUnit.set(e.unit, [...(byUnit.get(e.unit) ?? []), e]);
  for (const [unit, list] of byUnit) {
    let text = out[unit] ?? '';
    const sorted = list
      .map((e) => ({ e, from: offsetAt(text, e.start), to: offsetAt(text, e.end) }))
      .sort((a, b) => b.from - a.from || b.to - a.to);
    for (const { e, from, to } of sorted) text = text.slice(0, from) + e.newText + text.slice(to);
    out[unit] = text;
  }
  return out;
}

// ---------------------------------------------------------------- the replacement

function replacementOf(source: FixSource, site: FixSite): { edit: UnitEdit; value: string } | undefined {
  const text = source.units[site.unit];
  if (typeof text !== 'string') return undefined;
  // A cell whose body is not Python (`%%writefile conf.json`, `%%bash`, `%%javascript`).
  if (source.notebook && !cellBody(text).python) return undefined;
  const bodyStart = offsetAt(text, site.start);
  const bodyEnd = offsetAt(text, site.end);
  // Only a literal whose whole body is the path: `"/home/x/a.csv"`, `r'C:\x'`, not f-strings,
  // byte strings or a path inside a longer string.
  const tokens = tokenizePython(text);
  const index = tokens.findIndex((t) => t.type === 'string' && t.bodyStart === bodyStart && t.bodyEnd === bodyEnd);
  const literal = tokens[index];
  if (!literal || /[fb]/.test(literal.prefix ?? '') || literal.end === literal.bodyEnd) return undefined;
  if (inCasePattern(tokens, index)) return undefined;
  let value = defaultFromRunLocation(source, site.suggestion);
  // A folder written with its separator is concatenated onto (`DATA + 'train.csv'`): keep it.
  if (/[\\/]$/.test(literal.value) && !value.endsWith('/')) value += '/';
  const expression = expressionFor(source, site.suggestion, value);
  return { edit: { unit: site.unit, start: positionAt(text, literal.start), end: positionAt(text, literal.end), newText: expression }, value };
}

/** Whether the string at `index` is part of a `match` statement's `case` pattern, where only literals may stand. */
function inCasePattern(tokens: readonly Token[], index: number): boolean {
  let first = index;
  while (first > 0 && tokens[first - 1].type !== 'newline') first--;
  if (tokens[first].type !== 'name' || tokens[first].value !== 'case') return false;
  // `case` is a soft keyword: an assignment to a name `case` is not a pattern.
  let depth = 0;
  for (let k = first + 1; k < tokens.length && tokens[k].type !== 'newline'; k++) {
    const t = tokens[k];
    if (t.type !== 'op') continue;
    if ('([{'.includes(t.value)) depth++;
    else if (')]}'.includes(t.value)) depth--;
    else if (depth === 0 && t.value === '=') return false;
    else if (depth === 0 && t.value === ':') return k > index;
  }
  return false;
}

/** The default path as the running code must spell it: relative to the notebook's folder, or to this module. */
function defaultFromRunLocation(source: FixSource, suggestion: PathSuggestion): string {
  return relativePath(dirname(source.fileInRoot), suggestion.relativePath);
}

function expressionFor(source: FixSource, s: PathSuggestion, value: string): string {
  const literal = JSON.stringify(value);
  const anchored = source.notebook ? literal : `os.path.join(os.path.dirname(os.path.abspath(__file__)), ${literal})`;
  // A folder on sys.path: resolved once, so a later `%cd` or `os.chdir` does not move it.
  if (s.importPath) return source.notebook ? `os.path.abspath(${literal})` : anchored;
  return `os.environ.get(${JSON.stringify(s.envVar)}, ${anchored})`;
}

function titleOf(source: FixSource, s: PathSuggestion, value: string): string {
  const from = source.notebook ? "relative to this notebook's folder" : 'relative to this file';
  if (s.importPath) return `Put '${value}' (${from}) on sys.path instead`;
  return `Read the path from ${s.envVar} (default '${value}', ${from})`;
}

/** `to` (relative to the PoC root) seen from folder `fromDir` (relative to the PoC root). */
export function relativePath(fromDir: string, to: string): string {
  const from = normalize(fromDir).split('/').filter((s) => s && s !== '.');
  const target = normalize(to).split('/').filter((s) => s && s !== '.');
  let common = 0;
  while (common < from.length && common < target.length && from[common] === target[common]) common++;
  const parts = [...from.slice(common).map(() => '..'), ...target.slice(common)];
  return parts.join('/') || '.';
}

// ---------------------------------------------------------------- `import os`

/**
 * `import os` edits so that `os` is bound before every replaced literal runs: an import counts
 * only at module level and before the literal (earlier in the cell or in an earlier code cell).
 * Otherwise one `import os` goes at the top of the first edited unit, which runs before the others.
 */
function importEdits(source: FixSource, replacements: readonly UnitEdit[]): UnitEdit[] {
  const first = [...replacements].sort((a, b) => a.unit - b.unit || a.start.line - b.start.line || a.start.character - b.start.character)[0];
  if (!first) return [];
  const text = source.units[first.unit] ?? '';
  if (osBoundBefore(source, first.unit, offsetAt(text, first.start))) return [];
  const at = importInsertionOffset(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const needsBreak = at > 0 && text[at - 1] !== '\n';
  const position = positionAt(text, at);
  return [{ unit: first.unit, start: position, end: position, newText: `${needsBreak ? eol : ''}import os${eol}` }];
}

function osBoundBefore(source: FixSource, unit: number, offset: number): boolean {
  for (let u = 0; u <= unit; u++) {
    const text = source.units[u];
    if (typeof text !== 'string') continue;
    const limit = u === unit ? offset : text.length;
    if (moduleLevelImportsOf(text).some((imp) => imp.start < limit && imp.binds.includes('os'))) return true;
  }
  return false;
}

/** Top-level `import …` statements and the names they bind (`import os.path` binds `os`; `import os as o` binds `o`). */
export function moduleLevelImportsOf(text: string): Array<{ start: number; binds: string[] }> {
  const tokens = tokenizePython(text);
  const out: Array<{ start: number; binds: string[] }> = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type !== 'name' || t.value !== 'import' || !startsStatement(tokens, i) || !atColumnZero(text, tokens, i)) continue;
    const binds: string[] = [];
    let k = i + 1;
    while (k < tokens.length && tokens[k].type === 'name') {
      const first = tokens[k].value;
      k++;
      while (tokens[k]?.value === '.' && tokens[k + 1]?.type === 'name') k += 2;
      if (tokens[k]?.type === 'name' && tokens[k].value === 'as' && tokens[k + 1]?.type === 'name') {
        binds.push(tokens[k + 1].value);
        k += 2;
      } else binds.push(first);
      if (tokens[k]?.value !== ',') break;
      k++;
    }
    out.push({ start: t.start, binds });
  }
  return out;
}

function startsStatement(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  return !prev || prev.type === 'newline' || (prev.type === 'op' && prev.value === ';');
}

/** The statement that holds token i starts at column 0 (not inside a def, class, if or try block). */
function atColumnZero(text: string, tokens: readonly Token[], i: number): boolean {
  let k = i;
  while (k > 0 && tokens[k - 1].type !== 'newline') k--;
  const start = tokens[k].start;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  return start === lineStart;
}

/**
 * Where `import os` may go at the top of a module or cell: after a shebang and encoding line, a
 * cell magic (`%%time` must stay first), the docstring and `from __future__` imports (both must
 * come first in Python).
 */
export function importInsertionOffset(text: string): number {
  let offset = 0;
  const lineAfter = (at: number) => {
    const nl = text.indexOf('\n', at);
    return nl < 0 ? text.length : nl + 1;
  };
  while (offset < text.length && /^(?:#!|#.*coding[:=]|%%)/.test(text.slice(offset, offset + 200))) offset = lineAfter(offset);
  const tokens = tokenizePython(text.slice(offset)).filter((t) => t.type !== 'comment');
  let k = 0;
  while (tokens[k]?.type === 'newline') k++;
  let end = 0;
  if (tokens[k]?.type === 'string' && (tokens[k + 1] === undefined || tokens[k + 1].type === 'newline')) {
    end = tokens[k].end;
    k += 2;
  }
  for (;;) {
    while (tokens[k]?.type === 'newline') k++;
    if (!(tokens[k]?.value === 'from' && tokens[k + 1]?.value === '__future__')) break;
    while (k < tokens.length && tokens[k].type !== 'newline') k++;
    end = tokens[k - 1].end;
  }
  return end ? lineAfter(offset + end) : offset;
}

// ---------------------------------------------------------------- positions

function offsetAt(text: string, p: Position): number {
  let offset = 0;
  for (let line = 0; line < p.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(offset + p.character, text.length);
}

function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, character: offset - lineStart };
}
