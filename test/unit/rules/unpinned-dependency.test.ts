import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'unpinned-dependency';
const REQS = '# core\npandas\nscikit-learn>=1.3\nxgboost>=2.1,<2.2\nnumpy<2\nrequests~=2.32.0\nmlflow==2.16.2\n-r requirements-dev.txt\n-e .\n--index-url https://pypi.example.com/simple\n';

describe(RULE, () => {
  describe('fires', () => {
    it('on requirements entries without a version and with `>=` alone, at the entry', async () => {
      const f = await findingsOf(RULE, { 'requirements.txt': REQS });
      assert.equal(f.length, 2);
      assert.equal(f[0].ruleId, RULE);
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column, x.endColumn]), [['requirements.txt', 2, 1, 7], ['requirements.txt', 3, 1, 18]]);
      assert.match(f[0].message, /'pandas' is not pinned/);
      assert.match(f[1].message, /'scikit-learn >=1\.3' is not pinned/);
    });

    it('on a git requirement without a commit or release tag, not on one with it', async () => {
      const f = await findingsOf(RULE, {
        'requirements.txt':
          'torch==2.3.1\ngit+https://github.com/huggingface/peft.git\n-e git+https://github.com/acme/feats.git@main#egg=feats\ngit+ssh://git@github.com/acme/tok.git\ngit+https://github.com/acme/lib.git@v0.3.0\ngit+https://github.com/acme/x.git@1a2b3c4d\ngit+ssh://git@github.com/acme/y.git@2.1\n' +
          'git+https://github.com/acme/z.git@refs/tags/v1.0#egg=z\npeft @ git+https://github.com/huggingface/peft.git@v0.3.0\ngit+https://github.com/acme/e.git@v1.0.0-rc.1\ngit+https://github.com/acme/f.git@v2.0.0+cu118\ngit+https://github.com/acme/g.git@v0.4.0.dev0\ngit+https://github.com/acme/b.git@2.x\ngit+https://github.com/acme/c.git@deadbeefbranch\nd @ git+https://github.com/acme/d.git@main\n',
      });
      assert.deepEqual(f.map((x) => [x.line, x.column, x.endColumn]), [[2, 1, 44], [3, 4, 56], [4, 1, 38], [13, 1, 38], [14, 1, 49], [15, 1, 43]]);
      assert.match(f[0].message, /^'git\+https:\/\/github\.com\/huggingface\/peft\.git' installs whatever its branch holds .*\(git\+https:\/\/github\.com\/huggingface\/peft\.git@<commit>\)/);
      assert.match(f[5].message, /^'d @ git\+https:\/\/github\.com\/acme\/d\.git@main' installs whatever .*\(d @ git\+https:\/\/github\.com\/acme\/d\.git@<commit>\)/);
      // The branch is replaced, the fragment kept: the suggestion installs.
      assert.match(f[1].message, /\(git\+https:\/\/github\.com\/acme\/feats\.git@<commit>#egg=feats\)/);
    });

    it('at each entry\'s own line when one name starts another (torchvision, then torch)', async () => {
      const f = await findingsOf(RULE, { 'environment.yml': 'name: x\ndependencies:\n  - torchvision\n  - torch\n  - pip:\n      - git+https://github.com/acme/lib-extras.git\n      - git+https://github.com/acme/lib\n' });
      assert.deepEqual(f.map((x) => x.line), [3, 4, 6, 7]);
      const toml = await findingsOf(RULE, { 'pyproject.toml': '[project]\nname = "x"\ndependencies = [\n  "torchvision",\n  "torch",\n]\n' });
      assert.deepEqual(toml.map((x) => x.line), [4, 5]);
    });

    it('on a git requirement without a ref in an environment.yml pip list', async () => {
      const f = await findingsOf(RULE, { 'environment.yml': 'name: ft\ndependencies:\n  - python=3.11\n  - pip\n  - pip:\n      - git+https://github.com/huggingface/peft.git\n      - git+https://github.com/acme/lib.git@v0.3.0\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column, x.endColumn]), [[6, 9, 52]]);
      assert.match(f[0].message, /peft\.git@<commit>/);
    });

    it('on PEP 621 dependencies in pyproject.toml', async () => {
      const f = await findingsOf(RULE, { 'pyproject.toml': '[project]\nname = "churn"\nversion = "0.1.0"\ndependencies = [\n  "pandas>=2.0",\n  "scikit-learn~=1.5",\n  "numpy",\n]\n' });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column, x.endColumn]), [['pyproject.toml', 5, 4, 15], ['pyproject.toml', 7, 4, 9]]);
    });

    it('on Poetry dependencies ("*" and a table with >=), not on python or ^ / exact versions', async () => {
      const f = await findingsOf(RULE, { 'pyproject.toml': '[tool.poetry]\nname = "churn"\n\n[tool.poetry.dependencies]\npython = "^3.11"\npandas = "^2.2"\nnumpy = "*"\nscikit-learn = { version = ">=1.3" }\nmlflow = "2.16.2"\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column]), [[7, 1], [8, 1]]);
      assert.match(f[0].message, /'numpy \*'/);
    });

    it('on environment.yml conda and pip entries', async () => {
      const f = await findingsOf(RULE, { 'environment.yml': 'name: churn\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.11\n  - pandas=2.2\n  - numpy\n  - pip\n  - pip:\n      - mlflow==2.16.2\n      - shap\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column, x.message.slice(0, 7)]), [[7, 5, "'numpy'"], [11, 9, "'shap' "]]);
    });

    it('on Pipfile packages', async () => {
      const f = await findingsOf(RULE, { Pipfile: '[[source]]\nurl = "https://pypi.org/simple"\n\n[packages]\npandas = "*"\nnumpy = "==1.26.4"\nrequests = {version = ">=2.0"}\n' });
      assert.deepEqual(f.map((x) => [x.file, x.line, x.column]), [['Pipfile', 5, 1], ['Pipfile', 7, 1]]);
    });
  });

  describe('stays quiet', () => {
    it('on ==, ~=, < and conda =', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'requirements.txt': 'pandas==2.2.3\nrequests~=2.32.0\nnumpy<2\nxgboost>=2.1,<2.2\n', 'environment.yml': 'dependencies:\n  - pandas=2.2\n' }), []);
    });

    for (const lock of ['poetry.lock', 'uv.lock', 'Pipfile.lock', 'pdm.lock', 'conda-lock.yml']) {
      it(`when ${lock} exists`, async () => {
        assert.deepEqual(await findingsOf(RULE, { 'requirements.txt': 'pandas\nscikit-learn>=1.3\n', Pipfile: '[packages]\npandas = "*"\n', [lock]: '# generated\n' }), []);
      });
    }

    it('with a pip-compile output with hashes next to the loose .in file', async () => {
      const f = await findingsOf(RULE, {
        'requirements.in': 'pandas\nscikit-learn>=1.3\n',
        'requirements.txt': '#\n# This file is autogenerated by pip-compile with Python 3.11\n#\npandas==2.2.3 \\\n    --hash=sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0\n',
      });
      assert.deepEqual(f, []);
    });

    it('on an inline suppression on the line above', async () => {
      const f = await findingsOf(RULE, { 'requirements.txt': '# poc-readiness-ignore unpinned-dependency\ninternal-feature-store\npandas==2.2.3\n' });
      assert.deepEqual(f, []);
    });

    it('on setup.py', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'setup.py': 'from setuptools import setup\nsetup(name="churn", install_requires=["pandas"])\n' }), []);
    });
  });
});
