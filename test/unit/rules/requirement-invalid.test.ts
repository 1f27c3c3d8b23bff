import * as assert from 'node:assert/strict';
import { findingsOf } from '../../helpers/memoryFs';

const RULE = 'requirement-invalid';

describe(RULE, () => {
  describe('fires', () => {
    it('on code, commands, stdlib and placeholder names and broken syntax, at the line, with why and what to write', async () => {
      const reqs = [
        'pandas==2.2.3',
        'import os',
        "nltk.download('stopwords')",
        'signal',
        'sklearn',
        '  pip install xgboost shap',
        'numpy=1.26.4=py311h64a7726_0',
        'scipy 1.14.1',
        'matplotlib @ file:///home/conda/feedstock_root/build_artifacts/matplotlib_1715976210927/work',
        'python==3.11',
        'requests>=2.0<3.0',
        '- seaborn',
        'dataclasses==0.6',
        'cv2',
        'yaml',
      ].join('\n') + '\n';
      const f = await findingsOf(RULE, { 'requirements.txt': reqs });
      assert.deepEqual(f.map((x) => [x.line, x.column, x.endColumn]), [
        [2, 1, 10], [3, 1, 27], [4, 1, 7], [5, 1, 8], [6, 3, 27], [7, 1, 29], [8, 1, 13], [9, 1, 93], [10, 1, 13], [11, 1, 18], [12, 1, 10], [13, 1, 17], [14, 1, 4], [15, 1, 5],
      ]);
      assert.ok(f.every((x) => x.severity === 'error' && x.file === 'requirements.txt'));
      const says = (line: number) => f.find((x) => x.line === line)!.message;
      assert.match(says(2), /^Line 2 'import os' is Python code, not a requirement: pip stops on it\. Remove the line \(os is part of Python's standard library\)\.$/);
      assert.match(says(3), /a call.*declare 'nltk' here/);
      assert.match(says(4), /names 'signal', part of Python's standard library/);
      assert.match(says(5), /deprecated 'sklearn' placeholder.*Write scikit-learn/);
      assert.match(says(6), /shell command.*\(xgboost, shap\)/);
      assert.match(says(7), /conda's '='.*Write numpy==1\.26\.4 \(the build string/);
      assert.match(says(8), /without an operator.*Write scipy==1\.14\.1/);
      assert.match(says(9), /file on the author's machine.*Write matplotlib==<version>/);
      assert.match(says(10), /names Python itself/);
      assert.match(says(11), /version part pip cannot read \('>=2\.0<3\.0'\)/);
      assert.match(says(12), /list item.*Write 'seaborn' without the bullet/);
      assert.match(says(14), /Write opencv-python/);
      assert.match(says(15), /names 'yaml', which no distribution is called.*Write PyYAML/);
    });

    it('in prefixed requirement files (test-requirements.txt) and requirements/ folders', async () => {
      const f = await findingsOf(RULE, { 'test-requirements.txt': 'pytest==8.3.3\nimport pytest\n', 'requirements/base.txt': 'os\n' });
      assert.deepEqual(f.map((x) => [x.file, x.line]), [['requirements/base.txt', 1], ['test-requirements.txt', 2]]);
    });
  });

  describe('stays quiet', () => {
    it('on valid PEP 508 lines, pip options, URLs, markers and old releases that still install', async () => {
      const reqs = [
        '# comment',
        '--extra-index-url https://download.pytorch.org/whl/cpu',
        '-r requirements-base.txt',
        '-c constraints.txt',
        '-e .',
        '-e git+https://github.com/org/lib.git@v1.2#egg=lib',
        'git+https://github.com/org/other.git@5f3c2a1',
        './vendor/pkg',
        'torch==2.3.1+cpu',
        'fastapi[all]==0.115.0',
        'requests (>=2.0,<3)',
        'numpy>=1.26,<2 ; python_version >= "3.9"',
        'dataclasses==0.8; python_version < "3.7"',
        'tensorflow-gpu==2.4.0',
        'typing-extensions==4.12.2',
        'importlib-metadata==8.5.0',
        'scikit-learn~=1.5.0',
        'pandas==2.2.3 \\',
        '    --hash=sha256:9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0',
        // a name alone on its line, its hashes and build options on the continued ones
        'torch \\',
        '    --hash=sha256:1f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0 \\',
        '    --hash=sha256:2f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0',
        'lightgbm==4.5.0 --config-settings="cmake.define.USE_GPU=ON" --global-option build_ext',
        'torch @ https://download.pytorch.org/whl/cpu/torch-2.3.1%2Bcpu-cp311-cp311-linux_x86_64.whl',
      ].join('\n') + '\n';
      assert.deepEqual(await findingsOf(RULE, { 'requirements.txt': reqs }), []);
    });

    it('on a template’s placeholders (kedro-starters: cookiecutter), which pip only reads rendered; the name still declares', async () => {
      const tree = { '{{ cookiecutter.repo_name }}/requirements.txt': 'ipython==8.10\nkedro[jupyter]~={{ cookiecutter.kedro_version }}\n{% if cookiecutter.tools %}pytest~=7.2{% endif %}\n', '{{ cookiecutter.repo_name }}/src/run.py': 'import kedro\n' };
      assert.deepEqual(await findingsOf(RULE, tree), []);
      assert.deepEqual(await findingsOf('import-undeclared', tree), []);
      assert.deepEqual(await findingsOf('unpinned-dependency', tree), []);
      // Braces that are no template are still read.
      assert.equal((await findingsOf(RULE, { 'requirements.txt': 'pandas{2}\n' })).length, 1);
    });

    it('on requirements MLflow wrote beside a logged model', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'mlruns/0/abc/artifacts/model/requirements.txt': 'pathlib==1.0.1\ntyping==3.7.4.3\n' }), []);
    });
  });

  it('invalid lines are not also reported as unpinned', async () => {
    const f = await findingsOf('unpinned-dependency', { 'requirements.txt': 'import os\nsignal\nsklearn\npandas\n' });
    assert.deepEqual(f.map((x) => x.line), [4]);
  });
});
