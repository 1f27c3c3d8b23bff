import * as assert from 'node:assert/strict';
import { findingsOf, notebook } from '../../helpers/memoryFs';

const RULE = 'notebook-out-of-order';

describe(RULE, () => {
  describe('fires', () => {
    it('on the first code cell whose count is lower than one above it', async () => {
      const f = await findingsOf(RULE, {
        'notebooks/train.ipynb': notebook([
          { md: '# Train' },
          { code: 'df = load()', count: 3 },
          { md: 'Features' },
          { code: 'X = features(df)', count: 1 },
          { code: 'model.fit(X, y)', count: 2 },
        ]),
      });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.equal(f[0].severity, 'info');
      assert.deepEqual([f[0].file, f[0].cell, f[0].line, f[0].column, f[0].endColumn], ['notebooks/train.ipynb', 3, 1, 1, 17]);
      assert.match(f[0].message, /Cell ran as \[1\] after a cell that ran as \[3\]/);
    });

    it('across a never-executed cell in between', async () => {
      const f = await findingsOf(RULE, { 'a.ipynb': notebook([{ code: 'a = 1', count: 7 }, { code: 'b = 2', count: null }, { code: 'c = 3', count: 5 }]) });
      assert.deepEqual(f.map((x) => [x.cell, x.line]), [[2, 1]]);
      assert.match(f[0].message, /\[5\] after a cell that ran as \[7\]/);
    });

    it('on a repeated count, in its own words', async () => {
      const f = await findingsOf(RULE, { 'a.ipynb': notebook([{ code: 'a = 1', count: 1 }, { code: 'b = 2', count: 2 }, { code: 'c = 3', count: 2 }]) });
      assert.deepEqual(f.map((x) => x.cell), [2]);
      assert.match(f[0].message, /^Cell ran as \[2\], the same count as an earlier cell: /);
      assert.doesNotMatch(f[0].message, /after a cell that ran as/);
    });
  });

  describe('stays quiet', () => {
    it('on increasing counts with gaps', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'a.ipynb': notebook([{ code: 'a = 1', count: 1 }, { code: 'b = 2', count: 2 }, { md: 'x' }, { code: 'c = 3', count: 5 }, { code: 'd = 4', count: 9 }]) }), []);
    });

    it('on never-executed cells and cleared notebooks', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'a.ipynb': notebook([{ code: 'a = 1', count: null }, { code: 'b = 2', count: 1 }, { code: 'c = 3', count: null }, { code: 'd = 4', count: 2 }]) }), []);
      assert.deepEqual(await findingsOf(RULE, { 'b.ipynb': notebook([{ code: 'a = 1', count: null }, { code: 'b = 2', count: null }]) }), []);
    });
  });
});
