import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'committed-data';
const BIG = { size: 5_000_000 };

describe(RULE, () => {
  describe('fires', () => {
    it('on a data file over 1 MB, reported on the file with its size', async () => {
      const f = await findingsOf(RULE, { 'data/customers.csv': BIG, 'src/churn/load.py': 'x = 1\n' });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.equal(f[0].file, 'data/customers.csv');
      assert.match(f[0].message, /^4\.8 MB data file in the repository \(not in Git LFS or DVC\)/);
    });

    it('on model weights, pickles and archives, once per file', async () => {
      const f = await findingsOf(RULE, { 'models/model.pkl': { size: 30_000_000 }, 'models/w.safetensors': { size: 3_000_000 }, 'export.tar.gz': { size: 2_000_000 }, 'DATA.CSV': BIG });
      assert.deepEqual(f.map((x) => x.file), ['DATA.CSV', 'export.tar.gz', 'models/model.pkl', 'models/w.safetensors']);
    });

    it('on JSON over 1 MB (an instruction set, a records dump), not on a package lock', async () => {
      const f = await findingsOf(RULE, { 'alpaca_data.json': { size: 25_000_000 }, 'data/regions.geojson': BIG, 'web/package-lock.json': BIG, 'config.json': { size: 4_000 } });
      assert.deepEqual(f.map((x) => x.file), ['alpaca_data.json', 'data/regions.geojson']);
    });
  });

  describe('stays quiet', () => {
    it('under Git LFS via .gitattributes', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'data/customers.csv': BIG, '.gitattributes': '*.csv filter=lfs diff=lfs merge=lfs -text\n' }), []);
    });

    it('with a .dvc sidecar', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'data/customers.csv': BIG, 'data/customers.csv.dvc': 'outs:\n- md5: 3f2a9c\n  size: 5000000\n  path: customers.csv\n' }), []);
    });

    it('when gitignored or lint.ignore-d', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'data/customers.csv': BIG, '.gitignore': 'data/\n' }), []);
      assert.deepEqual(await findingsOf(RULE, { 'poc.yaml': 'name: churn\nlint:\n  ignore: ["data/**"]\n', 'data/customers.csv': BIG }), []);
    });

    it('on small files, exactly 1 MB, and other extensions', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'data/lookup.csv': { size: 200_000 }, 'data/limit.csv': { size: 1024 * 1024 }, 'data/big.yaml': BIG, 'docs/diagram.png': BIG }), []);
    });
  });
});
