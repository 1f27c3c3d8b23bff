import * as assert from 'node:assert/strict';
import { findingsOf, notebook } from '../../helpers/memoryFs';

const RULE = 'dependencies-undeclared';
const CODE = { 'src/churn/train.py': 'import pandas as pd\nfrom sklearn.ensemble import GradientBoostingClassifier\n' };

describe(RULE, () => {
  describe('fires', () => {
    it('on Python code with no dependency file (repository finding)', async () => {
      const f = await findingsOf(RULE, CODE);
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.equal(f[0].file, undefined);
      assert.match(f[0].message, /no requirements\.txt, pyproject\.toml/);
    });

    it('on a notebook whose only installs are !pip cells, a Dockerfile RUN and a packages.txt', async () => {
      const f = await findingsOf(RULE, {
        'eda.ipynb': notebook(['!pip install pandas']),
        Dockerfile: 'FROM python:3.11-slim\nRUN pip install pandas scikit-learn\n',
        'packages.txt': 'pandas\nscikit-learn\n',
      });
      assert.equal(f.length, 1);
    });
  });

  describe('stays quiet', () => {
    const files: Record<string, string> = {
      'requirements.txt': 'pandas==2.2.3\n',
      'requirements-dev.txt': 'pytest==8.3.3\n',
      'pyproject.toml': '[project]\nname = "churn"\nversion = "0.1.0"\ndependencies = ["pandas==2.2.3"]\n',
      'environment.yml': 'name: churn\nchannels: [conda-forge]\ndependencies:\n  - python=3.11\n  - pandas=2.2\n',
      'environment.yaml': 'name: churn\ndependencies:\n  - pandas=2.2\n',
      Pipfile: '[packages]\npandas = "==2.2.3"\n\n[requires]\npython_version = "3.11"\n',
      'setup.py': 'from setuptools import setup\nsetup(name="churn", install_requires=["pandas==2.2.3"])\n',
      'setup.cfg': '[options]\ninstall_requires =\n    pandas==2.2.3\n',
    };
    for (const [path, content] of Object.entries(files)) {
      it(`with ${path}`, async () => assert.deepEqual(await findingsOf(RULE, { ...CODE, [path]: content }), []));
    }

    it('without Python code', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'README.md': '# Churn\n', 'analysis.R': 'library(dplyr)\n' }), []);
    });
  });
});
