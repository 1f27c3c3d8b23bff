import * as assert from 'node:assert/strict';
import { findingsOf, notebook } from '../../helpers/memoryFs';

const RULE = 'import-undeclared';
const TRAIN = [
  '"""Train the churn model."""',
  'import os, sys',
  'from __future__ import annotations',
  'import numpy as np',
  'import pandas as pd',
  'from sklearn.linear_model import LogisticRegression',
  'import xgboost as xgb',
  'import cv2',
  'from PIL import Image',
  'import yaml',
  '',
  'def load():',
  '    import xgboost',
  '    from google.cloud import storage',
  '',
].join('\n');

const where = (f: { file?: string; line?: number; column?: number; endColumn?: number; cell?: number }) => [f.file, f.cell, f.line, f.column, f.endColumn];

describe(RULE, () => {
  describe('fires', () => {
    it('at the import of each module no declared dependency provides, once per module per file, with the distribution to add', async () => {
      const f = await findingsOf(RULE, { 'requirements.txt': 'pandas==2.2.3\nscikit-learn==1.5.2\nopencv-python-headless==4.10.0.84\nPillow==11.0.0\n', 'src/train.py': TRAIN });
      assert.deepEqual(f.map(where), [
        ['src/train.py', undefined, 7, 8, 15],
        ['src/train.py', undefined, 10, 8, 12],
        ['src/train.py', undefined, 14, 10, 22],
      ]);
      assert.match(f[0].message, /^'xgboost' is imported but no declared dependency provides it \(requirements\.txt\): an environment built from them fails at this import\. Add xgboost to requirements\.txt\.$/);
      assert.match(f[1].message, /'yaml' \(distribution PyYAML\) is imported .* Add PyYAML to requirements\.txt/);
      assert.match(f[2].message, /'google\.cloud\.storage' \(distribution google-cloud-storage\)/);
      assert.deepEqual(f[1].data, { module: 'yaml', distribution: 'PyYAML', alternatives: [], requirementsFile: 'requirements.txt' });
    });

    it('in a notebook code cell, at the cell and line (Markdown cells counted)', async () => {
      const f = await findingsOf(RULE, {
        'pyproject.toml': '[project]\nname = "churn"\nversion = "0.1.0"\ndependencies = ["pandas>=2.2", "scikit-learn~=1.5"]\n',
        'notebooks/eda.ipynb': notebook([{ md: '# EDA' }, 'import pandas as pd', 'import seaborn as sns\nfrom sklearn.model_selection import train_test_split\nimport lightgbm']),
      });
      assert.deepEqual(f.map(where), [['notebooks/eda.ipynb', 2, 1, 8, 15], ['notebooks/eda.ipynb', 2, 3, 8, 16]]);
      // SARIF and code scanning point at the notebook's own JSON line of each import.
      const raw = notebook([{ md: '# EDA' }, 'import pandas as pd', 'import seaborn as sns\nfrom sklearn.model_selection import train_test_split\nimport lightgbm']).split('\n');
      assert.deepEqual(f.map((x) => x.rawLine), [raw.findIndex((l) => l.includes('import seaborn')) + 1, raw.findIndex((l) => l.includes('import lightgbm')) + 1]);
      // Only a pyproject declares: the message names it, and there is no requirements file to append to.
      assert.match(f[0].message, /\(pyproject\.toml\).*Declare seaborn in pyproject\.toml\.$/);
      assert.equal(f[0].data?.requirementsFile, undefined);
    });

    it('when the import name differs and the declared distribution is another one (sklearn with only scipy)', async () => {
      const f = await findingsOf(RULE, { 'requirements.txt': 'scipy==1.14.1\n', 'model.py': 'from sklearn.ensemble import RandomForestClassifier\nfrom dateutil import parser\n' });
      assert.deepEqual(f.map((x) => [x.line, x.data?.distribution]), [[1, 'scikit-learn'], [2, 'python-dateutil']]);
    });

    it('for an import inside a try block whose handler does not catch ImportError', async () => {
      const f = await findingsOf(RULE, { 'requirements.txt': 'pandas==2.2.3\n', 'app.py': 'try:\n    import shap\nexcept ValueError:\n    pass\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column]), [[2, 12]]);
    });
  });

  describe('stays quiet', () => {
    it('on a module the notebook downloads itself (sagemaker-safe-deployment-pipeline\'s !wget -O utils.py)', async () => {
      const f = await findingsOf(RULE, {
        'requirements.txt': 'pandas==2.2.3\n',
        'notebook/mlops.ipynb': notebook(['!wget -q -O utils.py https://raw.githubusercontent.com/acme/x/main/utils.py\n!curl -sSo helpers/io.py https://example.com/io.py\nimport utils\nfrom helpers.io import load\nimport requests\n']),
      });
      assert.deepEqual(f.map((x) => [x.line, x.data?.module]), [[5, 'requests']]);
      // Saved under the URL's file name; not when it goes elsewhere (-P) or curl prints it (no -O).
      const named = await findingsOf(RULE, {
        'requirements.txt': 'pandas==2.2.3\n',
        'nb.ipynb': notebook(['!wget -q https://raw.githubusercontent.com/acme/x/main/utils.py\n!curl -sSLO "https://example.com/src/viz.py"\n!wget -P lib https://example.com/aaa.py\n!curl https://example.com/bbb.py\nimport utils, viz, aaa, bbb\n']),
      });
      assert.deepEqual(named.map((x) => x.data?.module), ['aaa', 'bbb']);
    });

    it('on a module declared on a line requirement-invalid reports (sagemaker-safe-deployment-pipeline), but not on what an invalid line does not name', async () => {
      const f = await findingsOf(RULE, { 'model/requirements.txt': 'sagemaker>=2.1.0<3\nstepfunctions==2.0.0\nthis is not a requirement\n', 'model/run.py': 'import sagemaker\nimport stepfunctions\nimport this_is_missing\n' });
      assert.deepEqual(f.map((x) => [x.line, x.data?.module]), [[3, 'this_is_missing']]);
    });

    it('on Python 2\'s standard library, a module a notebook writes itself (%%file), and darts from u8darts', async () => {
      const f = await findingsOf(RULE, {
        'requirements.txt': 'u8darts[torch]>=0.29.0,<0.32.0\n',
        'fabfile.py': 'import SocketServer\nimport ConfigParser\nimport cPickle\nimport urllib2\nfrom darts import TimeSeries\n',
        'notebooks/profiling.ipynb': notebook(['%%file mprun_demo.py\ndef sum_of_lists(n):\n    return n\n', 'from mprun_demo import sum_of_lists\n', '%%writefile -a helpers/io_utils.py\nX = 1\n', 'from helpers.io_utils import X\n']),
      });
      assert.deepEqual(f, []);
    });

    it('but a %%file cell makes only its own module first-party', async () => {
      const f = await findingsOf(RULE, {
        'requirements.txt': 'pandas==2.2.3\n',
        'nb.ipynb': notebook(['%%file mprun_demo.py\nX = 1\n', 'import mprun_demo\nimport memory_profiler\n']),
      });
      assert.deepEqual(f.map((x) => [x.cell, x.line, x.data?.module]), [[1, 2, 'memory_profiler']]);
    });

    it('when the mapping resolves import names to the declared distributions', async () => {
      const f = await findingsOf(RULE, {
        'requirements.txt': 'scikit-learn==1.5.2\nopencv-contrib-python==4.10.0.84\npillow==11.0.0\nPyYAML==6.0.2\nbeautifulsoup4==4.12.3\nscikit-image==0.24.0\npython-dateutil==2.9.0\ngoogle-cloud-storage==2.18.2\nattrs==24.2.0\npython-dotenv==1.0.1\nPyJWT==2.9.0\npycryptodome==3.21.0\nprotobuf==5.28.3\n',
        'app.py': 'import sklearn\nimport cv2\nfrom PIL import Image\nimport yaml\nfrom bs4 import BeautifulSoup\nimport skimage.io\nfrom dateutil import tz\nfrom google.cloud import storage\nimport attr\nfrom dotenv import load_dotenv\nimport jwt\nfrom Crypto.Cipher import AES\nfrom google.protobuf import json_format\n',
      });
      assert.deepEqual(f, []);
    });

    it('on the standard library, relative imports and first-party packages (src layout, sibling modules)', async () => {
      const f = await findingsOf(RULE, {
        'requirements.txt': 'pandas==2.2.3\n',
        'src/churn/__init__.py': '',
        'src/churn/features.py': 'import json, logging, dataclasses\nfrom . import utils\nfrom .io import read\nfrom churn.utils import clean\n',
        'src/churn/utils.py': 'import tomllib\nimport distutils.util\n',
        'notebooks/explore.ipynb': notebook(['import helpers\nfrom churn import features']),
        'notebooks/helpers.py': 'import pandas as pd\n',
      });
      assert.deepEqual(f, []);
    });

    it('on guarded imports: except ImportError, TYPE_CHECKING, version checks, contextlib.suppress', async () => {
      const code = [
        'from typing import TYPE_CHECKING',
        'try:',
        '    import ujson as json',
        'except ImportError:',
        '    import simplejson as json',
        'if TYPE_CHECKING:',
        '    from pandas_stubs import X',
        'if sys.version_info >= (3, 8):',
        '    from importlib.metadata import version',
        'else:',
        '    from importlib_metadata import version',
        'with contextlib.suppress(ModuleNotFoundError):',
        '    import rich',
        'try:',
        '    import torch',
        'except Exception:',
        '    torch = None',
      ].join('\n');
      assert.deepEqual(await findingsOf(RULE, { 'requirements.txt': 'pandas==2.2.3\n', 'compat.py': code }), []);
    });

    it('on distributions named after the module plus a suffix (variants, renamed projects, plugins), not on mere prefixes', async () => {
      const f = await findingsOf(RULE, {
        'requirements.txt': 'chronos-forecasting==2.2.1\ncuml-cu12==24.10\ntirex-ts==1.3.0\ntorchx==0.7.0\n',
        'models.py': 'from chronos import ChronosPipeline\nimport cuml\nimport tirex\nimport torch\n',
      });
      assert.deepEqual(f.map((x) => [x.line, x.data?.module]), [[4, 'torch']]);
    });

    it('on imports under version and availability checks (mmcv\'s parrots branch, is_x_available, HAS_X)', async () => {
      const code = [
        "if torch.__version__ == 'parrots':",
        '    import parrots',
        "if TORCH_VERSION == 'parrots':",
        '    from parrots.utils.build_extension import CUDA_HOME',
        'if is_flash_attn_available():',
        '    import flash_attn',
        'if HAS_APEX:',
        '    import apex',
      ].join('\n');
      assert.deepEqual(await findingsOf(RULE, { 'requirements.txt': 'torch==2.3.1\n', 'compat.py': code }), []);
    });

    it('on what a declared distribution brings along (numpy with pandas, requests with transformers)', async () => {
      const f = await findingsOf(RULE, { 'requirements.txt': 'pandas==2.2.3\ntransformers==4.46.0\n', 'a.py': 'import numpy as np\nimport requests\nimport tokenizers\nfrom huggingface_hub import hf_hub_download\n' });
      assert.deepEqual(f, []);
    });

    it('on packages a notebook installs itself, or code installs on demand before importing', async () => {
      const f = await findingsOf(RULE, {
        'requirements.txt': 'pandas==2.2.3\n',
        'nb.ipynb': notebook(['%pip install -q xgboost==2.1.1 "lightgbm>=4"', 'import xgboost\nimport lightgbm']),
        'export.py': 'def export():\n    check_requirements(("nncf>=2.5.0", "x2paddle"))\n    import nncf\n    import x2paddle\n',
      });
      assert.deepEqual(f, []);
    });

    it('on packages a Dockerfile, a CI step or a setup script installs, and on a base image named after the distribution', async () => {
      const f = await findingsOf(RULE, {
        'requirements.txt': 'pandas==2.2.3\n',
        Dockerfile: 'FROM gcr.io/tfx-oss-public/tfx:1.2.0\nRUN pip install --no-cache-dir -r requirements.txt && \\\n    pip install "torch==2.3.1" --index-url https://download.pytorch.org/whl/cpu\n',
        '.github/workflows/ci.yml': 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: python -m pip install pytest==8.3.3 ruff\n      - run: pytest\n',
        'scripts/setup.sh': '#!/bin/sh\n# pip install never-installed\nconda install -y -c conda-forge lightgbm\n',
        'train.py': 'import torch\nimport lightgbm\nimport tfx\n',
        'tests/test_train.py': 'import pytest\n',
      });
      assert.deepEqual(f, []);
    });

    it('on every pyproject group, setup.py (literal and named list), setup.cfg, environment.yml, Pipfile and -e git+…#egg=', async () => {
      const f = await findingsOf(RULE, {
        'pyproject.toml': [
          '[project]', 'name = "churn"', 'version = "0.1"', 'dependencies = ["pandas>=2"]',
          '[project.optional-dependencies]', 'serve = ["fastapi>=0.110"]',
          '[dependency-groups]', 'lint = ["ruff"]',
          '[tool.poetry.group.dev.dependencies]', 'pytest = "^8"',
          '[tool.pdm.dev-dependencies]', 'docs = ["mkdocs"]',
          '[tool.uv]', 'dev-dependencies = ["hypothesis"]',
          '[tool.hatch.envs.default]', 'dependencies = ["coverage[toml]"]',
        ].join('\n') + '\n',
        'setup.py': 'from setuptools import setup\nREQUIRED = [\n    "xgboost==2.1.1",\n]\nsetup(name="churn", install_requires=REQUIRED, extras_require={"plot": ["seaborn"]})\n',
        'setup.cfg': '[options]\ninstall_requires =\n    shap>=0.46\n[options.extras_require]\ngpu = cupy-cuda12x\n',
        'environment.yml': 'name: churn\ndependencies:\n  - conda-forge::lightgbm=4.5\n  - pytorch\n  - pip:\n    - mlflow==2.16.2\n',
        Pipfile: '[packages]\noptuna = "==4.0"\n[dev-packages]\nmypy = "*"\n',
        'requirements-dev.txt': '-e git+https://github.com/CompVis/taming-transformers.git@master#egg=taming-transformers\nhttps://github.com/explosion/spacy-models/releases/download/en_core_web_sm-3.7.1/en_core_web_sm-3.7.1-py3-none-any.whl\n',
        'app.py': 'import pandas, fastapi, ruff, pytest, mkdocs, hypothesis, coverage, xgboost, seaborn, shap, cupy, lightgbm, torch, mlflow, optuna, mypy, taming, en_core_web_sm\n',
      });
      assert.deepEqual(f, []);
    });

    it('without any dependency file (dependencies-undeclared reports that), or with one that cannot be read', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'train.py': 'import xgboost\n' }), []);
      assert.deepEqual(await findingsOf(RULE, { 'pyproject.toml': '[project\nname = ', 'train.py': 'import xgboost\n' }), []);
      assert.deepEqual(await findingsOf(RULE, { 'setup.py': 'from setuptools import setup\nsetup(install_requires=read_requirements("deps/base.txt"))\n', 'train.py': 'import xgboost\n' }), []);
    });

    it('on Colab and kernel modules in notebooks, packaging tools, setup.py and docs/, and imports in strings or comments', async () => {
      const f = await findingsOf(RULE, {
        'requirements.txt': 'pandas==2.2.3\n',
        'colab.ipynb': notebook(['from google.colab import drive\nfrom IPython.display import display\nimport pkg_resources']),
        'setup.py': 'from setuptools import setup\nimport versioneer\nsetup(install_requires=["pandas"])\n',
        'docs/conf.py': 'import sphinx_rtd_theme\n',
        'app.py': '# import xgboost\nHELP = """\nimport lightgbm\n"""\nprint("import catboost")\n',
      });
      assert.deepEqual(f, []);
    });

    it('on a requirements file MLflow wrote beside a logged model not being the declaration (and not silencing)', async () => {
      const f = await findingsOf(RULE, { 'requirements.txt': 'pandas==2.2.3\n', 'mlruns/0/abc/artifacts/model/requirements.txt': 'xgboost==2.1.1\n', 'train.py': 'import xgboost\n' });
      assert.deepEqual(f.map((x) => [x.file, x.line]), [['train.py', 1]]);
    });

    it('on an inline suppression above the import', async () => {
      assert.deepEqual(await findingsOf(RULE, { 'requirements.txt': 'pandas==2.2.3\n', 'app.py': '# poc-readiness-ignore import-undeclared\nimport internal_sdk\n' }), []);
    });

    // The comment is read on the cell's lines (the finding's), not the .ipynb's JSON lines; and
    // it silences its own cell only, even when the notebook's JSON is one line (as a client sends it).
    for (const [shape, indent] of [['indented on disk', 1], ['on one line', 0]] as const) {
      it(`on an inline suppression above the import in a notebook cell, that cell only (.ipynb ${shape})`, async () => {
        const nb = JSON.stringify(JSON.parse(notebook(['import aaazz\n', 'x = 1\ny = 2\n# poc-readiness-ignore import-undeclared\nimport bbbzz\n'])), null, indent || undefined);
        const f = await findingsOf(RULE, { 'requirements.txt': 'pandas==2.2.3\n', 'nb.ipynb': nb });
        assert.deepEqual(f.map(where), [['nb.ipynb', 0, 1, 8, 13]]);
      });
    }
  });
});

describe(`${RULE} with a workspace environment`, () => {
  const SITE = '.venv/lib/python3.11/site-packages';
  const env = {
    '.venv/pyvenv.cfg': 'home = /usr/bin\nversion = 3.11.9\n',
    [`${SITE}/xgboost-2.1.1.dist-info/METADATA`]: 'Metadata-Version: 2.1\nName: xgboost\nVersion: 2.1.1\nRequires-Dist: numpy\nRequires-Dist: scipy\n',
    [`${SITE}/xgboost-2.1.1.dist-info/top_level.txt`]: 'xgboost\n',
    // No top_level.txt (as many modern wheels): the RECORD says what it installs.
    [`${SITE}/acme_feature_store-0.4.0.dist-info/METADATA`]: 'Metadata-Version: 2.1\nName: acme-feature-store\nVersion: 0.4.0\nRequires-Dist: fancy-lib>=1\nRequires-Dist: pytest; extra == "test"\n',
    [`${SITE}/acme_feature_store-0.4.0.dist-info/RECORD`]: 'featurestore/__init__.py,sha256=abc,10\nfeaturestore/client.py,sha256=def,20\nacme_feature_store-0.4.0.dist-info/METADATA,,\n../../../bin/fs-cli,,\n',
    [`${SITE}/fancy_lib-1.2.dist-info/METADATA`]: 'Name: fancy-lib\nVersion: 1.2\n',
    [`${SITE}/fancy_lib-1.2.dist-info/top_level.txt`]: 'fancy\n',
    [`${SITE}/protobuf-5.28.3.dist-info/METADATA`]: 'Name: protobuf\nVersion: 5.28.3\n',
    [`${SITE}/protobuf-5.28.3.dist-info/top_level.txt`]: 'google\n',
  };

  it('maps modules through the installed metadata and follows its requirements (extras left out)', async () => {
    const f = await findingsOf(RULE, {
      ...env,
      'requirements.txt': 'acme-feature-store==0.4.0\nprotobuf==5.28.3\n',
      'app.py': 'from featurestore import client\nimport fancy\nimport pytest\nfrom google.cloud import storage\n',
    });
    assert.deepEqual(f.map((x) => [x.line, x.data?.module]), [[3, 'pytest'], [4, 'google.cloud.storage']]);
  });

  it('suggests the installed version', async () => {
    const f = await findingsOf(RULE, { ...env, 'requirements.txt': 'pandas==2.2.3\n', 'train.py': 'import xgboost as xgb\n' });
    assert.equal(f.length, 1);
    assert.match(f[0].message, /Add xgboost==2\.1\.1 to requirements\.txt\.$/);
    assert.equal(f[0].data?.version, '2.1.1');
  });

  it('never reports the environment\'s own files', async () => {
    const f = await findingsOf(RULE, { ...env, [`${SITE}/xgboost/core.py`]: 'import some_private_dep\n', 'requirements.txt': 'xgboost==2.1.1\n', 'train.py': 'import xgboost\n' });
    assert.deepEqual(f, []);
  });
});

describe(`${RULE}: shapes met on public ML repositories`, () => {
  it('renamed distributions (python-box, aws-cdk-lib, tensorflow-serving-api, PyWavelets, patool) and brought-along ones (pyaml → PyYAML)', async () => {
    const f = await findingsOf(RULE, {
      'requirements.txt': 'python-box==7.2.0\naws-cdk-lib==2.160.0\ntensorflow-serving-api~=2.6.0\nPyWavelets==1.9.0\npatool==4.0.3\npyaml==24.9.0\nmmsegmentation==0.27.0\n',
      'src/app.py': 'from box import ConfigBox\nimport aws_cdk as cdk\nfrom tensorflow_serving.apis import predict_pb2\nimport pywt\nimport patoolib\nimport yaml\nfrom mmseg.apis import inference_segmentor\n',
    });
    assert.deepEqual(f, []);
  });

  it('protoc-generated modules are first-party even before they are generated', async () => {
    assert.deepEqual(await findingsOf(RULE, { 'requirements.txt': 'protobuf==5.28.3\n', 'nb.ipynb': notebook(['!protoc person.proto --python_out=.', 'import person_pb2\nimport person_pb2_grpc']) }), []);
  });

  it('a course repository whose only declarations belong to one sub-project still reports the notebooks\' plotting imports', async () => {
    const f = await findingsOf(RULE, {
      '05-deployment/Pipfile': '[packages]\nscikit-learn = "==1.5.2"\nflask = "*"\n',
      '02-regression/notebook.ipynb': notebook(['import pandas as pd\nimport matplotlib.pyplot as plt\nfrom sklearn.linear_model import Ridge']),
    });
    assert.deepEqual(f.map((x) => [x.file, x.cell, x.line, x.data?.module]), [['02-regression/notebook.ipynb', 0, 1, 'pandas'], ['02-regression/notebook.ipynb', 0, 2, 'matplotlib']]);
  });
});
