// The quick-fix edits the language server offers beyond the core's path fix (core/fix/): an
// ignore comment on a line, in the file's comment syntax, as the VS Code extension writes it.

import { commentFor } from '../core/suppression';

/** 0-based line and UTF-16 character, as LSP counts. */
export interface TextEditLike {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

/** A `poc-readiness-ignore <rule>` comment above the finding's line. `cell`: a notebook cell (Python). */
export function ignoreEdit(text: string, path: string, line: number, ruleId: string, cell = false): TextEditLike | undefined {
  // JSON has no comments; a notebook's cells do (they are Python), its raw .ipynb does not.
  if (!cell && /\.(json|ipynb)$/i.test(path)) return undefined;
  const lineText = (text.split('\n')[line] ?? '').replace(/\r$/, '');
  const indent = /^\s*/.exec(lineText)![0];
  const { prefix, suffix } = cell ? { prefix: '# ', suffix: '' } : commentFor(path);
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${prefix}poc-readiness-ignore ${ruleId}${suffix}\n` };
}
