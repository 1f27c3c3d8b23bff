// Cost bounds for the structured parsers. The `yaml` package and smol-toml spend time and memory
// far beyond the input's size on deep nesting (a 2 MB line of `{` took ~45 s and 1 GB), and
// JSON.parse allocates a node per value: a cheap linear pre-scan refuses such input before any
// parser sees it. Real CI files, manifests, pyproject files and notebooks are far inside these
// bounds; what is refused is reported as `invalid-file` with the bound it broke.

/**
 * Largest YAML text handed to the `yaml` package, which costs about 100 bytes of memory per byte
 * of input (CI files and manifests are a few KB; large real workflows under 100 KB).
 */
export const MAX_YAML_BYTES = 256 * 1024;
/** Most YAML nodes (keys, values, entries), estimated by the pre-scan; each costs 1–2 KB parsed. */
export const MAX_YAML_NODES = 20_000;
/** Largest TOML text handed to smol-toml (pyproject.toml and Pipfile are a few KB). */
export const MAX_TOML_BYTES = 1024 * 1024;
/**
 * Deepest nesting (flow brackets plus block indentation levels) a config may have: real CI files
 * nest about 10 levels (20 with an indented script); the parsers cost more than linearly in depth.
 */
export const MAX_CONFIG_DEPTH = 64;
/** Most YAML documents (`---`) in one file. */
export const MAX_YAML_DOCUMENTS = 100;
/** Aliases expanded when a YAML document becomes plain data (the `yaml` package's own guard). */
export const MAX_YAML_ALIASES = 1000;
/** Deepest nesting of a notebook's JSON (real ones: about 10). */
export const MAX_JSON_DEPTH = 512;
/** Most JSON values in a notebook (each costs ~200 bytes parsed; real notebooks hold a few thousand). */
export const MAX_JSON_VALUES = 250_000;

/** Why this YAML text is not parsed, or undefined when it is within bounds. */
export function yamlCostProblem(text: string): string | undefined {
  if (text.length > MAX_YAML_BYTES) return `too large to parse (${sizeOf(text.length)}, the limit is ${sizeOf(MAX_YAML_BYTES)})`;
  let documents = 0;
  let nodes = 0;
  let flow = 0;
  // Indentation of the enclosing block levels; compact `- - x` entries count as levels too.
  const indents: number[] = [];
  const n = text.length;
  // The scan may over-count (a bracket in a block scalar, a multi-line quoted scalar) but never
  // under-count what the parser nests: quotes are honoured only within one line and only where
  // YAML starts a quoted scalar (after an indicator or at the start of a line).
  for (let i = 0; i < n; ) {
    let end = text.indexOf('\n', i);
    if (end < 0) end = n;
    let j = i;
    while (j < end && text.charCodeAt(j) === 32) j++;
    if (j === i && (text.startsWith('---', j) || text.startsWith('...', j)) && (j + 3 === end || isSpace(text.charCodeAt(j + 3)))) {
      if (text.charCodeAt(j) === 45 && ++documents > MAX_YAML_DOCUMENTS) return `more than ${MAX_YAML_DOCUMENTS} YAML documents`;
      indents.length = 0;
      j += 3;
    } else if (j < end && text.charCodeAt(j) !== 35 /* # */ && text.charCodeAt(j) !== 13) {
      while (indents.length && indents[indents.length - 1] >= j - i) indents.pop();
      indents.push(j - i);
      // `- - - x`, `? ? x`: each indicator opens a level on the same line.
      while (j + 1 < end && (text.charCodeAt(j) === 45 || text.charCodeAt(j) === 63) && isSpace(text.charCodeAt(j + 1)) && indents.length <= MAX_CONFIG_DEPTH) {
        j += 2;
        while (j < end && text.charCodeAt(j) === 32) j++;
        indents.push(j - i);
        nodes++;
      }
    }
    let quote = 0;
    let previous = 0; // last character that is not a space; 0 at the start of the line
    for (; j < end && flow + indents.length <= MAX_CONFIG_DEPTH; j++) {
      const c = text.charCodeAt(j);
      if (quote) {
        if (c === quote) quote = 0;
        else if (c === 92 && quote === 34) j++;
        continue;
      }
      if ((c === 34 || c === 39) && (previous === 0 || QUOTE_OPENERS.has(previous))) quote = c;
      else if (c === 35 && (j === i || isSpace(text.charCodeAt(j - 1)))) break;
      else if (c === 91 || c === 123) {
        flow++;
        nodes++;
      } else if (c === 93 || c === 125) {
        if (flow > 0) flow--;
        else nodes++; // a stray closer: each one is a parse error, and errors cost the parser too
      } else if ((c === 38 || c === 33) && (previous === 0 || isSpace(text.charCodeAt(j - 1)))) nodes++; // anchors and tags
      else if (c === 44 || c === 42 /* alias */ || (c === 58 && isSpace(text.charCodeAt(j + 1)))) nodes++;
      if (c !== 32 && c !== 9) previous = c;
    }
    if (flow + indents.length > MAX_CONFIG_DEPTH) return `nested more than ${MAX_CONFIG_DEPTH} levels deep (line ${lineOf(text, i)})`;
    nodes += indents.length ? 1 : 0;
    if (nodes > MAX_YAML_NODES) return `more than ${MAX_YAML_NODES.toLocaleString('en-US')} YAML nodes`;
    i = end + 1;
  }
  return undefined;
}

/** Characters after which a quote starts a quoted scalar: `:`, `-`, `?`, `[`, `{`, `,`, and tags/anchors' end is a space. */
const QUOTE_OPENERS = new Set([58, 45, 63, 91, 123, 44]);

/** Why this TOML text is not parsed (pyproject.toml, Pipfile), or undefined. */
export function tomlCostProblem(text: string): string | undefined {
  if (text.length > MAX_TOML_BYTES) return `too large to parse (${sizeOf(text.length)}, the limit is ${sizeOf(MAX_TOML_BYTES)})`;
  let depth = 0;
  let dots = 0;
  let quote = 0;
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote) {
      // Basic and literal strings end at their quote or, unclosed, at the line's end.
      if (c === quote || c === 10) quote = 0;
      else if (c === 92 && quote === 34) j++;
      continue;
    }
    if ((c === 34 || c === 39) && text.charCodeAt(j + 1) === c && text.charCodeAt(j + 2) === c) {
      const close = text.indexOf(String.fromCharCode(c).repeat(3), j + 3);
      j = close < 0 ? text.length : close + 2;
    } else if (c === 34 || c === 39) quote = c;
    else if (c === 35) {
      const eol = text.indexOf('\n', j);
      j = eol < 0 ? text.length : eol - 1;
    } else if (c === 91 || c === 123) depth++;
    else if ((c === 93 || c === 125) && depth > 0) depth--;
    // Each dot of a dotted key (`a.b.c = 1`, `[a.b.c]`) is a table level.
    else if (c === 46) dots++;
    else if (c === 10 || c === 61 || c === 44) dots = 0;
    if (depth + dots > MAX_CONFIG_DEPTH) return `nested more than ${MAX_CONFIG_DEPTH} levels deep (line ${lineOf(text, j)})`;
  }
  return undefined;
}

/**
 * Where the JSON string whose body starts at `from` ends (its closing quote; the text's length
 * when it is not closed). Jumps from backslash to backslash with `indexOf`, so a long string
 * without escapes (a notebook's base64 image) costs two searches, not a step per character.
 */
export function jsonStringEnd(text: string, from: number): number {
  let quote = text.indexOf('"', from);
  let backslash = text.indexOf('\\', from);
  while (backslash >= 0 && quote >= 0 && backslash < quote) {
    const next = backslash + 2;
    if (quote < next) quote = text.indexOf('"', next);
    backslash = text.indexOf('\\', next);
  }
  return quote < 0 ? text.length : quote;
}

/**
 * How many line breaks of its value the JSON string body `text[from, end)` holds: its `\n`
 * escapes, but not one that ends the body (the line it ends is the string's last).
 */
export function jsonNewlineEscapes(text: string, from: number, end: number): number {
  let newlines = 0;
  for (let backslash = text.indexOf('\\', from); backslash >= 0 && backslash < end; backslash = text.indexOf('\\', backslash + 2)) {
    if (text.charCodeAt(backslash + 1) === 110 && backslash + 2 < end) newlines++;
  }
  return newlines;
}

/** Why this JSON text is not parsed (notebooks), or undefined. Counts values outside strings. */
export function jsonCostProblem(text: string): string | undefined {
  let depth = 0;
  let values = 0;
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 34) {
      // Skip the string: only structure costs.
      j = jsonStringEnd(text, j + 1);
    } else if (c === 91 || c === 123) {
      values++;
      if (++depth > MAX_JSON_DEPTH) return `nested more than ${MAX_JSON_DEPTH} levels deep (line ${lineOf(text, j)})`;
    } else if (c === 93 || c === 125) depth--;
    else if (c === 44) values++;
    if (values > MAX_JSON_VALUES) return `holds more than ${MAX_JSON_VALUES.toLocaleString('en-US')} JSON values`;
  }
  return undefined;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || Number.isNaN(c);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function sizeOf(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}
