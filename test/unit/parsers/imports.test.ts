import * as assert from 'node:assert/strict';
import { importsOf, installedBy, requirementName, vcsUrlParts } from '../../../src/core/parsers/imports';
import { parseFile } from '../../../src/core/parsed';
import { distributionsFor, moduleKey, withBroughtAlong } from '../../../src/core/pythonModules';
import { STDLIB_MODULES } from '../../../src/core/pythonModules.generated';

describe('parsers/imports', () => {
  it('installedBy reads pip, python -m pip, uv pip and conda installs, skipping options and their values', () => {
    assert.deepEqual(installedBy('pip install --no-cache-dir -r requirements.txt && pip install -U "torch==2.3.1" xgboost --index-url https://x/simple'), ['torch', 'xgboost']);
    assert.deepEqual(installedBy('python3 -m pip install -e ".[dev]" shap>=0.46'), ['shap']);
    assert.deepEqual(installedBy('conda install -y -c conda-forge lightgbm=4.5 && echo done'), ['lightgbm']);
    assert.deepEqual(installedBy('uv pip install --system mlflow[extras]'), ['mlflow']);
    assert.deepEqual(installedBy('pip install $EXTRA_PACKAGES ${{ matrix.torch }}'), []);
    assert.deepEqual(installedBy('echo pip'), []);
  });

  it('importsOf tells statement keywords from names that start with one, and reads guards at any indent', () => {
    const text = [
      'important = 1; import_path = "x"; from_dir = 2; iffy = tryst = 0',
      'import torch',
      'try_count = 3',
      'if"cuda" in backends: import apex',
      'try:',
      '    import ujson as json',
      'except ImportError:',
      '    import json',
      'x = 1; from lightgbm import LGBMClassifier',
    ].join('\n');
    const modules = importsOf(parseFile('src/train.py', text).segments[0]).map((m) => `${m.module}@${m.line}:${m.column}`);
    // ujson is guarded by its handler; the one-line `if …: import apex` is no import statement.
    assert.deepEqual(modules, ['torch@2:8', 'lightgbm@9:13']);
  });

  it('requirementName: extras, markers, direct references, wheels, eggs, conda channels', () => {
    assert.equal(requirementName('fastapi[all]>=0.110; python_version>"3.8"'), 'fastapi');
    assert.equal(requirementName('torch @ https://download.pytorch.org/whl/torch-2.3.1-cp311-none-linux_x86_64.whl'), 'torch');
    assert.equal(requirementName('https://github.com/explosion/spacy-models/releases/download/en_core_web_sm-3.7.1/en_core_web_sm-3.7.1-py3-none-any.whl'), 'en_core_web_sm');
    assert.equal(requirementName('git+https://github.com/org/taming.git@master#egg=taming-transformers'), 'taming-transformers');
    assert.equal(requirementName('git+https://github.com/openai/CLIP.git'), 'CLIP');
    // The repository's name, not its ref: a branch, a tag ref, an ssh user.
    assert.equal(requirementName('git+https://github.com/huggingface/peft.git@main'), 'peft');
    assert.equal(requirementName('git+https://github.com/acme/y.git@refs/tags/v0.3.0'), 'y');
    assert.equal(requirementName('git+ssh://git@github.com/acme/tok.git'), 'tok');
    assert.equal(requirementName('lm_eval @ git+https://github.com/EleutherAI/lm-evaluation-harness.git@v0.4.0'), 'lm_eval');
    assert.deepEqual(vcsUrlParts('git+ssh://git@gitlab.com/acme/ml/feats.git@feature/lora#subdirectory=py'), { repository: 'git+ssh://git@gitlab.com/acme/ml/feats.git', name: 'feats', ref: 'feature/lora', fragment: '#subdirectory=py' });
    assert.equal(vcsUrlParts('peft==0.3.0'), undefined);
    assert.equal(requirementName('peft[extra] @ git+https://github.com/huggingface/peft.git@main'), 'peft');
    assert.equal(requirementName('conda-forge::lightgbm=4.5'), 'lightgbm');
    assert.equal(requirementName('./local/pkg'), undefined);
  });

  it('moduleKey and distributionsFor: namespaces by their leading parts, the table for renamed imports', () => {
    assert.equal(moduleKey('sklearn.linear_model'), 'sklearn');
    assert.equal(moduleKey('google.cloud.storage.blob'), 'google.cloud.storage');
    assert.equal(moduleKey('azure.identity.aio'), 'azure.identity');
    assert.equal(moduleKey('azure.storage.blob'), 'azure.storage.blob');
    assert.deepEqual(distributionsFor('sklearn'), ['scikit-learn', 'sklearn']);
    assert.equal(distributionsFor('google.cloud.aiplatform_v1beta1')[0], 'google-cloud-aiplatform');
    assert.equal(distributionsFor('google.protobuf')[0], 'protobuf');
    assert.ok(!distributionsFor('google.cloud.storage').includes('protobuf'));
    assert.ok(distributionsFor('cv2').includes('opencv-python-headless'));
  });

  it('withBroughtAlong closes over known requirements (seaborn → pandas → numpy), names normalised', () => {
    const s = withBroughtAlong(['Seaborn']);
    for (const d of ['seaborn', 'pandas', 'numpy', 'matplotlib', 'python-dateutil']) assert.ok(s.has(d), d);
    assert.ok(!s.has('torch'));
  });

  it('ships the standard library of every supported Python version', () => {
    for (const m of ['os', 'signal', 'tomllib', 'distutils', 'asyncio', '__future__', 'zoneinfo']) assert.ok(STDLIB_MODULES.has(m), m);
    for (const m of ['numpy', 'yaml', 'six']) assert.ok(!STDLIB_MODULES.has(m), m);
  });
});

