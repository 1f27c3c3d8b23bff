import { basename } from '../path';
import { enclosingCall, tokensOf, type Token } from '../parsers/python';
import type { FileRule } from '../rule';
import { isTestPath } from './util';

const READ_CALL = /(?:^|\.)(?:read_csv|read_table|read_parquet|read_excel|read_json|read_feather|read_sql|read_sql_query|read_fwf|read_pickle|read_orc|read_hdf|load_dataset|loadtxt|genfromtxt|scan_csv|scan_parquet|read_database|load|text_file|csv|parquet)$/;
const TRUNCATE_KEYWORD = /^(?:nrows|n_rows|max_rows|skipfooter|chunksize_limit)$/;
const SAMPLE_NAME = /(?:^|[_\-.])(?:sample|samples|subset|small|toy|dummy|tiny|mini|head|excerpt)(?:[_\-.\d]|$)/i;

/** Any of the shapes below, tested once per segment so most files are never tokenized here. */
const SAMPLE_PREFILTER = /n_?rows|max_rows|skipfooter|chunksize_limit|\.\s*(?:sample|head)\s*\(|load_dataset/;
/** A sample-named data file only matters when something reads files at all. */
const READ_HINT = /read_|load|scan_|text_file/;
const SAMPLE_FILE = /(?:[Ss]ample|[Ss]ubset|[Ss]mall|[Tt]oy|[Dd]ummy|[Tt]iny|[Mm]ini|[Hh]ead|[Ee]xcerpt)[\w/.-]*\.[A-Za-z0-9]{2,8}["']/;

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
      if (seg.language !== 'python' || !(SAMPLE_PREFILTER.test(seg.text) || (READ_HINT.test(seg.text) && SAMPLE_FILE.test(seg.text)))) continue;
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
