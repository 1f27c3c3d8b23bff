import { basename } from '../path';
import type { CodeSegment } from '../parsed';
import { enclosingCall, tokensOf, type Token } from '../parsers/python';
import { outlineOf } from '../parsers/pythonOutline';
import { registerWords, wordsOf } from '../parsers/words';
import type { FileRule } from '../rule';
import { isTestPath } from './util';

const READ_CALL = /(?:^|\.)(?:read_csv|read_table|read_parquet|read_excel|read_json|read_feather|read_sql|read_sql_query|read_fwf|read_pickle|read_orc|read_hdf|load_dataset|loadtxt|genfromtxt|scan_csv|scan_parquet|read_database|load|text_file|csv|parquet)$/;
const TRUNCATE_KEYWORD = /^(?:nrows|n_rows|max_rows|skipfooter|chunksize_limit)$/;
const SAMPLE_NAME = /(?:^|[_\-.])(?:sample|samples|subset|small|toy|dummy|tiny|mini|head|excerpt)(?:[_\-.\d]|$)/i;

// What each check below needs: a segment with none of it is never tokenized here. Each gate is a
// necessary condition of its check (test: "the pre-filter keeps every file the rule flags").
// The words are found in the pass the evidence detectors share (parsers/words.ts).
const TRUNCATE_WORDS = ['nrows', 'n_rows', 'max_rows', 'skipfooter', 'chunksize_limit'];
const CHAIN_WORDS = ['sample', 'head'];
const SPLIT_WORDS = ['load_dataset'];
registerWords([...TRUNCATE_WORDS, ...CHAIN_WORDS, ...SPLIT_WORDS]);
/** `nrows=`: the keyword then `=`, with spaces or a line continuation between. */
const TRUNCATE_SHAPE = /\b(?:n_?rows|max_rows|skipfooter|chunksize_limit)[\s\\]*=/;
const EXTENSION = /\.[a-z0-9]{2,8}$/i;

/** `\s` of a regular expression, or a backslash (a line continuation's first character). */
function isGap(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13) || c === 92) return true;
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The offset of the first character at or before `from` that is no gap (-1 at the start of the text). */
function lastBeforeGap(text: string, from: number): number {
  let k = from;
  while (k >= 0 && isGap(text.charCodeAt(k))) k--;
  return k;
}

/**
 * `).sample(` / `).head(` as adjacent tokens: only spaces, line breaks and continuations between
 * (a comment is a token). Found from each occurrence of the word, looking out from it: the
 * regular expression `\)[\s\\]*\.[\s\\]*(?:sample|head)[\s\\]*\(` tried at every position of
 * the text cost more than the rest of the rule's pre-filter.
 */
export function hasChainedSample(text: string): boolean {
  for (const word of CHAIN_WORDS) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      const dot = lastBeforeGap(text, at - 1);
      if (text.charCodeAt(dot) !== 46 /* . */ || text.charCodeAt(lastBeforeGap(text, dot - 1)) !== 41 /* ) */) continue;
      let after = at + word.length;
      while (after < text.length && isGap(text.charCodeAt(after))) after++;
      if (text.charCodeAt(after) === 40 /* ( */) return true;
    }
  }
  return false;
}

/** `text[start, end)` ends in an extension (EXTENSION), looked at in place, before any slice is made. */
export function endsInExtension(text: string, start: number, end: number): boolean {
  let k = end - 1;
  while (k >= start && end - k <= 8) {
    const c = text.charCodeAt(k);
    if (!((c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122))) break;
    k--;
  }
  return end - k - 1 >= 2 && k >= start && text.charCodeAt(k) === 46;
}

/** The file-name check's own condition on a string's body: a sample-named part, ending in an extension. */
function sampleNamedFile(body: string): boolean {
  if (!EXTENSION.test(body)) return false;
  const normalized = body.replace(/\\/g, '/');
  return normalized.split('/').some((part) => SAMPLE_NAME.test(part)) && !/sample_submission/i.test(basename(normalized));
}

/** Exported for the test that holds the pre-filter to the checks. */
export function worthTokenizing(seg: CodeSegment): boolean {
  const words = wordsOf(seg);
  const any = (list: readonly string[]) => list.some((w) => words.has(w));
  if ((any(TRUNCATE_WORDS) && TRUNCATE_SHAPE.test(seg.text)) || (any(CHAIN_WORDS) && hasChainedSample(seg.text)) || any(SPLIT_WORDS)) return true;
  // The string literals from the outline (most segments have it already, for imports and evidence).
  const { strings } = outlineOf(seg);
  for (let k = 0; k < strings.length; k += 4) {
    const bodyStart = strings[k + 2];
    const bodyEnd = strings[k + 3];
    if (endsInExtension(seg.text, bodyStart, bodyEnd) && sampleNamedFile(seg.text.slice(bodyStart, bodyEnd))) return true;
  }
  return false;
}

function closingParenMatch(tokens: readonly Token[], close: number): number {
  let depth = 0;
  for (let k = close; k >= 0; k--) {
    const t = tokens[k];
    if (t.type !== 'op') continue;
    if (t.value === ')') depth++;
    else if (t.value === '(' && --depth === 0) return k;
  }
  return -1;
}

function calleeBefore(tokens: readonly Token[], open: number): string {
  const parts: string[] = [];
  let j = open - 1;
  while (j >= 0 && tokens[j].type === 'name') {
    parts.unshift(tokens[j].value);
    if (j >= 1 && tokens[j - 1].value === '.') j -= 2;
    else break;
  }
  return parts.join('.');
}

export const sampleData: FileRule = {
  id: 'sample-data',
  pillar: 'production-data',
  severity: 'warning',
  weight: 2,
  title: 'Data loaded truncated or sampled',
  scope: 'file',
  kinds: ['python', 'notebook'],
  check(file, report) {
    if (isTestPath(file.path)) return;
    for (const seg of file.segments) {
      if (seg.language !== 'python' || !worthTokenizing(seg)) continue;
      sampledLoadsIn(seg, (t, message) => report({ range: seg.lines.range(t.start, t.end), cell: seg.cell, message }));
    }
  },
};

/** The checks themselves, over a segment's tokens (the rule runs them where `worthTokenizing` says). */
export function sampledLoadsIn(seg: CodeSegment, flag: (t: Token, message: string) => void): void {
  const tokens = tokensOf(seg);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    // read_csv(..., nrows=1000)
    // The cheap tests first: this loop sees every token of a module that mentions `.head(`.
    if (t.type === 'name' && tokens[i + 1]?.value === '=' && TRUNCATE_KEYWORD.test(t.value)) {
      const call = enclosingCall(tokens, i + 2);
      if (call && READ_CALL.test(call.callee) && tokens[i + 2]?.value !== 'None') {
        flag(t, `Data loaded truncated (${t.value}=…): the PoC is validated on a slice, not on production-equivalent data. Load the full data, or make the limit a configuration switch that is off in evaluation.`);
      }
    }
    // pd.read_csv(...).sample(...) / .head(...)
    if (t.type === 'name' && (t.value === 'sample' || t.value === 'head') && tokens[i - 1]?.value === '.' && tokens[i - 2]?.value === ')' && tokens[i + 1]?.value === '(') {
      const open = closingParenMatch(tokens, i - 2);
      if (open > 0 && READ_CALL.test(calleeBefore(tokens, open))) {
        flag(t, `Data sampled as it is loaded (.${t.value}()): results will not hold on the full production data. Validate on production-equivalent volume.`);
      }
    }
    // load_dataset(..., split="train[:1%]")
    if (t.type !== 'string') continue;
    if (t.value.endsWith(']') && /^\w+\[\s*:?\s*-?\d+%?\s*:?\s*\d*%?\s*\]$/.test(t.value)) {
      const call = enclosingCall(tokens, i);
      if (call && /load_dataset$/.test(call.callee)) flag(t, `Dataset split '${t.value}' loads a slice: validate on the full production-equivalent split.`);
    }
    // read_csv("data/sample_train.csv"): the file name or one of its folders (`toy/X.npy`,
    // `data/subset/…`) marks a subset.
    if (sampleNamedFile(t.value)) {
      const call = enclosingCall(tokens, i);
      if (call && READ_CALL.test(call.callee)) flag(t, `Loads '${t.value.replace(/\\/g, '/')}', a sample/subset file: the PoC should be validated on production-equivalent data.`);
    }
  }
}
