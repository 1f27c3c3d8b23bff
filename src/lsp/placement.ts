// Where a finding shows in an LSP client: file findings at their range, notebook findings on
// their cell's document when the client synchronises notebooks (LSP 3.17), else on the line of
// the .ipynb JSON that holds the cell's source line; repository findings on the root's anchor.

import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import { docsUrl } from '../core/rule';
import type { Finding } from '../core/types';
import { SOURCE } from './protocol';

export interface Placement {
  uri: string;
  range: Range;
  /** Says which cell and line, when the finding is shown on the raw .ipynb JSON. */
  prefix?: string;
  /** Shown on the raw JSON of a notebook: line fixes do not apply there. */
  raw?: boolean;
}

export interface PlacementContext {
  /** URI of a workspace-relative file (the client's own spelling when it has the file open). */
  uriOf(file: string): string;
  /** Cell document URIs of a notebook the client synchronises as a notebook. */
  cellsOf(notebookUri: string): readonly string[] | undefined;
  /** Text of an open document, to map a notebook finding onto the raw JSON precisely. */
  textOf(uri: string): string | undefined;
}

export function place(f: Finding, anchor: string | undefined, ctx: PlacementContext): Placement | undefined {
  const file = f.file ?? anchor;
  if (!file) return undefined;
  const uri = ctx.uriOf(file);
  const range: Range = f.line
    ? { start: { line: f.line - 1, character: Math.max(0, (f.column ?? 1) - 1) }, end: { line: (f.endLine ?? f.line) - 1, character: Math.max(0, (f.endColumn ?? f.column ?? 1) - 1) } }
    : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (f.cell === undefined) return { uri, range };
  const cells = ctx.cellsOf(uri);
  if (cells && f.cell < cells.length) return { uri: cells[f.cell], range };
  const rawLine = Math.max(0, (f.rawLine ?? 1) - 1);
  const text = ctx.textOf(uri);
  const mapped = text !== undefined && f.line ? rawRange(text, rawLine, f) : undefined;
  return { uri, range: mapped ?? { start: { line: rawLine, character: 0 }, end: { line: rawLine, character: 0 } }, prefix: `cell ${f.cell + 1}, line ${f.line}: `, raw: true };
}

/**
 * The finding's columns inside the JSON string that holds its source line (`"    x = \"/home/…\"\n",`):
 * each escape sequence counts as the one character it stands for.
 */
function rawRange(text: string, rawLine: number, f: Finding): Range | undefined {
  const line = lineAt(text, rawLine);
  const m = /^(\s*)"((?:[^"\\]|\\.)*)"/.exec(line);
  if (!m) return undefined;
  const body = m[2];
  const offsets: number[] = [];
  for (let i = 0; i < body.length; ) {
    offsets.push(i);
    i += body[i] === '\\' ? (body[i + 1] === 'u' ? 6 : 2) : 1;
  }
  offsets.push(body.length);
  const at = (column: number) => m[1].length + 1 + offsets[Math.min(Math.max(0, column - 1), offsets.length - 1)];
  const sameLine = (f.endLine ?? f.line) === f.line;
  return { start: { line: rawLine, character: at(f.column ?? 1) }, end: { line: rawLine, character: sameLine ? at(f.endColumn ?? f.column ?? 1) : m[1].length + 1 + body.length } };
}

function lineAt(text: string, index: number): string {
  let start = 0;
  for (let i = 0; i < index; i++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return '';
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

export function toDiagnostic(f: Finding, placement: Placement): Diagnostic {
  return {
    range: placement.range,
    severity: f.severity === 'error' ? DiagnosticSeverity.Error : f.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
    code: f.ruleId,
    codeDescription: { href: docsUrl(f.ruleId) },
    source: SOURCE,
    message: (placement.prefix ?? '') + f.message,
  };
}

/** nbformat JSON of a notebook the client synchronises, so unsaved cells are linted like the saved file. */
export function notebookJson(cells: readonly { kind: number; executionOrder?: number; text: string; languageId?: string }[], metadata: unknown): string {
  const CODE = 2;
  const language = cells.find((c) => c.kind === CODE)?.languageId ?? 'python';
  return JSON.stringify({
    cells: cells.map((cell) => ({
      cell_type: cell.kind === CODE ? 'code' : 'markdown',
      execution_count: cell.executionOrder ?? null,
      metadata: {},
      source: cell.text,
      outputs: [],
    })),
    metadata: { ...(metadata && typeof metadata === 'object' ? metadata : {}), language_info: { name: language } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}
