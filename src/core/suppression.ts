// Inline suppression: `poc-readiness-ignore <rule-id>[, <rule-id>…]` in a comment on the line
// or the line above, in any comment syntax (#, //, --, <!-- -->, ;). Without ids it silences
// every rule on that line.

import type { CodeSegment } from './parsed';
import type { LineIndex } from './text';

const MARKER = /poc-readiness-ignore(?!-)(?:\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*))?/;

export function isSuppressed(lines: LineIndex, line: number, ruleId: string): boolean {
  return suppressedOn(lines.lineText(line), ruleId) || (line > 1 && suppressedOn(lines.lineText(line - 1), ruleId));
}

/**
 * The lines that carry a suppression comment, kept after the text itself is dropped, keyed by
 * `suppressionKey`. A notebook's are read from its code cells, with the cell's own line numbers
 * (the ones its findings carry): the .ipynb text's lines are JSON, and one line when a client
 * sends the notebook unindented.
 */
export function suppressionLines(file: { lines: LineIndex; segments: readonly CodeSegment[] }, isNotebook: boolean): Map<string, string> {
  const out = new Map<string, string>();
  const scan = (lines: LineIndex, cell: number | undefined) => {
    for (let line = 1; line <= lines.lineCount; line++) {
      const text = lines.lineText(line);
      if (text.includes('poc-readiness-ignore')) out.set(suppressionKey(line, cell), text);
    }
  };
  if (isNotebook) for (const segment of file.segments) scan(segment.lines, segment.cell);
  else scan(file.lines, undefined);
  return out;
}

export function suppressionKey(line: number, cell: number | undefined): string {
  return cell === undefined ? String(line) : `${cell}:${line}`;
}

export function isSuppressedAt(lines: ReadonlyMap<string, string>, line: number, ruleId: string, cell?: number): boolean {
  return suppressedOn(lines.get(suppressionKey(line, cell)) ?? '', ruleId) || suppressedOn(lines.get(suppressionKey(line - 1, cell)) ?? '', ruleId);
}

function suppressedOn(text: string, ruleId: string): boolean {
  if (!text.includes('poc-readiness-ignore')) return false;
  const m = MARKER.exec(text);
  if (!m) return false;
  if (!m[1]) return true;
  return m[1].split(/\s*,\s*/).includes(ruleId);
}

/** Comment syntax for a suppression comment in a file of this name. */
export function commentFor(path: string): { prefix: string; suffix: string } {
  const lower = path.toLowerCase();
  if (/\.(md|markdown|html|xml)$/.test(lower)) return { prefix: '<!-- ', suffix: ' -->' };
  if (/\.(js|ts|java|scala|groovy|go|c|cpp|cs|kt|rs|jsonc)$|jenkinsfile/.test(lower)) return { prefix: '// ', suffix: '' };
  if (/\.sql$/.test(lower)) return { prefix: '-- ', suffix: '' };
  if (/\.(ini|cfg)$/.test(lower)) return { prefix: '; ', suffix: '' };
  return { prefix: '# ', suffix: '' };
}
