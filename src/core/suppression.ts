// Inline suppression: `poc-readiness-ignore <rule-id>[, <rule-id>…]` in a comment on the line
// or the line above, in any comment syntax (#, //, --, <!-- -->, ;). Without ids it silences
// every rule on that line. A statement continued with a trailing backslash is one line here:
// the comment above its first line covers all of it (and the quick fix puts it there, since a
// comment line between a `\\` and its continuation would end the command or break the statement).

import type { CodeSegment } from './parsed';
import type { LineIndex } from './text';

export const MARKER = /poc-readiness-ignore(?!-)(?:\s+([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*))?/;
const MARKERS = new RegExp(MARKER.source, 'g');

export function isSuppressed(lines: LineIndex, line: number, ruleId: string): boolean {
  if (suppressedOn(lines.lineText(line), ruleId) || (line > 1 && suppressedOn(lines.lineText(line - 1), ruleId))) return true;
  const first = continuedFrom((n) => lines.lineText(n), line, 1);
  return first < line && (suppressedOn(lines.lineText(first), ruleId) || (first > 1 && suppressedOn(lines.lineText(first - 1), ruleId)));
}

/** The first line of the backslash-continued statement `line` belongs to (`lineText` and `line` counted from `origin`). */
export function continuedFrom(lineText: (line: number) => string, line: number, origin = 0): number {
  let first = line;
  while (first > origin && /\\\r?$/.test(lineText(first - 1))) first--;
  return first;
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
      if (!text.includes('poc-readiness-ignore')) continue;
      out.set(suppressionKey(line, cell), text);
      // The statement below it, through its backslash continuations, is covered too: recorded
      // under its lines, since the text that shows the continuation is not kept.
      for (let next = line + 1; next < lines.lineCount && /\\\r?$/.test(lines.lineText(next)); next++) {
        const key = suppressionKey(next + 1, cell) + CONTINUED;
        out.set(key, out.has(key) ? `${out.get(key)}\n${text}` : text);
      }
    }
  };
  if (isNotebook) for (const segment of file.segments) scan(segment.lines, segment.cell);
  else scan(file.lines, undefined);
  return out;
}

export function suppressionKey(line: number, cell: number | undefined): string {
  return cell === undefined ? String(line) : `${cell}:${line}`;
}

const CONTINUED = '+';

export function isSuppressedAt(lines: ReadonlyMap<string, string>, line: number, ruleId: string, cell?: number): boolean {
  const key = suppressionKey(line, cell);
  return suppressedOn(lines.get(key) ?? '', ruleId) || suppressedOn(lines.get(suppressionKey(line - 1, cell)) ?? '', ruleId) || suppressedOn(lines.get(key + CONTINUED) ?? '', ruleId);
}

function suppressedOn(text: string, ruleId: string): boolean {
  if (!text.includes('poc-readiness-ignore')) return false;
  for (const m of text.matchAll(MARKERS)) if (!m[1] || m[1].split(/\s*,\s*/).includes(ruleId)) return true;
  return false;
}
