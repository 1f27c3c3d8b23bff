import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'owner-missing';

describe(RULE, () => {
  describe('fires', () => {
    it('without owner and sponsor, at the document start', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': 'name: churn-prediction\nproblem: Cut churn.\n' });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.deepEqual([f[0].file, f[0].line, f[0].column], ['poc.yaml', 1, 1]);
      assert.match(f[0].message, /^No business owner and no executive sponsor named/);
    });

    it('on placeholders TBD and <name>, at the name key', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': 'name: churn\nbusiness_owner: { name: TBD, unit: Consumer Marketing }\nsponsor:\n  name: "<name>"\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column, x.endColumn]), [[2, 19, 23]]);
      assert.match(f[0].message, /No business owner and no executive sponsor/);
    });

    it('naming only the sponsor when the owner is there, at the sponsor key', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': 'name: churn\nbusiness_owner: Dana Lee\nsponsor: { role: VP Customer }\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column]), [[3, 1]]);
      assert.match(f[0].message, /^No executive sponsor named/);
    });

    it('on {{owner}}, ?, n/a and empty strings', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': 'name: churn\nbusiness_owner: "{{owner}}"\nsponsor: "?"\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column]), [[2, 1]]);
      assert.equal((await findingsOf(RULE, { 'poc.yaml': 'name: churn\nbusiness_owner: n/a\nsponsor: ""\n' })).length, 1);
    });

  });

  describe('stays quiet', () => {
    it('without a poc.yaml: not applicable, manifest-missing is the one finding that says so', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'src/app.py': 'x = 1\n' }), []);
      assert.equal((await findingsOf('manifest-missing', { 'src/app.py': 'x = 1\n' })).length, 1);
    });

    it('with named people, as objects or plain strings', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': 'name: churn\nbusiness_owner: { name: Dana Lee, unit: Consumer Marketing }\nsponsor: { name: Sam Ortiz, role: VP Customer }\n' }), []);
      assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': 'name: churn\nbusiness_owner: Dana Lee\nsponsor: Sam Ortiz\n' }), []);
    });

    it('on a poc.yaml that does not parse (manifest-invalid speaks)', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': 'name: churn\nsponsor: { name: Sam\n' }), []);
    });
  });
});
