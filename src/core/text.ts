// Offset ↔ line/column mapping, computed once per text.

import type { Range } from './types';

export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line and column of an offset. */
  position(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }

  range(start: number, end: number): Range {
    const a = this.position(start);
    const b = this.position(end);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  /** Text of a 1-based line without its line break. */
  lineText(line: number): string {
    const start = this.starts[line - 1];
    if (start === undefined) return '';
    const next = this.starts[line];
    let end = next === undefined ? this.text.length : next - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }

  /** Range covering a whole 1-based line (without the line break). */
  lineRange(line: number): Range {
    const text = this.lineText(line);
    return { line, column: 1, endLine: line, endColumn: text.length + 1 };
  }
}

/**
 * Control characters (ESC, CR, LF, …), line and paragraph separators and bidirectional overrides
 * as visible escapes: a file name or message must not colour a terminal, forge an output line
 * or reorder what a reader sees. For the human formats (text, Markdown); JSON and SARIF escape
 * by their own rules.
 */
export function escapeControl(s: string): string {
  return s.replace(UNSAFE_CHARACTERS, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
