import * as assert from 'node:assert/strict';
import { parseFile } from '../../../src/core/parsed';
import { worthTokenizingForPaths } from '../../../src/core/rules/local-path';
import { findingsOf, notebook, type Tree } from '../../helpers/memoryFs';

const lp = (tree: Tree) => findingsOf('local-path', tree);
const py = async (code: string) => lp({ 'src/app.py': code });

describe('local-path', () => {
  describe('fires on machine-specific locations', () => {
    const firing: Array<[string, string, string]> = [
      ['Linux home', 'df = pd.read_csv("/home/dana/data/train.csv")\n', '/home/dana/data/train.csv'],
      ['macOS home', "DATA = '/Users/dana/Documents/churn/data'\n", '/Users/dana/Documents/churn/data'],
      ['macOS home with a space', 'p = "/Users/Jane Doe/data/train.csv"\n', '/Users/Jane Doe/data/train.csv'],
      ['root home', 'open("/root/data/x.csv")\n', '/root/data/x.csv'],
      ['Windows raw string', 'df = pd.read_parquet(r"D:\\data\\events.parquet")\n', 'D:\\data\\events.parquet'],
      ['Windows escaped', 'path = "C:\\\\Users\\\\dana\\\\train.csv"\n', 'C:\\\\Users\\\\dana\\\\train.csv'],
      ['Windows forward slashes', 'path = "C:/Users/dana/train.csv"\n', 'C:/Users/dana/train.csv'],
      ['Windows bare raw in single quotes', "x = r'C:\\Users\\dana'\n", 'C:\\Users\\dana'],
      ['UNC share', 'share = r"\\\\fileserver\\analytics\\churn"\n', '\\\\fileserver\\analytics\\churn'],
      ['UNC share escaped', 'share = "\\\\\\\\fileserver\\\\analytics"\n', '\\\\\\\\fileserver\\\\analytics'],
      ['~ as data location', 'df = pd.read_csv("~/Downloads/train.csv")\n', '~/Downloads/train.csv'],
      ['expanduser', 'root = os.path.expanduser("~/projects/churn/data")\n', '~/projects/churn/data'],
      ['Colab Drive', 'df = pd.read_csv("/content/drive/MyDrive/churn/train.csv")\n', '/content/drive/MyDrive/churn/train.csv'],
      ['WSL mount', 'DATA = "/mnt/c/Users/dana/data"\n', '/mnt/c/Users/dana/data'],
      ['macOS volume', 'DATA = "/Volumes/External/data/events.csv"\n', '/Volumes/External/data/events.csv'],
      ['file URI', 'uri = "file:///home/dana/mlruns"\n', 'file:///home/dana/mlruns'],
      ['file URI on Windows', 'mlflow.set_tracking_uri("file:///C:/mlruns")\n', 'file:///C:/mlruns'],
      ['Kaggle input', 'df = pd.read_csv("/kaggle/input/churn/train.csv")\n', '/kaggle/input/churn/train.csv'],
      ['a person\'s Databricks workspace folder', 'df = pd.read_csv("/Workspace/Users/dana@acme.com/churn/train.csv")\n', '/Workspace/Users/dana@acme.com/churn/train.csv'],
      ['generic data path in an I/O call', 'df = pd.read_parquet("/data/warehouse/events.parquet")\n', '/data/warehouse/events.parquet'],
      ['generic path assigned to a path-like name', 'OUTPUT_DIR = "/scratch/dana/runs"\n', '/scratch/dana/runs'],
      ['generic path with a data extension', 'files = ["/srv/exports/customers.csv"]\n', '/srv/exports/customers.csv'],
      ['generic path with spaces', 'df = pd.read_csv("/data/my exports/train.csv")\n', '/data/my exports/train.csv'],
      ['keyword argument', 'ds = load(data_dir="/nfs/shared/churn")\n', '/nfs/shared/churn'],
      ['dict entry', 'cfg = {"train_path": "/data/churn/train.csv"}\n', '/data/churn/train.csv'],
      ['f-string with a literal home prefix', 'p = f"/home/dana/runs/{run_id}/model.pkl"\n', '/home/dana/runs/'],
      ['path inside a shell command string', 'subprocess.run("cp /home/dana/model.pkl models/", shell=True)\n', '/home/dana/model.pkl'],
    ];
    for (const [name, code, path] of firing) {
      it(name, async () => {
        const found = await py(code);
        assert.equal(found.length, 1, `expected one finding for ${code}, got ${JSON.stringify(found)}`);
        const f = found[0];
        assert.equal(f.file, 'src/app.py');
        assert.equal(f.line, 1);
        const literal = code.slice(f.column! - 1, f.endColumn! - 1);
        assert.equal(literal, path);
        assert.equal(f.pillar, 'abstract-infrastructure');
        assert.equal(f.severity, 'warning');
      });
    }
  });

  describe('stays quiet on near-misses', () => {
    const quiet: Array<[string, string]> = [
      ['URL route in a decorator', '@app.post("/api/v1/score")\ndef score(): ...\n'],
      ['route string', 'router.get("/predict")\nPREDICT_ROUTE = "/predict"\n'],
      ['API prefix', 'API_PREFIX = "/api/v1"\napp.include_router(r, prefix="/api/v1/models")\n'],
      ['Flask route with a users segment', '@app.route("/Users/<int:id>")\ndef user(id): ...\n'],
      ['TensorFlow device strings', 'with tf.device("/device:GPU:0"): pass\nwith tf.device("/cpu:0"): pass\nx = "/job:worker/replica:0/task:0/device:GPU:0"\n'],
      ['suffix concatenated onto a variable', 'df = pd.read_csv(base + "/train.csv")\np = root / "data/train.csv"\n'],
      ['f-string after a computed prefix', 'p = f"{DATA_DIR}/train.csv"\nq = f"{home}/dana/x.csv"\n'],
      ['file:// before a computed path', 'uri = "file://" + path\nuri2 = f"file://{path}"\n'],
      ['/tmp and /dev/null', 'open("/tmp/x.csv", "w")\nopen("/dev/null")\nLOG = "/var/log/app/train.log"\n'],
      ['shebang and comments', '#!/usr/bin/env python\n# data lives in /home/dana/data\nx = 1\n'],
      ['docstring prose', 'def f():\n    """Reads from /home/user/data or C:\\\\data on your machine."""\n    return 1\n'],
      ['URLs', 'u = "https://example.com/home/dana/data.csv"\nv = "s3://bucket/Users/x.parquet"\n'],
      ['relative paths', 'df = pd.read_csv("data/train.csv")\nm = Path("models") / "churn.pkl"\n'],
      ['dot folders in the home', 'cache = os.path.expanduser("~/.cache/huggingface")\ncreds = "~/.kaggle/kaggle.json"\n'],
      ['managed storage mounts (Vertex AI, Databricks)', 'gcs_path = "/gcs/my_bucket/my_hp_search"\ndf = pd.read_csv("/dbfs/mnt/raw/churn.csv")\ncfg = open("/Workspace/Shared/churn/conf.yaml")\n'],
      ['container paths in serving code', 'MODEL_PATH = "/app/models/churn.pkl"\nopen("/opt/ml/model/model.joblib")\n'],
      ['single-segment path without extension', 'DATA_DIR = "/data"\n'],
      ['bytes literals', 'sep = b"/home/x/"\n'],
      ['computed user in an f-string', 'p = f"/home/{user}/data"\n'],
      ['regular expressions', 'pat = re.compile(r"^/api/(?P<v>v\\d)/")\n'],
      ['runner and jovyan homes', 'p = "/home/runner/work/x"\nq = "/home/jovyan/work/data.csv"\n'],
      ['string not used as a location', 'print("Saved")\nlabel = "/"\n'],
      ['documentation placeholders', 'DATA = "/path/to/data.csv"\nout = r"C:\\path\\to\\out.csv"\nroot = "/your/dataset/dir"\n'],
      ['placeholder user names and the HF Spaces home', 'a = "/home/user/app/model.pkl"\nb = "/Users/username/data.csv"\nc = r"C:\\Users\\<you>\\data.csv"\nd = "/home/<user>/x.csv"\n'],
    ];
    for (const [name, code] of quiet) {
      it(name, async () => {
        assert.deepEqual(await py(code), []);
      });
    }
  });

  describe('notebooks', () => {
    it('reports the cell index (Markdown cells counted) and the line inside the cell', async () => {
      const nb = notebook([{ md: '# Data at /home/dana/data' }, 'import pandas as pd', 'x = 1\ndf = pd.read_csv("/home/dana/data/train.csv")']);
      const found = await lp({ 'analysis.ipynb': nb });
      assert.equal(found.length, 1);
      assert.equal(found[0].cell, 2);
      assert.equal(found[0].line, 2);
      assert.equal(found[0].column, 19);
    });

    it('does not lint outputs or Markdown cells', async () => {
      const raw = JSON.parse(notebook([{ md: 'See C:\\Users\\dana\\x.csv' }, 'print(1)']));
      raw.cells[1].outputs = [{ output_type: 'stream', name: 'stdout', text: ['/home/dana/data/train.csv\n'] }];
      assert.deepEqual(await lp({ 'n.ipynb': JSON.stringify(raw) }), []);
    });

    it('flags Colab /content paths and files read from the filesystem root in a Colab notebook', async () => {
      const nb = notebook(['df = pd.read_csv("/content/sample_data/california_housing_train.csv")', 'x = pd.read_csv("/train.csv")'], { colab: { provenance: [] } });
      const found = await lp({ 'colab.ipynb': nb });
      assert.deepEqual(found.map((f) => f.cell), [0, 1]);
    });

    it('flags shell escapes and magics', async () => {
      const nb = notebook(['!ls /home/dana/data\n%cd /content/drive/MyDrive/project']);
      const found = await lp({ 'n.ipynb': nb });
      assert.deepEqual(found.map((f) => f.line), [1, 2]);
    });
  });

  describe('config and other files', () => {
    it('fires on config values and stays quiet on comments', async () => {
      const found = await lp({
        'configs/train.yaml': '# old: /home/dana/data\ndata:\n  train_path: /home/dana/churn/train.csv\n  out_dir: /scratch/team/churn\n  url: /api/v1\n',
      });
      assert.deepEqual(found.map((f) => [f.line, f.column]), [[3, 15], [4, 12]]);
    });

    it('stays quiet on container paths in Dockerfiles and compose files, but flags host home folders in compose volumes', async () => {
      const found = await lp({
        Dockerfile: 'FROM python:3.11-slim\nWORKDIR /root/app\nCOPY . /home/app\n',
        'docker-compose.yml': 'services:\n  api:\n    build: .\n    volumes:\n      - /home/dana/data:/data\n      - ./models:/root/models\n',
      });
      assert.deepEqual(found.map((f) => [f.file, f.line]), [['docker-compose.yml', 5]]);
    });

    it('stays quiet on .gitignore / .dockerignore patterns and Markdown prose', async () => {
      assert.deepEqual(await lp({ '.gitignore': '/data\n/home/\n', '.dockerignore': '/models\n', 'README.md': 'Copy to /home/dana/data or C:\\data\n' }), []);
    });

    it('stays quiet on paths after Make and CI variables', async () => {
      const found = await lp({
        Makefile: 'out:\n\tmkdir -p $(BUILDDIR)/out\n\tcp x ${HOME}/y\n',
        '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ls ${{ github.workspace }}/data\n      - run: ls $GITHUB_WORKSPACE/home/x\n',
      });
      assert.deepEqual(found, []);
    });

    it('stays quiet on the _name_or_path that save_pretrained records in config.json', async () => {
      const found = await lp({ 'models/bert/config.json': '{\n  "_name_or_path": "/home/dana/models/bert-base",\n  "architectures": ["BertModel"]\n}\n', 'cfg.json': '{ "data_dir": "/home/dana/data" }\n' });
      assert.deepEqual(found.map((f) => f.file), ['cfg.json']);
    });

    it('stays quiet on files tools generate: MLflow runs, W&B, Hydra outputs', async () => {
      const found = await lp({
        'mlruns/0/meta.yaml': 'artifact_location: file:///C:/Users/arun/project/mlruns/0\n',
        'outputs/2024-01-01/12-00-00/.hydra/hydra.yaml': 'run:\n  dir: /home/dana/outputs\n',
        'wandb/run-1/files/config.yaml': 'data_dir: /home/dana/data\n',
      });
      assert.deepEqual(found, []);
    });

    it('flags `export VAR=/data/path` in shell scripts and names the variable after the key', async () => {
      const found = await lp({ 'scripts/env.sh': 'export RUN_ID_FILE=/mnt/user_storage/run_id.txt\nexport MODEL_DIR=/home/dana/models\n' });
      assert.deepEqual(found.map((f) => [f.line, f.data?.suggestion?.envVar]), [[1, 'RUN_ID_FILE'], [2, 'MODEL_DIR']]);
    });

    it('flags shell scripts and requirement files with local locations', async () => {
      const found = await lp({ 'scripts/run.sh': '#!/bin/bash\npython train.py --data /home/dana/data\n', 'requirements.txt': 'mylib @ file:///home/dana/wheels/mylib-1.0.whl\n' });
      assert.deepEqual(found.map((f) => f.file), ['requirements.txt', 'scripts/run.sh']);
    });
  });

  describe('configuration', () => {
    it('honours the allow-list from poc.yaml', async () => {
      const found = await lp({ 'poc.yaml': 'name: x\nlint:\n  local_path_allow: ["/mnt/shared"]\n', 'a.py': 'DATA_DIR = "/mnt/shared/churn/data"\nB = "/home/dana/x.csv"\n' });
      assert.deepEqual(found.map((f) => f.line), [2]);
    });

    it('is silenced by an inline comment on the line or the line above', async () => {
      const found = await py('a = "/home/dana/a.csv"  # poc-readiness-ignore local-path\n# poc-readiness-ignore local-path\nb = "/home/dana/b.csv"\nc = "/home/dana/c.csv"  # poc-readiness-ignore other-rule\n');
      assert.deepEqual(found.map((f) => f.line), [4]);
    });
  });

  describe('suggestion for the quick fix', () => {
    it('derives the environment variable from the assigned name and a repository-relative default', async () => {
      const [f] = await lp({ 'poc.yaml': 'name: churn\n', 'src/load.py': 'TRAIN_FILE = "/home/dana/projects/ws/data/train.csv"\n' });
      assert.equal(f.data?.suggestion?.envVar, 'TRAIN_FILE');
      assert.equal(f.data?.suggestion?.relativePath, 'data/train.csv');
      assert.equal(f.data?.suggestion?.literal, true);
    });

    it('names the variable after the assignment through a path wrapper (made-with-ml: EFS_DIR = Path(f"…"))', async () => {
      const f = await py('EFS_DIR = Path(f"/home/dana/shared_storage/{user}")\nMODEL_DIR = pathlib.Path("/home/dana/models")\nCACHE = os.path.expanduser("~/cache/x.parquet")\ndf = pd.read_csv(Path("/home/dana/customers.csv"))\n');
      assert.deepEqual(f.map((x) => x.data?.suggestion?.envVar), ['EFS_DIR', 'MODEL_DIR', 'CACHE', 'CUSTOMERS_PATH']);
      assert.match(f[0].message, /from the EFS_DIR environment variable/);
    });

    it('never names a variable the system or a CUDA image sets (its value, not the default, would be read)', async () => {
      const f = await py('path = "/content/drive/MyDrive/train.csv"\nhome = Path("/home/dana")\nld_library_path = "/home/dana/lib"\nxdg_cache_home = "/home/dana/.cache/x"\n');
      assert.deepEqual(f.map((x) => x.data?.suggestion?.envVar), ['TRAIN_PATH', 'DANA_DIR', 'LIB_DIR', 'X_DIR']);
    });

    it('names the variable after the file when the literal is passed straight to a call', async () => {
      const [f] = await py('df = pd.read_csv("C:\\\\Users\\\\dana\\\\customers.csv")\n');
      assert.equal(f.data?.suggestion?.envVar, 'CUSTOMERS_PATH');
      assert.equal(f.data?.suggestion?.relativePath, 'data/customers.csv');
    });

    it('offers no literal replacement for half of an implicit concatenation (a call beside a string is a syntax error)', async () => {
      const f = await py('PATH = ("/home/alice/project/data/"\n        "train.csv")\nE = pd.read_csv("/home/alice/data/" "e.csv")\nD = pd.read_csv("/home/alice/data/d.csv")\n');
      assert.deepEqual(f.map((x) => [x.line, x.data?.suggestion?.literal]), [[1, undefined], [3, undefined], [4, true]]);
    });

    it('offers no literal replacement inside an f-string', async () => {
      const [f] = await py('p = f"/home/dana/runs/{run_id}"\n');
      assert.equal(f.data?.suggestion?.literal, undefined);
    });

    it('treats a folder put on sys.path as code: its own name in the repository, install or relative path advice', async () => {
      const [f] = await py("import sys\nsys.path.append('/Users/dana/Documents/py_scripts')\n");
      assert.equal(f.data?.suggestion?.importPath, true);
      assert.equal(f.data?.suggestion?.relativePath, 'py_scripts');
      assert.match(f.message, /pip install -e \./);
      assert.doesNotMatch(f.message, /environment variable/);
    });
  });
  describe('second real-world pass (issue 11)', () => {
    it('stays quiet on URL routes with parameters, string-method arguments and lists of endpoints', async () => {
      const f = await py([
        'r = client.get("/survivors/{id}")',
        'ITEM_PATH = "/items/<int:item_id>"',
        'user_path = "/users/:id/profile"',
        'out_path = s.replace(".csv", "/constraints.json")',
        'if name.endswith("/gbfs.json"):',
        '    pass',
        'key = url.split("/station_information.json")[0]',
        'paths = ["/api/v1/predict", "/api/v1/health", "/api/v1/models/{name}"]',
        'event = {"httpMethod": "GET", "path": "/sobreviventes/123/predictions", "resource": "/sobreviventes/{id}"}',
        '',
      ].join('\n'));
      assert.deepEqual(f, []);
    });

    it('stays quiet on CI-runner and container paths in pipelines and in the files they read', async () => {
      const f = await lp({
        '.drone.yml': 'steps:\n- name: test\n  commands:\n  - cd /drone/src/app && pytest\n  - cp /drone/src/model.pkl /cache/model.pkl\n',
        '.gitlab-ci.yml': 'test:\n  variables:\n    DATA_DIR: /data/train\n  script:\n    - python train.py --data /builds/group/proj/data/train.csv\n',
        '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    container: python:3.11\n    steps:\n      - run: python train.py --out /github/workspace/out/model.pkl\n      - run: ls /__w/proj/proj\n',
        '.circleci/config.yml': 'jobs:\n  build:\n    working_directory: /home/circleci/project\n    steps:\n      - run: cp model.pkl ~/artifacts/ && cp model.pkl /root/models/\n',
        'ci/train.yaml': 'data_dir: /builds/group/proj/data\ncache_dir: /cache/pip\n',
      });
      assert.deepEqual(f, []);
    });

    it('still reports a person\'s home in a pipeline', async () => {
      const f = await lp({ '.gitlab-ci.yml': 'train:\n  script:\n    - python train.py --data /home/dana/data/train.csv\n' });
      assert.deepEqual(f.map((x) => [x.line, x.column, x.data?.path]), [[3, 30, '/home/dana/data/train.csv']]);
      const windows = await lp({ '.github/workflows/ci.yml': 'on: push\njobs:\n  t:\n    runs-on: windows-latest\n    steps:\n      - run: copy data C:\\Users\\dana\\data\n' });
      assert.deepEqual(windows.map((x) => [x.line, x.data?.path]), [[6, 'C:\\Users\\dana\\data']]);
    });

    it('stays quiet on a Windows runner\'s own folders and on Windows\' system folders (kedro-starters\' windows-latest job)', async () => {
      const workflow = 'on: push\njobs:\n  t:\n    runs-on: windows-latest\n    steps:\n      - run: |\n          Move-Item .\\hadoop.dll C:\\Windows\\System32\n          New-Item -ItemType directory -Path C:\\hadoop\\bin\n          echo "HADOOP_HOME=C:\\hadoop" >> $env:GITHUB_ENV\n          dir C:\\Users\\runneradmin\\cache\n';
      assert.deepEqual(await lp({ '.github/workflows/ci.yml': workflow }), []);
      assert.deepEqual(await lp({ 'setup.py': 'DLL = open(r"C:\\Windows\\System32\\drivers\\etc\\hosts")\nTOOL = "C:\\Program Files (x86)\\Tool\\tool.exe"\n' }), []);
    });

    it('stays quiet on the value of an environment variable a config sets for its container or job, and on a serving image\'s user home', async () => {
      const f = await lp({
        'configs/trainer_config.yaml': 'settings:\n  docker:\n    environment:\n      HF_HOME: /mnt/cache\n',
        'k8s/job.yaml': 'spec:\n  containers:\n    - env:\n        DATA_DIR: /data/train\n',
        'service.py': 'ENVS = [{"name": "HF_HUB_CACHE", "value": "/home/bentoml/bento/hf-models"}]\n',
      });
      assert.deepEqual(f, []);
      // Not a person's home, even there; nor a path key outside an env map.
      const still = await lp({ 'conf.yaml': 'environment:\n  HF_HOME: /home/dana/cache\nstorage:\n  cache_dir: /mnt/cache\n' });
      assert.deepEqual(still.map((x) => [x.line, x.data?.path]), [[2, '/home/dana/cache'], [4, '/mnt/cache']]);
    });

    it('reports Colab drive.mount at the mount point', async () => {
      const f = await lp({ 'nb.ipynb': notebook(['from google.colab import drive\ndrive.mount("/content/drive")']) });
      assert.deepEqual(f.map((x) => [x.cell, x.line, x.column, x.endColumn, x.data?.path]), [[0, 2, 14, 28, '/content/drive']]);
      assert.match(f[0].message, /Google Drive mounted in Colab/);
    });

    it('reports a path literal that a variable carries to a read or a write', async () => {
      const f = await py('fn = f"/mnt/storage/exp/{run}.csv"\nprint(f"reading {fn}")\ndf = pd.read_csv(fn)\nlabel = "/srv/reports/summary"\nplot(title=label)\n');
      assert.deepEqual(f.map((x) => [x.line, x.column, x.data?.path]), [[1, 8, '/mnt/storage/exp/']]);
    });

    it('still reports a list of data files (not endpoints)', async () => {
      const f = await py('inputs = ["/data/raw/a.csv", "/data/raw/b.csv"]\n');
      assert.deepEqual(f.map((x) => [x.line, x.column]), [[1, 12], [1, 31]]);
    });
  });
  describe('third real-world pass (unseen repositories)', () => {
    it('stays quiet on a URL builder\'s path, the container side of a copy, and generated Great Expectations results', async () => {
      const f = await lp({
        'src/app.py': [
          'from yarl import URL',
          'import modal',
          'u = URL.build(scheme="https", host="kg.diffbot.com", path="/kg/dql_endpoint", query={})',
          'v = parsed._replace(path="/api/v2/items")',
          'image = modal.Image.debian_slim().add_local_file("src/config.py", remote_path="/root/src/config.py")',
          'container_path = "/root/app/model.pkl"',
          '',
        ].join('\n'),
        'great_expectations/uncommitted/validations/suite/run/x.json': '{\n  "batch_spec": {"path": "/home/khuyen/data/first_data.csv"}\n}\n',
      });
      assert.deepEqual(f, []);
    });

    it('still reports a machine path as the local side of the same calls, and a person\'s home under any name', async () => {
      const f = await py('image = modal.Image.debian_slim().add_local_file("/home/dana/src/config.py", remote_path="/root/src/config.py")\nmount_dir = "/home/dana/mnt"\nremote_path = "/Users/dana/data"\n');
      assert.deepEqual(f.map((x) => [x.line, x.column, x.data?.path]), [[1, 51, '/home/dana/src/config.py'], [2, 14, '/home/dana/mnt'], [3, 16, '/Users/dana/data']]);
    });

    it('stays quiet on telling the platform apart, code that runs only on Kaggle or Colab, and Dependabot\'s folders (yolov5)', async () => {
      const f = await lp({
        'utils/general.py': [
          'import os, shutil',
          'def is_kaggle():',
          '    return os.environ.get("PWD") == "/kaggle/working"',
          'ON_COLAB = "/content" in os.getcwd()',
          'def cleanup():',
          '    if is_colab():',
          '        # the runtime ships a demo folder',
          '        for name in ["a"]:',
          '            shutil.rmtree("/content/sample_data", ignore_errors=True)',
          '',
        ].join('\n'),
        '.github/dependabot.yml': 'version: 2\nupdates:\n  - package-ecosystem: github-actions\n    directory: "/.github/workflows"\n',
      });
      assert.deepEqual(f, []);
      // Quiet on every one of 20,000 guarded reads in one block.
      assert.deepEqual(await py('if IN_KAGGLE:\n' + '    df = pd.read_csv("/kaggle/input/a/b.csv")\n'.repeat(20000)), []);
    });

    it('still reports the platform\'s folders used outside such a guard, and a person\'s home inside one', async () => {
      const f = await py(
        ['def cleanup():', '    if is_colab():', '        pass', '    shutil.rmtree("/content/sample_data")', 'if IN_KAGGLE:', '    df = pd.read_csv("/home/dana/train.csv")', 'elif x == "/home/dana/y":', '    pass', 'if not IN_COLAB:', '    a = pd.read_csv("/content/drive/MyDrive/a.csv")', 'if DEBUG:  # try on colab', '    b = pd.read_csv("/content/b.csv")', ''].join('\n'),
      );
      assert.deepEqual(f.map((x) => [x.line, x.data?.path]), [[4, '/content/sample_data'], [6, '/home/dana/train.csv'], [7, '/home/dana/y'], [10, '/content/drive/MyDrive/a.csv'], [12, '/content/b.csv']]);
    });

    it('in JSON: reads a minified line of prose with thousands of paths in one pass, and still finds the path that starts a string', async function () {
      // Quadratic before: each rejected candidate rescanned the line from its start (11 s for this line).
      this.timeout(5000);
      const prose = Array.from({ length: 8000 }, (_, i) => `"see /home/dana/x${i} and C:\\\\Users"`).join(',');
      const f = await lp({ 'data/rag.json': `[${prose},"/home/ana/last.csv"]\n` });
      assert.deepEqual(f.map((x) => x.data?.path), ['/home/ana/last.csv']);
    });

    it('in JSON: a path that starts its string or sits in a command, not prose, and no drive letter before an escape', async () => {
      const f = await lp({
        'data/eval.json': [
          '[',
          ' {"answer": "with open(p) as f:\\n    data = f.read()"},',
          ' {"answer": "put the keys in ~\\/aws\\/credentials or /home/bob/keys"},',
          ' {"cache_dir": "C:\\\\Users\\\\dana\\\\cache"},',
          ' {"cmd": "python train.py --data /home/dana/x.csv"},',
          ' {"p": "/home/ana/x.csv"}',
          ']',
          '',
        ].join('\n'),
      });
      assert.deepEqual(f.map((x) => [x.line, x.data?.path]), [[4, 'C:\\\\Users\\\\dana\\\\cache'], [5, '/home/dana/x.csv'], [6, '/home/ana/x.csv']]);
    });
  });

  describe('the Python pre-filter (literals and magics only)', () => {
    const gate = (path: string, text: string) => parseFile(path, text).segments.filter((seg) => seg.language === 'python').some(worthTokenizingForPaths);

    it('keeps every segment with a literal or magic the rule can flag', async () => {
      const flagged: Array<[string, string]> = [
        ['src/a.py', 'df = pd.read_csv("/home/alice/data.csv")\n'],
        ['src/b.py', "p = r'C:\\Users\\dana\\train.csv'\n"],
        ['src/c.py', 'cmd = "python train.py --out /home/alice/runs"\n'],
        ['src/d.py', 'MODEL = """/Users/bob/models/m.pt"""\nload(MODEL)\n'],
        ['src/e.py', 'url = "file:///home/carol/x.parquet"\n'],
        ['src/f.py', 'x = f"~/data/{name}.csv"\n'],
        ['nb.ipynb', notebook(['import os', '!ls /home/alice/data'])],
      ];
      for (const [path, text] of flagged) {
        assert.ok(gate(path, text), `the pre-filter keeps ${text}`);
        assert.ok((await lp({ [path]: text })).length > 0, `the rule flags ${text}`);
      }
    });

    it('skips segments whose only paths are in comments or code, and those with none', () => {
      assert.equal(gate('src/a.py', '# data lives in /home/alice/data\nx = 1\n'), false);
      assert.equal(gate('src/a.py', 'x = a / b\ny = "train.csv"\n'), false);
      assert.equal(gate('src/a.py', ''), false);
    });
  });
});
