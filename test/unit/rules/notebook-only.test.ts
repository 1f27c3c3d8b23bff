import * as assert from 'node:assert/strict';
import { findingsOf, notebook } from '../../helpers/memoryFs';

const RULE = 'notebook-only';
const NB = notebook([{ md: '# Churn model' }, 'import pandas as pd\ndf = pd.read_parquet("data/customers.parquet")', 'from sklearn.linear_model import LogisticRegression\nmodel = LogisticRegression().fit(X, y)']);

describe(RULE, () => {
  describe('fires', () => {
    it('on notebooks without a module, counting them', async () => {
      const f = await findingsOf(RULE, { 'notebooks/01-eda.ipynb': NB, 'notebooks/02-train.ipynb': NB, 'requirements.txt': 'pandas==2.2.3\n' });
      assert.equal(f.length, 1);
      assert.equal(f[0].ruleId, RULE);
      assert.equal(f[0].file, undefined);
      assert.match(f[0].message, /^2 notebooks and no importable Python module/);
    });

    it('when the only .py files are tests, conftest and build/task files', async () => {
      const f = await findingsOf(RULE, {
        'train.ipynb': NB,
        'tests/test_data.py': 'def test_load():\n    pass\n',
        'conftest.py': 'import pytest\n\n@pytest.fixture\ndef df():\n    return None\n',
        'setup.py': 'from setuptools import setup\n\ndef readme():\n    return ""\n\nsetup(name="churn")\n',
        'noxfile.py': 'import nox\n\n@nox.session\ndef tests(session):\n    session.run("pytest")\n',
        'tasks.py': 'from invoke import task\n\n@task\ndef train(c):\n    c.run("python train.py")\n',
        // The docs' and Jupyter's own Python: hooks, not logic moved out of the notebook.
        'docs/conf.py': 'project = "churn"\n\ndef setup(app):\n    pass\n',
        'docs/scripts/generate.py': 'def main():\n    pass\n',
        'docker/jupyter_notebook_config.py': 'def export_script_and_view(model, os_path, contents_manager):\n    pass\n',
        // A CI helper script (made-with-ml's .github/workflows/json_to_md.py).
        '.github/workflows/json_to_md.py': 'import json\n\ndef to_markdown(data):\n    return ""\n\nif __name__ == "__main__":\n    print(to_markdown(json.load(open("results.json"))))\n',
        // GitLab CI includes kept in .gitlab-ci/, Azure DevOps templates in .azure-pipelines/.
        '.gitlab-ci/scripts/post_comment.py': 'import os\n\nif __name__ == "__main__":\n    print(os.environ["CI_MERGE_REQUEST_IID"])\n',
        '.azure-pipelines/scripts/tag.py': 'def main():\n    pass\n\nif __name__ == "__main__":\n    main()\n',
      });
      assert.equal(f.length, 1);
      assert.match(f[0].message, /^1 notebook and/);
    });
  });

  describe('stays quiet', () => {
    it('with a module next to the notebooks', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'train.ipynb': NB, 'src/churn/features.py': 'def add_features(df):\n    return df\n' }), []);
    });

    it('without notebooks', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'src/churn/features.py': 'def f():\n    pass\n' }), []);
    });

    it('when the module is a class-only file', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'train.ipynb': NB, 'src/churn/config.py': 'from dataclasses import dataclass\n\n@dataclass\nclass Config:\n    n_estimators: int = 300\n' }), []);
    });
  });
});
