// A small Python tokenizer: enough to tell string literals from comments and code, and to
// see what surrounds a literal (the call it is passed to, the name it is assigned to, a `+`
// in front of it). Never throws: unterminated strings end at the line or file end.
// IPython magics and shell escapes (`!pip …`, `%cd …`) become one `magic` token per line.

export type TokenType = 'string' | 'name' | 'number' | 'op' | 'comment' | 'magic' | 'newline';

export interface Token {
  type: TokenType;
  start: number;
  end: number;
  /** For names and ops: the text. For strings: the body (between the quotes, escapes untouched). */
  value: string;
  /** Strings only. */
  prefix?: string;
  bodyStart?: number;
  bodyEnd?: number;
}

// Character classes by UTF-16 code unit (as the regexes /[A-Za-z_\u00C0-\uFFFF]/ and
// /[A-Za-z0-9_\u00C0-\uFFFF]/ without the u flag): the tokenizer is the hottest loop of a scan.
export function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 0xc0;
}
export function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
/** [0-9A-Za-z_.] */
export function isNumberChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 46;
}
export const STRING_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;
// The two-character operators: ** // == != <= >= -> += -= *= /= := << >>.
export function isTwoCharOp(a: number, b: number): boolean {
  if (b === 61 /* = */) return a === 61 || a === 33 || a === 60 || a === 62 || a === 43 || a === 45 || a === 42 || a === 47 || a === 58;
  return (a === b && (a === 42 || a === 47 || a === 60 || a === 62)) || (a === 45 && b === 62);
}

/**
 * Tokens of a code segment, tokenized once and shared by every rule that reads Python (the
 * array is read-only for its users). Kept on the segment itself, so it is garbage as soon as
 * the parsed file is (a WeakMap would keep it until a full GC and double the peak RSS of a scan).
 */
export function tokensOf(seg: { readonly text: string; tokens?: Token[] }): Token[] {
  return (seg.tokens ??= tokenizePython(seg.text));
}

export function tokenizePython(src: string): Token[] {
  const tokens: Token[] = [];
  const n = src.length;
  let i = 0;
  let atLineStart = true;
  let depth = 0; // bracket depth: newlines inside brackets do not end a statement

  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 10 /* \n */) {
      if (depth === 0) tokens.push({ type: 'newline', start: i, end: i + 1, value: '\n' });
      i++;
      atLineStart = true;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 12) {
      i++;
      continue;
    }
    const ch = src[i];
    const continuation = continuationLength(src, i);
    if (continuation) {
      i += continuation;
      continue;
    }
    if (atLineStart && depth === 0 && (ch === '!' || ch === '%')) {
      const end = lineEnd(src, i);
      tokens.push({ type: 'magic', start: i, end, value: src.slice(i, end) });
      i = end;
      continue;
    }
    atLineStart = false;
    if (ch === '#') {
      const end = lineEnd(src, i);
      tokens.push({ type: 'comment', start: i, end, value: src.slice(i, end) });
      i = end;
      continue;
    }
    if (isNameStart(c)) {
      let j = i + 1;
      while (j < n && isNameChar(src.charCodeAt(j))) j++;
      const word = src.slice(i, j);
      if ((src[j] === '"' || src[j] === "'") && j - i <= 2 && STRING_PREFIX.test(word)) {
        i = readString(src, i, j, word, tokens);
        continue;
      }
      tokens.push({ type: 'name', start: i, end: j, value: word });
      i = j;
      continue;
    }
    if (ch === '"' || ch === "'") {
      i = readString(src, i, i, '', tokens);
      continue;
    }
    if (isDigit(c) || (c === 46 /* . */ && i + 1 < n && isDigit(src.charCodeAt(i + 1)))) {
      let j = i + 1;
      while (j < n && isNumberChar(src.charCodeAt(j))) j++;
      tokens.push({ type: 'number', start: i, end: j, value: src.slice(i, j) });
      i = j;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if ((ch === ')' || ch === ']' || ch === '}') && depth > 0) depth--;
    const len = i + 1 < n && isTwoCharOp(c, src.charCodeAt(i + 1)) ? 2 : 1;
    tokens.push({ type: 'op', start: i, end: i + len, value: len === 2 ? src.slice(i, i + 2) : ch });
    i += len;
  }
  return tokens;
}

export function lineEnd(src: string, i: number): number {
  const nl = src.indexOf('\n', i);
  return nl < 0 ? src.length : nl;
}

/** Length of a line continuation (`\` then LF or CRLF) at `i`, 0 where there is none. */
export function continuationLength(src: string, i: number): number {
  if (src.charCodeAt(i) !== 92) return 0;
  const next = src.charCodeAt(i + 1);
  return next === 10 ? 2 : next === 13 && src.charCodeAt(i + 2) === 10 ? 3 : 0;
}

function readString(src: string, start: number, quoteAt: number, prefix: string, out: Token[]): number {
  const q = src[quoteAt];
  const triple = src[quoteAt + 1] === q && src[quoteAt + 2] === q;
  const delim = triple ? q + q + q : q;
  const bodyStart = quoteAt + delim.length;
  let j = bodyStart;
  const n = src.length;
  let bodyEnd = n;
  let end = n;
  const quote = src.charCodeAt(quoteAt);
  while (j < n) {
    const c = src.charCodeAt(j);
    if (c === 92 /* \\ */) {
      j += 2; // raw strings still cannot end on an escaped quote
      continue;
    }
    if (!triple && c === 10 /* \n */) {
      bodyEnd = j;
      end = j;
      break;
    }
    if (c === quote && (!triple || (src.charCodeAt(j + 1) === quote && src.charCodeAt(j + 2) === quote))) {
      bodyEnd = j;
      end = j + delim.length;
      break;
    }
    j++;
  }
  if (j >= n) {
    bodyEnd = Math.min(bodyEnd, n);
    end = n;
  }
  out.push({ type: 'string', start, end, value: src.slice(bodyStart, bodyEnd), prefix: prefix.toLowerCase(), bodyStart, bodyEnd });
  return end;
}

/** Dotted callee of the call whose argument list contains token `index`, e.g. `pd.read_csv`. */
export function enclosingCall(tokens: readonly Token[], index: number): { callee: string; keyword?: string; argIndex: number } | undefined {
  let depth = 0;
  let argIndex = 0;
  let keyword: string | undefined;
  // A keyword argument directly before the literal: `path="/x"`.
  if (index >= 2 && tokens[index - 1].type === 'op' && tokens[index - 1].value === '=' && tokens[index - 2].type === 'name') {
    keyword = tokens[index - 2].value;
  }
  for (let k = index - 1; k >= 0; k--) {
    const t = tokens[k];
    if (t.type === 'newline') return undefined;
    if (t.type !== 'op') continue;
    if (t.value === ')' || t.value === ']' || t.value === '}') depth++;
    else if (t.value === '[' || t.value === '{') {
      if (depth === 0) return undefined;
      depth--;
    } else if (t.value === '(') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const callee = dottedNameBefore(tokens, k);
      return callee ? { callee, keyword, argIndex } : undefined;
    } else if (t.value === ',' && depth === 0) argIndex++;
  }
  return undefined;
}

/** `a.b.c` ending just before token `k` (exclusive), or undefined. */
export function dottedNameBefore(tokens: readonly Token[], k: number): string | undefined {
  const parts: string[] = [];
  let j = k - 1;
  while (j >= 0 && tokens[j].type === 'name') {
    parts.unshift(tokens[j].value);
    if (j >= 1 && tokens[j - 1].type === 'op' && tokens[j - 1].value === '.') j -= 2;
    else break;
  }
  if (!parts.length) {
    // `foo(...)(` or `x[0](` — calls on expressions: report as anonymous.
    return undefined;
  }
  return parts.join('.');
}

/** Name assigned by `NAME = <literal>` / `self.NAME = …` / `NAME: str = …` directly before token `index`. */
export function assignedName(tokens: readonly Token[], index: number): string | undefined {
  const prev = tokens[index - 1];
  if (!prev || prev.type !== 'op' || prev.value !== '=') return undefined;
  // Keyword arguments inside a call are handled by enclosingCall; here we want statements.
  let k = index - 2;
  // Skip a type annotation: `NAME: str =`
  if (k >= 2 && tokens[k].type === 'name' && tokens[k - 1].type === 'op' && tokens[k - 1].value === ':') k -= 2;
  if (k >= 0 && tokens[k].type === 'name') return tokens[k].value;
  if (k >= 0 && tokens[k].type === 'op' && tokens[k].value === ']') {
    // `cfg["data_dir"] = "/x"`: the subscript key names the value.
    const key = tokens[k - 1];
    if (key?.type === 'string') return key.value;
  }
  return undefined;
}

/** Key of a dict entry `"key": <literal>` directly before token `index`. */
export function dictKey(tokens: readonly Token[], index: number): string | undefined {
  const prev = tokens[index - 1];
  const key = tokens[index - 2];
  if (prev?.type === 'op' && prev.value === ':' && key?.type === 'string') return key.value;
  return undefined;
}
