import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'decision-overdue';
// lintTree fixes "today" at 2026-11-23.
const poc = (decideBy: string, decision = '') =>
  `name: churn\nfailure_criteria:\n  - metric: recall on a held-out production month\n    threshold: "< 0.60"\n    decide_by: ${decideBy}\n${decision}`;

describe(RULE, () => {
  describe('fires', () => {
    it('on a past decide_by with outcome pending, at the date value', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': poc('2026-10-01', 'decision:\n  outcome: pending\n') });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.deepEqual([f[0].file, f[0].line, f[0].column, f[0].endColumn], ['poc.yaml', 5, 16, 26]);
      assert.match(f[0].message, /^Decision was due 2026-10-01 \(53 days ago\) and none is recorded/);
    });

    it('without a decision block, once per overdue criterion', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': poc('2026-10-01') + '  - metric: cost per prediction\n    threshold: "> 0.02 EUR"\n    decide_by: "2026-09-01"\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column]), [[5, 16], [8, 16]]);
      assert.match(f[1].message, /due 2026-09-01 \(83 days ago\)/);
    });

    it('on yesterday (1 day ago)', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': poc('2026-11-22') });
      assert.match(f[0].message, /\(1 day ago\)/);
    });
  });

  describe('stays quiet', () => {
    it('with outcome go, no-go or pivot', async () => {
      for (const outcome of ['go', 'no-go', 'pivot']) {
        assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': poc('2026-10-01', `decision:\n  outcome: ${outcome}\n  date: 2026-10-20\n`) }), [], outcome);
      }
    });

    it('on a future date and on today', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': poc('2027-02-15') }), []);
      assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': poc('2026-11-23') }), []);
    });

    it('on a decide_by that is not a date, and without a manifest', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': poc('next quarter') }), []);
      assert.deepEqual(await findingsOf(RULE, { 'src/app.py': 'x = 1\n' }), []);
    });
  });
});
