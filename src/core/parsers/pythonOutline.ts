// The outline of a Python segment without tokens: where its logical statements, comments,
// IPython magics and string literals are. One pass over the characters with the tokenizer's
// exact rules (python.ts) but no token objects, so the rules that only need structure (imports,
// evidence) read a module for a fraction of the cost of tokenizing it; the rules that need
// tokens (local-path, sample-data, secrets) tokenize only files their pre-filter keeps.

import { continuationLength, isNameChar, isNameStart, isNumberChar, isTwoCharOp, lineEnd, STRING_PREFIX } from './python';

/** Flat [start, end) pairs, or [start, end, bodyStart, bodyEnd] quadruples for strings. */
export interface PythonOutline {
  /** Logical statements (split at newlines outside brackets and at `;`), comments excluded at the start. */
  statements: number[];
  /** Comments and magics (`!pip …`, `%cd …`): blanked for evidence, skipped by statements. */
  comments: number[];
  /** The magics alone (a subset of `comments`). */
  magics: number[];
  /** String literals: start, end, bodyStart, bodyEnd. */
  strings: number[];
  /** For each string (by index): is it a statement of its own (a docstring, prose)? */
  statementString: boolean[];
}

/** What the previous token was, as far as "a string on a line of its own" needs it. */
const enum Prev {
  None,
  Newline,
  Colon,
  Other,
}

/** The outline of a segment, computed once and kept on it (like its tokens). */
export function outlineOf(seg: { readonly text: string; outline?: PythonOutline }): PythonOutline {
  return (seg.outline ??= outlinePython(seg.text));
}

export function outlinePython(src: string): PythonOutline {
  const out: PythonOutline = { statements: [], comments: [], magics: [], strings: [], statementString: [] };
  const n = src.length;
  let i = 0;
  let atLineStart = true;
  let depth = 0;
  let prev: Prev = Prev.None;
  /** Start of the statement being read (its first token), or -1 between statements. */
  let stmtStart = -1;
  /** End of its last token. */
  let stmtEnd = -1;
  const token = (start: number, end: number) => {
    if (stmtStart < 0) stmtStart = start;
    stmtEnd = end;
  };
  const endStatement = () => {
    if (stmtStart >= 0) out.statements.push(stmtStart, stmtEnd);
    stmtStart = -1;
  };

  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 10) {
      if (depth === 0) {
        endStatement();
        prev = Prev.Newline;
      }
      i++;
      atLineStart = true;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 12) {
      i++;
      continue;
    }
    const continuation = continuationLength(src, i);
    if (continuation) {
      i += continuation;
      continue;
    }
    if (atLineStart && depth === 0 && (c === 33 || c === 37) /* ! % */) {
      const end = lineEnd(src, i);
      out.comments.push(i, end);
      out.magics.push(i, end);
      prev = Prev.Other;
      i = end;
      continue;
    }
    atLineStart = false;
    if (c === 35 /* # */) {
      const end = lineEnd(src, i);
      out.comments.push(i, end);
      prev = Prev.Other;
      i = end;
      continue;
    }
    if (isNameStart(c)) {
      let j = i + 1;
      while (j < n && isNameChar(src.charCodeAt(j))) j++;
      const q = src.charCodeAt(j);
      if ((q === 34 || q === 39) && j - i <= 2 && STRING_PREFIX.test(src.slice(i, j))) {
        i = readString(src, i, j, out, prev, depth);
        token(out.strings[out.strings.length - 4], i);
        prev = Prev.Other;
        continue;
      }
      token(i, j);
      prev = Prev.Other;
      i = j;
      continue;
    }
    if (c === 34 || c === 39) {
      const start = i;
      i = readString(src, i, i, out, prev, depth);
      token(start, i);
      prev = Prev.Other;
      continue;
    }
    if ((c >= 48 && c <= 57) || (c === 46 && i + 1 < n && src.charCodeAt(i + 1) >= 48 && src.charCodeAt(i + 1) <= 57)) {
      let j = i + 1;
      while (j < n && isNumberChar(src.charCodeAt(j))) j++;
      token(i, j);
      prev = Prev.Other;
      i = j;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) depth++;
    else if ((c === 41 || c === 93 || c === 125) && depth > 0) depth--;
    const len = i + 1 < n && isTwoCharOp(c, src.charCodeAt(i + 1)) ? 2 : 1;
    if (c === 59 /* ; */) {
      endStatement();
      prev = Prev.Other;
    } else {
      token(i, i + len);
      prev = len === 1 && c === 58 /* : */ ? Prev.Colon : Prev.Other;
    }
    i += len;
  }
  endStatement();
  return out;
}

/** Reads the string at `start` (prefix then quote at `quoteAt`), records it, returns its end. */
function readString(src: string, start: number, quoteAt: number, out: PythonOutline, prev: Prev, depth: number): number {
  const quote = src.charCodeAt(quoteAt);
  const triple = src.charCodeAt(quoteAt + 1) === quote && src.charCodeAt(quoteAt + 2) === quote;
  const bodyStart = quoteAt + (triple ? 3 : 1);
  const n = src.length;
  let j = bodyStart;
  let bodyEnd = n;
  let end = n;
  while (j < n) {
    const c = src.charCodeAt(j);
    if (c === 92) {
      j += 2;
      continue;
    }
    if (!triple && c === 10) {
      bodyEnd = j;
      end = j;
      break;
    }
    if (c === quote && (!triple || (src.charCodeAt(j + 1) === quote && src.charCodeAt(j + 2) === quote))) {
      bodyEnd = j;
      end = j + (triple ? 3 : 1);
      break;
    }
    j++;
  }
  if (j >= n) {
    bodyEnd = Math.min(bodyEnd, n);
    end = n;
  }
  out.strings.push(start, end, bodyStart, bodyEnd);
  out.statementString.push((prev === Prev.None || prev === Prev.Newline || prev === Prev.Colon) && endsLineAfter(src, end, depth));
  return end;
}

/**
 * Is the next token after `at` a newline (outside brackets), a comment or the end of the text?
 * The tokenizer's view: whitespace, line continuations and newlines inside brackets are no tokens.
 */
function endsLineAfter(src: string, at: number, depth: number): boolean {
  const n = src.length;
  let k = at;
  while (k < n) {
    const c = src.charCodeAt(k);
    if (c === 32 || c === 9 || c === 13 || c === 12) k++;
    else if (continuationLength(src, k)) k += continuationLength(src, k);
    else if (c === 10) {
      if (depth === 0) return true;
      k++;
    } else return c === 35;
  }
  return true;
}
