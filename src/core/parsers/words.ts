// Which of a set of words a segment holds, found in one pass over its characters and shared by
// every rule that gates on words (evidence detectors, sample-data): a rule whose words are
// absent skips the segment without a regular expression or a token. Each position's first
// three characters are hashed into a table and only the words filed under that hash are
// compared, about three times faster than one regular expression of the same words.

import { PREFIX_TABLE_SIZE, prefixHash as hash } from '../text';

class WordTable {
  private readonly buckets: Array<string[] | undefined> = new Array(PREFIX_TABLE_SIZE).fill(undefined);

  constructor(words: Iterable<string>) {
    for (const word of words) (this.buckets[hash(word.charCodeAt(0), word.charCodeAt(1), word.charCodeAt(2))] ??= []).push(word);
  }

  find(text: string): Set<string> {
    const found = new Set<string>();
    const n = text.length - 2;
    let c1 = text.charCodeAt(0);
    let c2 = text.charCodeAt(1);
    for (let i = 0; i < n; i++) {
      const c0 = c1;
      c1 = c2;
      c2 = text.charCodeAt(i + 2);
      const bucket = this.buckets[hash(c0, c1, c2)];
      if (bucket === undefined) continue;
      for (let k = 0; k < bucket.length; k++) if (text.startsWith(bucket[k], i)) found.add(bucket[k]);
    }
    return found;
  }
}

const registered = new Set<string>();
let table: WordTable | undefined;
/** Bumped when a word is registered, so a segment's set found with an older table is found again. */
let version = 0;

/** Adds words (exact case, three characters or more) to those `wordsOf` looks for. Called when a module loads. */
export function registerWords(words: Iterable<string>): void {
  for (const word of words) {
    if (word.length < 3) throw new Error(`word "${word}" must be three characters or more`);
    if (registered.has(word)) continue;
    registered.add(word);
    table = undefined;
    version++;
  }
}

/** The registered words present in a segment's text, found once and kept on the segment. */
export function wordsOf(seg: { readonly text: string; words?: { version: number; found: ReadonlySet<string> } }): ReadonlySet<string> {
  if (seg.words?.version !== version) seg.words = { version, found: (table ??= new WordTable(registered)).find(seg.text) };
  return seg.words.found;
}
