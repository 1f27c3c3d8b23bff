import * as assert from 'node:assert/strict';
import { findingsOf, notebook } from '../../helpers/memoryFs';

const RULE = 'notebook-pip-install';

describe(RULE, () => {
  describe('fires', () => {
    it('on !pip install at its cell (Markdown counted) and line', async () => {
      const f = await findingsOf(RULE, {
        'notebooks/train.ipynb': notebook([
          { md: '# Setup' },
          'import os',
          'import sys\n!pip install pandas==2.2.3 scikit-learn\nimport pandas as pd',
        ]),
      });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.deepEqual([f[0].file, f[0].cell, f[0].line, f[0].column, f[0].endColumn], ['notebooks/train.ipynb', 2, 2, 1, 40]);
      assert.match(f[0].message, /Package installed from a notebook cell/);
    });

    it('on indented %pip install, !conda install, %conda and pip3', async () => {
      const f = await findingsOf(RULE, {
        'eda.ipynb': notebook(['  %pip install -q xgboost', '!conda install -y -c conda-forge lightgbm\n%conda install numpy\n!pip3 install torch', '!python -m pip install shap']),
      });
      assert.deepEqual(f.map((x) => [x.cell, x.line, x.column, x.endColumn]), [
        [0, 1, 3, 26],
        [1, 1, 1, 42],
        [1, 2, 1, 21],
        [1, 3, 1, 20],
        [2, 1, 1, 28],
      ]);
    });

    it('on {sys.executable} -m pip, and on a package named beside the declared requirements (sagemaker-safe, yolov5 tutorials)', async () => {
      const f = await findingsOf(RULE, {
        'tutorial.ipynb': notebook(['import sys\n!{sys.executable} -m pip install -qU boto3 tqdm', '%pip install -qr requirements.txt comet_ml', '!pip install -e git+https://github.com/acme/lib.git#egg=lib', '!pip install {package} --user', '! pip3 install --upgrade --quiet \\\n    google-cloud-aiplatform \\\n    langchain']),
      });
      // A continued line is flagged where the command starts (vertex-ai-samples).
      assert.deepEqual(f.map((x) => [x.cell, x.line, x.column]), [[0, 2, 1], [1, 1, 1], [2, 1, 1], [3, 1, 1], [4, 1, 1]]);
    });
  });

  describe('stays quiet', () => {
    it('on pip install in a Markdown cell', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'eda.ipynb': notebook([{ md: 'Run `!pip install pandas` first' }, { md: '!pip install pandas' }, 'import pandas as pd']) }), []);
    });

    it('in a .py file or a shell script', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'setup_env.py': 'import subprocess\nsubprocess.run(["pip", "install", "pandas"])\n# !pip install pandas\n', 'setup.sh': 'pip install pandas\n' }), []);
    });

    it('on installing the declared dependencies and on other pip commands', async () => {
      const f = await findingsOf(RULE, {
        'eda.ipynb': notebook(['%pip install -r requirements.txt', '!pip install -q -r ../requirements.txt', '%pip install -e .', '!pip install .', '!pip list\n!pip freeze > frozen.txt\n%pip show pandas', '# !pip install pandas', '!pip install -qU pip setuptools wheel', '!pip install -q -r requirements.txt -c constraints.txt --index-url https://pypi.org/simple', '! pip3 install -U {USER_FLAG} -r src/requirements.txt', '!conda install -y --file requirements.txt', '%pip install -qe ".[dev]"', '!pip install -q -r requirements.txt > /dev/null 2>&1', '!pip install -U pip && pip install -r requirements.txt', '%pip install -r requirements.txt --progress-bar off', '!pip install -e ./src', '!pip install -q \\\n    -r requirements.txt']),
      });
      assert.deepEqual(f, []);
    });
  });
});
