import { basename } from '../path';
import { enclosingCall, tokensOf, type Token } from '../parsers/python';
import { registerWords, wordsOf } from '../parsers/words';
import type { FileRule } from '../rule';
import { isTestPath } from './util';

const READ_CALL = /(?:^|\.)(?:read_csv|read_table|read_parquet|read_excel|read_json|read_feather|read_sql|read_sql_query|read_fwf|read_pickle|read_orc|read_hdf|load_dataset|loadtxt|genfromtxt|scan_csv|scan_parquet|read_database|load|text_file|csv|parquet)$/;
const TRUNCATE_KEYWORD = /^(?:nrows|n_rows|max_rows|skipfooter|chunksize_limit)$/;
const SAMPLE_NAME = /(?:^|[_\-.])(?:sample|samples|subset|small|toy|dummy|tiny|mini|head|excerpt)(?:[_\-.\d]|$)/i;

// What each check below needs, as words (any case for the file names): a segment with none is
// never tokenized here. Found in the pass the evidence detectors share (parsers/words.ts).
const TRUNCATE_WORDS = ['nrows', 'n_rows', 'max_rows', 'skipfooter', 'chunksize_limit'];
const CHAIN_WORDS = ['sample', 'head'];
const SPLIT_WORDS = ['load_dataset'];
const SAMPLE_WORDS = ['sample', 'samples', 'subset', 'small', 'toy', 'dummy', 'tiny', 'mini', 'head', 'excerpt'].flatMap((w) => [w, w[0].toUpperCase() + w.slice(1), w.toUpperCase()]);
registerWords([...TRUNCATE_WORDS, ...CHAIN_WORDS, ...SPLIT_WORDS, ...SAMPLE_WORDS]);
/** The shapes themselves, tested only when their words are present. */
const TRUNCATE_SHAPE = /\b(?:n_?rows|max_rows|skipfooter|chunksize_limit)\s*=/;
/**
 * `).sample(` / `).head(`, with line breaks, continuations or whole comments between. Each
 * repetition starts with a different character and a comment runs to its line break, so no
 * text can be matched two ways (a line of `#####` after a `)` stays linear).
 */
const CHAIN_SHAPE = /\)(?:\s|\\|#[^\n]*\n)*\.\s*(?:sample|head)\s*\(/;
/**
 * A sample-named file or folder (SAMPLE_NAME's word bounds) in a string that ends in an
 * extension; the rest of the path is path characters only, so a long line costs one look.
 */
const SAMPLE_FILE_SHAPE = /(?:^|[-_./\\"'])(?:samples?|subset|small|toy|dummy|tiny|mini|head|excerpt)(?=[-_.\d/\\])[\w/\\.:~-]{0,200}\.[A-Za-z0-9]{2,8}["']/i;
/** A sample-named data file only matters when something reads files at all. */
const READ_HINT = /read_|load|scan_|text_file/;

function worthTokenizing(text: string, words: ReadonlySet<string>): boolean {
  const any = (list: readonly string[]) => list.some((w) => words.has(w));
  return (
    (any(TRUNCATE_WORDS) && TRUNCATE_SHAPE.test(text)) ||
    (any(CHAIN_WORDS) && CHAIN_SHAPE.test(text)) ||
    any(SPLIT_WORDS) ||
    (any(SAMPLE_WORDS) && READ_HINT.test(text) && SAMPLE_FILE_SHAPE.test(text))
  );
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
      if (seg.language !== 'python' || !worthTokenizing(seg.text, wordsOf(seg))) continue;
      const tokens = tokensOf(seg);
      const flag = (t: Token, message: string) =>
        report({ range: seg.lines.range(t.start, t.end), cell: seg.cell, message });
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
        // read_csv("data/sample_train.csv")
        const dot = t.value.lastIndexOf('.');
        if (dot >= 0 && dot >= t.value.length - 9 && /\.[a-z0-9]{2,8}$/i.test(t.value)) {
          const normalized = t.value.replace(/\\/g, '/');
          const name = basename(normalized);
          // The file name or one of its folders (`toy/X.npy`, `data/subset/…`) marks a subset.
          if (!normalized.split('/').some((part) => SAMPLE_NAME.test(part)) || /sample_submission/i.test(name)) continue;
          const call = enclosingCall(tokens, i);
          if (call && READ_CALL.test(call.callee)) flag(t, `Loads '${normalized}', a sample/subset file: the PoC should be validated on production-equivalent data.`);
        }
      }
    }
  },
};
