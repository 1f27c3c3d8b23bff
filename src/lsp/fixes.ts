// The quick-fix edits of the VS Code extension (src/extension/codeActions.ts), computed on plain
// text so the language server can offer them: replace a machine-local path literal with an
// environment lookup (adding `import os` once), and ignore a rule on a line. Kept apart from
// the server so it can give way to a shared core function for both faces.

import { commentFor } from '../core/suppression';
import type { Finding } from '../core/types';

/** 0-based line and UTF-16 character, as LSP counts. */
export interface TextPosition {
  line: number;
  character: number;
}
export interface TextRange {
  start: TextPosition;
  end: TextPosition;
}
export interface TextEditLike {
  range: TextRange;
  newText: string;
}

/** The whole string literal (prefix and quotes included) when the flagged path is its entire body. */
export function literalRange(lines: readonly string[], range: TextRange): TextRange | undefined {
  if (range.start.line !== range.end.line) return undefined;
  const line = lines[range.start.line] ?? '';
  const quote = line[range.start.character - 1];
  if ((quote !== '"' && quote !== "'") || line[range.end.character] !== quote) return undefined;
  let start = range.start.character - 1;
  while (start > 0 && /[rRuU]/.test(line[start - 1]) && !/[\w]/.test(line[start - 2] ?? ' ')) start--;
  // f-strings and bytes cannot be swapped for an os.environ.get call.
  if (/[fFbB]/.test(line[start - 1] ?? '')) return undefined;
  return { start: { line: range.start.line, character: start }, end: { line: range.start.line, character: range.end.character + 1 } };
}

export function hasOsImport(text: string): boolean {
  return /^\s*(import\s+(?:[\w.]+\s*,\s*)*os\b(?!\.)|from\s+os\s+import\s+environ\b)/m.test(text);
}

/** Where `import os` goes in a module: after a shebang, an encoding line, the docstring and `from __future__` imports. */
export function importLine(text: string): number {
  const lines = text.split('\n');
  let line = 0;
  while (line < lines.length && /^#!|^#.*coding[:=]/.test(lines[line])) line++;
  if (/^\s*[rRuU]?("""|''')/.test(lines[line] ?? '')) {
    const q = /("""|''')/.exec(lines[line])![1];
    const closesSameLine = lines[line].indexOf(q) !== lines[line].lastIndexOf(q);
    if (!closesSameLine) while (++line < lines.length && !lines[line].includes(q));
    line++;
  }
  while (line < lines.length && /^from __future__ import/.test(lines[line])) line++;
  return line;
}

export interface FixTarget {
  text: string;
  /** A notebook cell: `import os` goes at the top of the cell unless any cell of its notebook imports it. */
  cell?: { notebookImportsOs: boolean };
  /** Python source (a .py file or a code cell): the only language the path rewrite knows. */
  python: boolean;
  /** For the comment syntax of an ignore line. */
  path: string;
}

/** The path rewrite for one local-path finding at `range`, or undefined when it cannot be done safely. */
export function localPathEdits(target: FixTarget, range: TextRange, finding: Pick<Finding, 'ruleId' | 'data'>, withImport = true): TextEditLike[] | undefined {
  const s = finding.data?.suggestion;
  if (finding.ruleId !== 'local-path' || !s?.replacement || !target.python) return undefined;
  const literal = literalRange(target.text.split('\n').map(stripCr), range);
  if (!literal) return undefined;
  const edits: TextEditLike[] = [{ range: literal, newText: s.replacement }];
  if (withImport && s.requiresImport === 'os') {
    const edit = importEdit(target);
    if (edit) edits.push(edit);
  }
  return edits;
}

export function importEdit(target: FixTarget): TextEditLike | undefined {
  if (target.cell ? target.cell.notebookImportsOs || hasOsImport(target.text) : hasOsImport(target.text)) return undefined;
  const line = target.cell ? 0 : importLine(target.text);
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: 'import os\n' };
}

/** A `poc-readiness-ignore <rule>` comment above the finding's line, in the file's comment syntax. */
export function ignoreEdit(target: FixTarget, line: number, ruleId: string): TextEditLike | undefined {
  if (/\.(json|ipynb)$/i.test(target.path) && !target.cell) return undefined;
  const text = stripCr(target.text.split('\n')[line] ?? '');
  const indent = /^\s*/.exec(text)![0];
  const { prefix, suffix } = target.cell ? { prefix: '# ', suffix: '' } : commentFor(target.path);
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${prefix}poc-readiness-ignore ${ruleId}${suffix}\n` };
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
