// Jupyter notebooks (nbformat 4; 3 read leniently). Only code cells are linted; outputs and
// Markdown are kept out of the rules' sight. Broken JSON is reported, never thrown.

import { jsonCostProblem, jsonNewlineEscapes, jsonStringEnd } from './limits';

export interface NotebookCell {
  /** Index into the notebook's `cells` array, Markdown cells counted. */
  index: number;
  type: 'code' | 'markdown' | 'raw';
  source: string;
  executionCount: number | null;
  /** Text the cell printed (streams, plain-text results, errors), when it has any. */
  outputs?: string;
  /** 1-based line of the raw .ipynb where each source line starts (for SARIF), when it could be found. */
  rawLines?: number[];
}

export interface Notebook {
  cells: NotebookCell[];
  /** Kernel language, lower case ("python", "r", …). */
  language: string;
  /** Opened in Google Colab (metadata says so or the code mounts Drive). */
  colab: boolean;
  /** Fields of the wrong type, ignored (reported by `invalid-file`). */
  problems?: string[];
}

export function parseNotebook(text: string): { notebook?: Notebook; error?: { message: string; line: number; column: number } } {
  const tooCostly = jsonCostProblem(text);
  if (tooCostly) return { error: { message: `notebook is not read: ${tooCostly}`, line: 1, column: 1 } };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { error: { message: `notebook is not valid JSON: ${(err as Error).message}`, ...jsonErrorPosition(text, err as Error) } };
  }
  if (!json || typeof json !== 'object') return { error: { message: 'notebook is not a JSON object', line: 1, column: 1 } };
  const root = json as { cells?: unknown; worksheets?: unknown; metadata?: unknown };
  const worksheet = Array.isArray(root.worksheets) ? objectOr(root.worksheets[0]) : {};
  const rawCells = Array.isArray(root.cells) ? root.cells : Array.isArray(worksheet.cells) ? worksheet.cells : undefined;
  if (!Array.isArray(rawCells)) return { error: { message: 'notebook has no "cells" array', line: 1, column: 1 } };

  const cells: NotebookCell[] = rawCells.map((c: any, index: number) => {
    const type = c?.cell_type === 'code' ? 'code' : c?.cell_type === 'markdown' ? 'markdown' : 'raw';
    const src = c?.source ?? c?.input ?? '';
    // nbformat 3 writers (IPython 0.12/0.13) stored lines without their newline: join with one then.
    const lines = Array.isArray(src) ? src.map((l: unknown) => (typeof l === 'string' ? l : '')) : undefined;
    const source = lines ? lines.join(lines.length > 1 && !lines[0].endsWith('\n') ? '\n' : '') : typeof src === 'string' ? src : '';
    const count = c?.execution_count ?? c?.prompt_number ?? null;
    const outputs = outputText(c?.outputs);
    return { index, type, source, executionCount: typeof count === 'number' ? count : null, ...(outputs ? { outputs } : {}) };
  });

  mapRawLines(text, cells, rawCells.map((c: any) => (c && typeof c === 'object' && 'source' in c ? 'source' : 'input')));
  // Metadata of the wrong shape (`"metadata": "meta"`, `"name": ["python"]`) is reported and
  // ignored field by field; the cells are still linted.
  const problems: string[] = [];
  const expect = (value: unknown, where: string, type: 'object' | 'string'): boolean => {
    if (value === undefined || value === null) return false;
    const ok = type === 'object' ? typeof value === 'object' && !Array.isArray(value) : typeof value === 'string';
    if (!ok) problems.push(`notebook ${where} should be ${type === 'object' ? 'an object' : 'a string'}, not ${describeType(value)} (nbformat): ignored`);
    return ok;
  };
  const meta = expect(root.metadata, '"metadata"', 'object') ? (root.metadata as Record<string, unknown>) : {};
  const kernelspec = expect(meta.kernelspec, '"metadata.kernelspec"', 'object') ? (meta.kernelspec as Record<string, unknown>) : {};
  const languageInfo = expect(meta.language_info, '"metadata.language_info"', 'object') ? (meta.language_info as Record<string, unknown>) : {};
  const field = (value: unknown, where: string) => (expect(value, where, 'string') && (value as string).trim() ? (value as string) : undefined);
  const infoName = field(languageInfo.name, '"metadata.language_info.name"');
  const specLanguage = field(kernelspec.language, '"metadata.kernelspec.language"');
  const specName = field(kernelspec.name, '"metadata.kernelspec.name"');
  const language = (infoName ?? specLanguage ?? (specName?.startsWith('ir') ? 'r' : 'python')).toLowerCase();
  const colab = 'colab' in meta || cells.some((c) => c.type === 'code' && /\bgoogle\.colab\b/.test(c.source));
  const notebook: Notebook = { cells, language, colab };
  if (problems.length) notebook.problems = problems;
  return { notebook };
}

/** Printed text of a cell's outputs (stream text, `text/plain` results, error values). */
function outputText(outputs: unknown): string | undefined {
  if (!Array.isArray(outputs)) return undefined;
  const join = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? v.filter((l) => typeof l === 'string').join('') : '');
  const parts: string[] = [];
  for (const o of outputs) {
    if (!o || typeof o !== 'object') continue;
    const out = o as { text?: unknown; data?: Record<string, unknown>; evalue?: unknown };
    parts.push(join(out.text), join(out.data?.['text/plain']), join(out.evalue));
  }
  const text = parts.filter(Boolean).join('\n');
  return text || undefined;
}

/**
 * Finds where each cell's source lines sit in the raw JSON with one pass of a small JSON
 * scanner: only the `source` (or nbformat 3 `input`) key of an object that is an element of the
 * notebook's `cells` array counts — outputs may hold `"source"` keys of their own (Plotly,
 * Vega). With the usual array form each source line is its own JSON string on its own line.
 */
function mapRawLines(text: string, cells: NotebookCell[], keys: string[]): void {
  type Frame = { array: boolean; cells: boolean; cell: number };
  const stack: Frame[] = [];
  let line = 1;
  let cell = -1;
  let pendingKey: string | undefined;
  let collecting: { cell: number; depth: number } | undefined;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 34) {
      const start = i;
      i = jsonStringEnd(text, i + 1);
      const top = stack[stack.length - 1];
      let j = i + 1;
      while (j < n && (text[j] === ' ' || text[j] === '\t' || text[j] === '\r' || text[j] === '\n')) j++;
      if (text[j] === ':' && top && !top.array) {
        pendingKey = text.slice(start + 1, i);
        continue;
      }
      if (collecting && stack.length === collecting.depth) {
        const lines = (cells[collecting.cell].rawLines ??= []);
        const newlines = jsonNewlineEscapes(text, start + 1, i);
        for (let k = 0; k <= newlines; k++) lines.push(line);
      } else if (pendingKey !== undefined && top?.cell !== undefined && top.cell >= 0 && keys[top.cell] === pendingKey && !top.array) {
        // Single-string source: every line of the cell sits on this raw line.
        cells[top.cell].rawLines = cells[top.cell].source.split('\n').map(() => line);
      }
      pendingKey = undefined;
    } else if (c === 123 || c === 91) {
      const parent = stack[stack.length - 1];
      const isCellsArray = c === 91 && pendingKey === 'cells' && (stack.length === 1 || stack.length === 3);
      const isCell = c === 123 && !!parent?.cells;
      if (isCell) cell++;
      const frame: Frame = { array: c === 91, cells: isCellsArray, cell: isCell ? cell : -1 };
      if (c === 91 && pendingKey !== undefined && parent && parent.cell >= 0 && keys[parent.cell] === pendingKey) {
        collecting = { cell: parent.cell, depth: stack.length + 1 };
        cells[parent.cell].rawLines = [];
      }
      stack.push(frame);
      pendingKey = undefined;
    } else if (c === 125 || c === 93) {
      stack.pop();
      if (collecting && stack.length < collecting.depth) collecting = undefined;
    } else if (c === 44) pendingKey = undefined;
  }
}

function describeType(value: unknown): string {
  return Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function objectOr(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function jsonErrorPosition(text: string, err: Error): { line: number; column: number } {
  const m = /position (\d+)/.exec(err.message);
  if (!m) return { line: 1, column: 1 };
  const offset = Math.min(Number(m[1]), text.length);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * A cell finding's columns in the raw .ipynb line that holds its source line
 * (`    "x = \"/home/…\"\n",`), 0-based, end exclusive: each escape sequence counts as the one
 * character it stands for. Undefined when the raw line is not a JSON string (a cell written
 * on one line, minified JSON).
 */
export function rawColumnsOf(rawLineText: string, column: number, endColumn: number | undefined, sameLine: boolean): [number, number] | undefined {
  const m = /^(\s*)"((?:[^"\\]|\\.)*)"/.exec(rawLineText);
  if (!m) return undefined;
  const body = m[2];
  const offsets: number[] = [];
  for (let i = 0; i < body.length; ) {
    offsets.push(i);
    i += body[i] === '\\' ? (body[i + 1] === 'u' ? 6 : 2) : 1;
  }
  offsets.push(body.length);
  const at = (c: number) => m[1].length + 1 + offsets[Math.min(Math.max(0, c - 1), offsets.length - 1)];
  return [at(column), sameLine ? at(endColumn ?? column) : m[1].length + 1 + body.length];
}
