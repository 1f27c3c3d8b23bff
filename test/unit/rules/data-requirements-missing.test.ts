import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'data-requirements-missing';
const DR = 'items:\n  - id: volume\n    requirement: 24 months of transactions\n    status: done\n    evidence: warehouse table\n';

describe(RULE, () => {
  describe('fires', () => {
    it('on the data_requirements: key when poc.yaml names a checklist that is absent', async () => {
      const [f] = await findingsOf(RULE, { 'poc.yaml': '# Churn PoC\nname: churn\ndata_requirements: docs/data.yaml\n' });
      assert.deepEqual([f.file, f.line, f.column], ['poc.yaml', 3, 1]);
    });

    it('on a PoC without a checklist (repository finding, scaffold)', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': 'name: churn\n' });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.equal(f[0].file, undefined);
      assert.match(f[0].message, /^No data-requirements checklist/);
      assert.equal(f[0].data?.scaffold, 'data-requirements');
    });

    it('when poc.yaml names a checklist that does not exist, even if another one does', async () => {
      const f = await findingsOf(RULE, { 'poc.yaml': 'name: churn\ndata_requirements: docs/data-requirements.yaml\n', 'data-requirements.yaml': DR });
      assert.equal(f.length, 1);
      assert.match(f[0].message, /names 'docs\/data-requirements\.yaml' as the data-requirements checklist, but it does not exist/);
    });
  });

  describe('stays quiet', () => {
    it('with data-requirements.yaml or data_requirements.yml in the root', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': 'name: churn\n', 'data-requirements.yaml': DR }), []);
      assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': 'name: churn\n', 'data_requirements.yml': DR }), []);
    });

    it('with the file poc.yaml names', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': 'name: churn\ndata_requirements: docs/data-req.yaml\n', 'docs/data-req.yaml': DR }), []);
      assert.deepEqual(await findingsOf(RULE, { 'pocs/churn/poc.yaml': 'name: churn\ndata_requirements: ./data-requirements.yaml\n', 'pocs/churn/data-requirements.yaml': DR }), []);
    });

    it('with a checklist that has open items', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': 'name: churn\n', 'data-requirements.yaml': 'items:\n  - id: volume\n    status: open\n' }), []);
    });
  });
});
