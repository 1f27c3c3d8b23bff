// Jupyter notebooks (nbformat 4; 3 read leniently). Only code cells are linted; outputs and
// Markdown are kept out of the rules' sight. Broken JSON is reported, never thrown.

export interface NotebookCell {
  /** Index into the notebook's `cells` array, Markdown cells counted. */
  index: number;
  type: 'code' | 'markdown' | 'raw';
  source: string;
  executionCount: number | null;
  /** 1-based line of the raw .ipynb where each source line starts (for SARIF), when it could be found. */
  rawLines?: number[];
}

export interface Notebook {
  cells: NotebookCell[];
  /** Kernel language, lower case ("python", "r", …). */
  language: string;
  /** Opened in Google Colab (metadata says so or the code mounts Drive). */
  colab: boolean;
}

export function parseNotebook(text: string): { notebook?: Notebook; error?: { message: string; line: number; column: number } } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { error: { message: `notebook is not valid JSON: ${(err as Error).message}`, ...jsonErrorPosition(text, err as Error) } };
  }
  if (!json || typeof json !== 'object') return { error: { message: 'notebook is not a JSON object', line: 1, column: 1 } };
  const root = json as { cells?: unknown; worksheets?: Array<{ cells?: unknown }>; metadata?: Record<string, unknown> };
  const rawCells = Array.isArray(root.cells) ? root.cells : Array.isArray(root.worksheets?.[0]?.cells) ? root.worksheets![0].cells : undefined;
  if (!Array.isArray(rawCells)) return { error: { message: 'notebook has no "cells" array', line: 1, column: 1 } };

  const cells: NotebookCell[] = rawCells.map((c: any, index: number) => {
    const type = c?.cell_type === 'code' ? 'code' : c?.cell_type === 'markdown' ? 'markdown' : 'raw';
    const src = c?.source ?? c?.input ?? '';
    const source = Array.isArray(src) ? src.join('') : typeof src === 'string' ? src : '';
    const count = c?.execution_count ?? c?.prompt_number ?? null;
    return { index, type, source, executionCount: typeof count === 'number' ? count : null };
  });

  mapRawLines(text, cells);
  const meta = root.metadata ?? {};
  const kernelspec = meta['kernelspec'] as { language?: string; name?: string } | undefined;
  const languageInfo = meta['language_info'] as { name?: string } | undefined;
  const language = (languageInfo?.name ?? kernelspec?.language ?? (kernelspec?.name?.startsWith('ir') ? 'r' : 'python')).toLowerCase();
  const colab = 'colab' in meta || cells.some((c) => c.type === 'code' && /\bgoogle\.colab\b/.test(c.source));
  return { notebook: { cells, language, colab } };
}

/**
 * Finds where each cell's source lines sit in the raw JSON: the n-th unescaped `"source":` key
 * belongs to the n-th cell (nbformat writes one per cell; outputs and metadata have none).
 * With the usual array form every source line is its own JSON string on its own line.
 */
function mapRawLines(text: string, cells: NotebookCell[]): void {
  const key = /"source"\s*:\s*/g;
  let cell = 0;
  let line = 1;
  let lineAt = 0;
  const lineOf = (offset: number) => {
    for (; lineAt < offset; lineAt++) if (text.charCodeAt(lineAt) === 10) line++;
    return line;
  };
  for (let m = key.exec(text); m && cell < cells.length; m = key.exec(text)) {
    const start = m.index + m[0].length;
    if (text[start] === '[') {
      const rawLines: number[] = [];
      const str = /"(?:[^"\\]|\\.)*"|\]/g;
      str.lastIndex = start + 1;
      for (let s = str.exec(text); s && s[0] !== ']'; s = str.exec(text)) {
        const l = lineOf(s.index);
        // One JSON string may hold several lines when a writer did not split them.
        const inner = (s[0].match(/\\n(?!$)/g) ?? []).length - (s[0].endsWith('\\n"') ? 1 : 0);
        rawLines.push(l);
        for (let k = 0; k < Math.max(0, inner); k++) rawLines.push(l);
        key.lastIndex = str.lastIndex;
      }
      cells[cell].rawLines = rawLines;
    } else {
      const l = lineOf(start);
      cells[cell].rawLines = cells[cell].source.split('\n').map(() => l);
    }
    cell++;
  }
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
