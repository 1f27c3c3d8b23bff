import * as assert from 'node:assert/strict';
import { analyzeDeps, depsKind, isPinned } from '../../../src/core/parsers/deps';

describe('parsers/deps', () => {
  it('depsKind recognises dependency files and lock files', () => {
    assert.equal(depsKind('requirements.txt'), 'requirements');
    assert.equal(depsKind('requirements-dev.txt'), 'requirements');
    assert.equal(depsKind('requirements/base.in'), 'requirements');
    assert.equal(depsKind('pyproject.toml'), 'pyproject');
    assert.equal(depsKind('Pipfile'), 'pipfile');
    assert.equal(depsKind('environment.yml'), 'environment');
    assert.equal(depsKind('setup.cfg'), 'setup');
    for (const lock of ['poetry.lock', 'uv.lock', 'Pipfile.lock', 'pdm.lock', 'conda-lock.yml']) assert.equal(depsKind(lock), 'lock', lock);
    assert.equal(depsKind('packages.txt'), undefined);
    assert.equal(depsKind('config.yaml'), undefined);
  });

  it('isPinned: ==, ===, ~=, upper bounds, ^, conda and Poetry versions pin; nothing, >= alone and * float', () => {
    for (const spec of ['==2.2.3', '===2.2.3', '~=2.2.0', '>=2.2,<2.3', '<2', '^2.2', '=1.26', '2.16.2']) assert.equal(isPinned(spec), true, spec);
    for (const spec of ['', '>=2.0', '>= 0.110', '*', '!=1.0', '>=2; python_version > "3.8"']) assert.equal(isPinned(spec), false, spec);
  });

  it('requirements: skips comments, options, includes and wheel URLs; records unpinned entries (a git URL without a ref too) with positions', () => {
    const facts = analyzeDeps('requirements.txt', '# core\npandas\n  scikit-learn>=1.3  # loose\nmlflow==2.16.2\n-r dev.txt\n-e .\n--index-url https://x\ngit+https://github.com/x/y.git\nfastapi[all]==0.115.0\n');
    assert.equal(facts?.kind, 'requirements');
    assert.equal(facts?.count, 5);
    assert.equal(facts?.locked, false);
    assert.deepEqual(facts?.unpinned, [
      { name: 'pandas', spec: '', line: 2, column: 1, endColumn: 7 },
      { name: 'scikit-learn', spec: '>=1.3', line: 3, column: 3, endColumn: 20 },
      { name: 'y', spec: 'git+https://github.com/x/y.git', line: 8, column: 1, endColumn: 31 },
    ]);
  });

  it('requirements with hashes (pip-compile) are locked', () => {
    assert.equal(analyzeDeps('requirements.txt', 'pandas==2.2.3 \\\n    --hash=sha256:abc\n')?.locked, true);
  });

  it('pyproject PEP 621 and Poetry', () => {
    const pep = analyzeDeps('pyproject.toml', '[project]\nname = "churn"\ndependencies = ["pandas>=2", "numpy==1.26.4"]\n');
    assert.equal(pep?.count, 2);
    assert.deepEqual(pep?.unpinned.map((d) => [d.name, d.spec, d.line, d.column]), [['pandas', '>=2', 3, 18]]);
    const poetry = analyzeDeps('pyproject.toml', '[tool.poetry.dependencies]\npython = "^3.11"\npandas = "*"\nlib = { git = "https://github.com/x/lib.git" }\n');
    assert.equal(poetry?.count, 2);
    assert.deepEqual(poetry?.unpinned.map((d) => [d.name, d.line]), [['pandas', 3]]);
  });

  it('environment.yml conda and pip entries, skipping python and pip', () => {
    const facts = analyzeDeps('environment.yml', 'dependencies:\n  - python=3.11\n  - numpy\n  - pip\n  - pip:\n      - shap>=0.45\n');
    assert.equal(facts?.count, 2);
    assert.deepEqual(facts?.unpinned.map((d) => [d.name, d.spec, d.line, d.column]), [['numpy', '', 3, 5], ['shap', '>=0.45', 6, 9]]);
  });

  it('broken TOML is an error, not an exception', () => {
    const facts = analyzeDeps('pyproject.toml', '[project\nname = "x"\n');
    assert.ok(facts?.error);
  });
});
