import * as assert from 'node:assert/strict';
import { findingsOf, notebook } from '../../helpers/memoryFs';

const RULE = 'tests-missing';
const MODULE = { 'src/churn/features.py': 'import pandas as pd\n\n\ndef tenure_months(df: pd.DataFrame) -> pd.Series:\n    return (df.as_of - df.signup).dt.days // 30\n' };

describe(RULE, () => {
  describe('fires', () => {
    it('on Python modules without tests (repository finding)', async () => {
      const f = await findingsOf(RULE, { ...MODULE, 'requirements.txt': 'pandas==2.2.3\n' });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.equal(f[0].file, undefined);
      assert.match(f[0].message, /Python code but no tests/);
    });

    it('on a Python notebook without tests', async () => {
      assert.equal((await findingsOf(RULE, { 'notebooks/eda.ipynb': notebook(['import pandas as pd']) })).length, 1);
    });

    it('when the only "tests" are a test notebook or a lone conftest.py', async () => {
      assert.equal((await findingsOf(RULE, { ...MODULE, 'notebooks/test_model.ipynb': notebook(['assert model.score(X, y) > 0.7']) })).length, 1);
      assert.equal((await findingsOf(RULE, { ...MODULE, 'conftest.py': 'import pytest\n\n@pytest.fixture\ndef frame():\n    return None\n' })).length, 1);
    });
  });

  describe('stays quiet', () => {
    it('with tests/test_*.py', async () => {
      assert.deepEqual(await findingsOf(RULE, { ...MODULE, 'tests/test_features.py': 'from churn.features import tenure_months\n\n\ndef test_tenure():\n    assert tenure_months\n' }), []);
    });

    it('with *_test.py and with a module inside tests/', async () => {
      assert.deepEqual(await findingsOf(RULE, { ...MODULE, 'src/churn/features_test.py': 'def test_x():\n    assert build(1) == 2\n' }), []);
      assert.deepEqual(await findingsOf(RULE, { ...MODULE, 'tests/integration.py': 'def test_x():\n    assert build(1) == 2\n' }), []);
    });

    it('fires when tests/ holds no test, only an __init__.py or helpers', async () => {
      const found = await findingsOf(RULE, { ...MODULE, 'tests/__init__.py': '', 'tests/helpers.py': 'def make_frame():\n    return None\n' });
      assert.equal(found.length, 1);
      assert.deepEqual(await findingsOf(RULE, { ...MODULE, 'tests/__init__.py': '', 'tests/cases.py': 'import unittest\n\n\nclass Features(unittest.TestCase):\n    def runTest(self):\n        self.assertTrue(True)\n' }), []);
    });

    it('fires when the only test is a template placeholder (assert False / pass)', async () => {
      const found = await findingsOf(RULE, { ...MODULE, 'tests/test_data.py': 'def test_code_is_tested():\n    assert False\n\n\ndef test_todo():\n    pass\n' });
      assert.equal(found.length, 1);
    });

    it('without Python code', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'README.md': '# Churn\n', 'Dockerfile': 'FROM python:3.11-slim\n' }), []);
    });
  });
});
