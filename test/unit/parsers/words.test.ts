import * as assert from 'node:assert/strict';
import { prefixesOf, registerAnyCaseWords, registerPrefixes, registerWords, wordsOf, type SegmentTriggers } from '../../../src/core/parsers/words';

// The words and prefixes below are this test's own; registering them beside the rules' words
// only adds entries to the shared table (a segment is scanned again when the table grows).
registerWords(['zebrafish', 'QuokkaNet']);
registerAnyCaseWords(['wombat_loader']);
registerPrefixes(['xq7']);

const scanned = (text: string) => ({ text });

describe('parsers/words: the shared trigger pass', () => {
  it('finds registered words in their exact case, anywhere, including inside longer names and at the end', () => {
    const found = wordsOf(scanned('import zebrafish_io\nmodel = QuokkaNet()\nx = "zebrafish"'));
    assert.ok(found.has('zebrafish'));
    assert.ok(found.has('QuokkaNet'));
    assert.equal(wordsOf(scanned('model = quokkanet()  # ZEBRAFISH')).has('QuokkaNet'), false);
    assert.equal(wordsOf(scanned('ZEBRAFISH = 1')).has('zebrafish'), false);
    assert.ok(wordsOf(scanned('zebrafish')).has('zebrafish'), 'a word that is the whole text');
  });

  it('finds any-case words whatever their case, and reports them in lower case', () => {
    assert.ok(wordsOf(scanned('Wombat_Loader.run()')).has('wombat_loader'));
    assert.ok(wordsOf(scanned('x = WOMBAT_LOADER')).has('wombat_loader'));
    assert.equal(wordsOf(scanned('wombat_loade')).has('wombat_loader'), false, 'cut short at the end of the text');
    assert.equal(wordsOf(scanned('wombat-loader')).has('wombat_loader'), false);
    // DEL shares the underscore's hash key (bit 5 cleared, as for a letter's case): the exact test still tells them apart.
    assert.equal(wordsOf(scanned('wombat\u007floader')).has('wombat_loader'), false);
    assert.equal(wordsOf(scanned('x = {uokkaNet')).has('QuokkaNet'), false, '`{` is no capital Q');
  });

  it('gives every offset where a prefix starts, in any case, ascending (a superset: hash collisions may add offsets)', () => {
    const text = 'a = "xq7"\nb = XQ7 + Xq7\n';
    const at = prefixesOf(scanned(text));
    for (const expected of [5, 14, 20]) assert.ok(at.includes(expected), `offset ${expected} in ${at}`);
    assert.deepEqual([...at], [...at].sort((x, y) => x - y));
  });

  it('is computed once per segment and again when the table grows', () => {
    const seg: { text: string; words?: SegmentTriggers } = scanned('zebrafish and kiwibird');
    const first = wordsOf(seg);
    assert.equal(wordsOf(seg), first, 'kept on the segment');
    registerWords(['kiwibird']);
    assert.ok(wordsOf(seg).has('kiwibird'), 'scanned again with the new word');
  });

  it('handles texts shorter than a prefix and non-ASCII text', () => {
    assert.equal(wordsOf(scanned('')).size, 0);
    assert.equal(wordsOf(scanned('ab')).size, 0);
    assert.deepEqual([...prefixesOf(scanned('x'))], []);
    assert.ok(wordsOf(scanned('données = "zebrafish — 鱼"')).has('zebrafish'));
  });

  it('rejects words too short to hash and prefixes that are not three characters', () => {
    assert.throws(() => registerWords(['ab']), /not valid/);
    assert.throws(() => registerAnyCaseWords(['Mixed_Case']), /not valid/);
    assert.throws(() => registerPrefixes(['abcd']), /not valid/);
  });
});
