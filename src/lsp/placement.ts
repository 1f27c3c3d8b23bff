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
  // The engine placed it in the .ipynb JSON when it analysed the file (escapes counted).
  const rawLine = Math.max(0, (f.rawLine ?? 1) - 1);
  const [start, end] = f.rawColumns ?? [0, 0];
  return { uri, range: { start: { line: rawLine, character: start }, end: { line: rawLine, character: end } }, prefix: `cell ${f.cell + 1}, line ${f.line}: `, raw: true };
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
