#!/usr/bin/env node
// Builds src/core/pythonModules.generated.ts: the Python standard-library module names and the
// import-name → distribution-name table that `import-undeclared` ships (no network at run time).
//
// Sources (read from local git snapshots of the public repositories, never at run time):
//   - pipreqs' `pipreqs/mapping` (https://github.com/bndr/pipreqs, Apache-2.0): import:distribution lines;
//   - isort's `isort/stdlibs/py3*.py` (https://github.com/PyCQA/isort, MIT): stdlib module names per Python version;
//   - OVERLAY below (ours): ML distributions, names the sources miss or map to a less used distribution,
//     and the variants that provide one import (opencv-python / -headless / -contrib…).
//
// Usage: node scripts/build-python-modules.mjs --pipreqs <pipreqs git dir> --isort <isort git dir>

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
if (!args.pipreqs || !args.isort) {
  console.error('usage: node scripts/build-python-modules.mjs --pipreqs <pipreqs git dir> --isort <isort git dir>');
  process.exit(2);
}
const git = (dir, ...rest) => execFileSync('git', ['--git-dir', dir, ...rest], { encoding: 'utf8', maxBuffer: 64 << 20 });

/** Python versions the product supports (stdlib = the union: code may target any of them). */
const VERSIONS = ['38', '39', '310', '311', '312', '313', '314'];

// Ours: import name → distributions that provide it (first = the one to suggest).
const OVERLAY = {
  sklearn: ['scikit-learn'],
  // Unit8's darts ships as u8darts (its extras: u8darts[torch], u8darts[all]); `darts` on PyPI is the same project's alias.
  darts: ['u8darts', 'darts'],
  skimage: ['scikit-image'],
  cv2: ['opencv-python', 'opencv-python-headless', 'opencv-contrib-python', 'opencv-contrib-python-headless', 'opencv'],
  PIL: ['Pillow', 'pillow-simd'],
  yaml: ['PyYAML'],
  bs4: ['beautifulsoup4'],
  dateutil: ['python-dateutil'],
  attr: ['attrs'],
  attrs: ['attrs'],
  dotenv: ['python-dotenv'],
  jwt: ['PyJWT'],
  Crypto: ['pycryptodome', 'pycrypto'],
  Cryptodome: ['pycryptodomex'],
  torch: ['torch', 'pytorch'],
  torchvision: ['torchvision'],
  tensorflow: ['tensorflow', 'tensorflow-cpu', 'tensorflow-gpu', 'tensorflow-macos', 'tensorflow-intel', 'tensorflow-aarch64', 'tensorflow-rocm', 'tf-nightly'],
  xgboost: ['xgboost', 'py-xgboost', 'xgboost-cpu'],
  lightgbm: ['lightgbm'],
  faiss: ['faiss-cpu', 'faiss-gpu', 'faiss'],
  mxnet: ['mxnet', 'mxnet-cu112'],
  pytorch_lightning: ['pytorch-lightning', 'lightning'],
  lightning: ['lightning'],
  huggingface_hub: ['huggingface-hub'],
  hydra: ['hydra-core'],
  imblearn: ['imbalanced-learn'],
  umap: ['umap-learn'],
  psycopg2: ['psycopg2', 'psycopg2-binary'],
  psycopg: ['psycopg', 'psycopg-binary'],
  MySQLdb: ['mysqlclient'],
  pymysql: ['PyMySQL'],
  zmq: ['pyzmq'],
  serial: ['pyserial'],
  magic: ['python-magic'],
  docx: ['python-docx'],
  pptx: ['python-pptx'],
  multipart: ['python-multipart'],
  jose: ['python-jose'],
  slugify: ['python-slugify'],
  Levenshtein: ['python-Levenshtein', 'Levenshtein'],
  git: ['GitPython'],
  github: ['PyGithub'],
  gitlab: ['python-gitlab'],
  telegram: ['python-telegram-bot'],
  discord: ['discord.py'],
  fitz: ['PyMuPDF'],
  pymupdf: ['PyMuPDF'],
  OpenSSL: ['pyOpenSSL'],
  pkg_resources: ['setuptools'],
  grpc: ['grpcio'],
  sentencepiece: ['sentencepiece'],
  sqlalchemy: ['SQLAlchemy'],
  mpl_toolkits: ['matplotlib'],
  pylab: ['matplotlib'],
  tensorboardX: ['tensorboardX'],
  wx: ['wxPython'],
  gi: ['PyGObject'],
  usb: ['pyusb'],
  Bio: ['biopython'],
  rdkit: ['rdkit', 'rdkit-pypi'],
  osgeo: ['GDAL'],
  netCDF4: ['netCDF4'],
  lxml: ['lxml'],
  docopt: ['docopt'],
  dns: ['dnspython'],
  jinja2: ['Jinja2'],
  markdown: ['Markdown'],
  win32api: ['pywin32'],
  win32com: ['pywin32'],
  pythoncom: ['pywin32'],
  speech_recognition: ['SpeechRecognition'],
  sounddevice: ['sounddevice'],
  soundfile: ['soundfile', 'SoundFile'],
  pydub: ['pydub'],
  librosa: ['librosa'],
  moviepy: ['moviepy'],
  imageio: ['imageio'],
  albumentations: ['albumentations'],
  detectron2: ['detectron2'],
  mmcv: ['mmcv', 'mmcv-full'],
  tflite_runtime: ['tflite-runtime'],
  onnxruntime: ['onnxruntime', 'onnxruntime-gpu'],
  paddle: ['paddlepaddle', 'paddlepaddle-gpu'],
  jax: ['jax'],
  jaxlib: ['jaxlib'],
  flax: ['flax'],
  pyarrow: ['pyarrow'],
  fastparquet: ['fastparquet'],
  tables: ['tables'],
  h5py: ['h5py'],
  ruamel: ['ruamel.yaml'],
  nvidia: ['nvidia-ml-py'],
  pynvml: ['nvidia-ml-py', 'pynvml'],
  docker: ['docker'],
  kafka: ['kafka-python'],
  confluent_kafka: ['confluent-kafka'],
  redis: ['redis'],
  pymongo: ['pymongo'],
  bson: ['pymongo'],
  gridfs: ['pymongo'],
  snowflake: ['snowflake-connector-python'],
  databricks: ['databricks-sdk', 'databricks-connect'],
  pyspark: ['pyspark'],
  delta: ['delta-spark'],
  sagemaker: ['sagemaker'],
  mlflow: ['mlflow', 'mlflow-skinny'],
  kfp: ['kfp'],
  wandb: ['wandb'],
  comet_ml: ['comet-ml'],
  neptune: ['neptune', 'neptune-client'],
  clearml: ['clearml'],
  evidently: ['evidently'],
  whylogs: ['whylogs'],
  great_expectations: ['great-expectations'],
  prometheus_client: ['prometheus-client'],
  fastapi: ['fastapi'],
  uvicorn: ['uvicorn'],
  starlette: ['starlette'],
  flask: ['Flask'],
  flask_cors: ['Flask-Cors'],
  flask_sqlalchemy: ['Flask-SQLAlchemy'],
  werkzeug: ['Werkzeug'],
  streamlit: ['streamlit'],
  gradio: ['gradio'],
  dash: ['dash'],
  plotly: ['plotly'],
  bokeh: ['bokeh'],
  altair: ['altair'],
  seaborn: ['seaborn'],
  statsmodels: ['statsmodels'],
  prophet: ['prophet'],
  fbprophet: ['fbprophet'],
  pmdarima: ['pmdarima'],
  sktime: ['sktime'],
  catboost: ['catboost'],
  optuna: ['optuna'],
  hyperopt: ['hyperopt'],
  ray: ['ray'],
  dask: ['dask'],
  distributed: ['distributed', 'dask'],
  numba: ['numba'],
  cupy: ['cupy', 'cupy-cuda11x', 'cupy-cuda12x'],
  shap: ['shap'],
  lime: ['lime'],
  nltk: ['nltk'],
  spacy: ['spacy'],
  gensim: ['gensim'],
  transformers: ['transformers'],
  datasets: ['datasets'],
  tokenizers: ['tokenizers'],
  accelerate: ['accelerate'],
  peft: ['peft'],
  trl: ['trl'],
  diffusers: ['diffusers'],
  timm: ['timm'],
  sentence_transformers: ['sentence-transformers'],
  openai: ['openai'],
  anthropic: ['anthropic'],
  langchain: ['langchain'],
  llama_index: ['llama-index'],
  tiktoken: ['tiktoken'],
  chromadb: ['chromadb'],
  pinecone: ['pinecone', 'pinecone-client'],
  qdrant_client: ['qdrant-client'],
  googleapiclient: ['google-api-python-client'],
  google_auth_oauthlib: ['google-auth-oauthlib'],
  boto3: ['boto3'],
  botocore: ['botocore', 'boto3'],
  s3fs: ['s3fs'],
  gcsfs: ['gcsfs'],
  adlfs: ['adlfs'],
  fsspec: ['fsspec'],
  smart_open: ['smart-open'],
  tqdm: ['tqdm'],
  click: ['click'],
  typer: ['typer'],
  rich: ['rich'],
  loguru: ['loguru'],
  pydantic: ['pydantic'],
  pydantic_settings: ['pydantic-settings'],
  requests: ['requests'],
  httpx: ['httpx'],
  aiohttp: ['aiohttp'],
  joblib: ['joblib'],
  cloudpickle: ['cloudpickle'],
  dill: ['dill'],
  toml: ['toml'],
  tomli: ['tomli'],
  ujson: ['ujson'],
  orjson: ['orjson'],
  simplejson: ['simplejson'],
  pytz: ['pytz'],
  tzlocal: ['tzlocal'],
  regex: ['regex'],
  emoji: ['emoji'],
  unidecode: ['Unidecode'],
  wordcloud: ['wordcloud'],
  textblob: ['textblob'],
  vaderSentiment: ['vaderSentiment'],
  xlrd: ['xlrd'],
  openpyxl: ['openpyxl'],
  xlsxwriter: ['XlsxWriter'],
  pandas: ['pandas'],
  numpy: ['numpy'],
  scipy: ['scipy'],
  matplotlib: ['matplotlib'],
  keras: ['keras', 'tensorflow'],
  tf_keras: ['tf-keras'],
  gym: ['gym'],
  gymnasium: ['gymnasium'],
  stable_baselines3: ['stable-baselines3'],
  ultralytics: ['ultralytics'],
  yolov5: ['yolov5'],
  pycocotools: ['pycocotools'],
  torchmetrics: ['torchmetrics'],
  torchtext: ['torchtext'],
  torchaudio: ['torchaudio'],
  torch_geometric: ['torch-geometric', 'torch_geometric'],
  dgl: ['dgl'],
  networkx: ['networkx'],
  igraph: ['python-igraph', 'igraph'],
  geopandas: ['geopandas'],
  shapely: ['shapely'],
  folium: ['folium'],
  pyproj: ['pyproj'],
  rasterio: ['rasterio'],
  ee: ['earthengine-api'],
  pytesseract: ['pytesseract'],
  easyocr: ['easyocr'],
  pdfplumber: ['pdfplumber'],
  PyPDF2: ['PyPDF2'],
  pypdf: ['pypdf'],
  selenium: ['selenium'],
  scrapy: ['Scrapy'],
  tweepy: ['tweepy'],
  praw: ['praw'],
  yfinance: ['yfinance'],
  ta: ['ta'],
  talib: ['TA-Lib'],
  mediapipe: ['mediapipe'],
  dlib: ['dlib'],
  face_recognition: ['face-recognition'],
  insightface: ['insightface'],
  kornia: ['kornia'],
  einops: ['einops'],
  safetensors: ['safetensors'],
  bitsandbytes: ['bitsandbytes'],
  deepspeed: ['deepspeed'],
  apex: ['apex'],
  tensorrt: ['tensorrt'],
  pycuda: ['pycuda'],
  graphviz: ['graphviz'],
  pydot: ['pydot'],
  yellowbrick: ['yellowbrick'],
  mlxtend: ['mlxtend'],
  category_encoders: ['category-encoders'],
  feature_engine: ['feature-engine'],
  featuretools: ['featuretools'],
  tsfresh: ['tsfresh'],
  pycaret: ['pycaret'],
  autogluon: ['autogluon'],
  h2o: ['h2o'],
  flaml: ['flaml'],
  bentoml: ['bentoml'],
  onnx: ['onnx'],
  skl2onnx: ['skl2onnx'],
  tf2onnx: ['tf2onnx'],
  opentelemetry: ['opentelemetry-api', 'opentelemetry-sdk'],
  sentry_sdk: ['sentry-sdk'],
  pytest: ['pytest'],
  _pytest: ['pytest'],
  hypothesis: ['hypothesis'],
  mock: ['mock'],
  nose: ['nose'],
  absl: ['absl-py'],
  google: ['protobuf'],
  six: ['six'],
  typing_extensions: ['typing-extensions'],
  dataclasses_json: ['dataclasses-json'],
  marshmallow: ['marshmallow'],
  jsonschema: ['jsonschema'],
  pyodbc: ['pyodbc'],
  cx_Oracle: ['cx-Oracle'],
  oracledb: ['oracledb'],
  sqlite_utils: ['sqlite-utils'],
  duckdb: ['duckdb'],
  polars: ['polars'],
  modin: ['modin'],
  vaex: ['vaex'],
  pandera: ['pandera'],
  pandas_profiling: ['pandas-profiling'],
  ydata_profiling: ['ydata-profiling'],
  sweetviz: ['sweetviz'],
  missingno: ['missingno'],
  tabulate: ['tabulate'],
  termcolor: ['termcolor'],
  colorama: ['colorama'],
  psutil: ['psutil'],
  schedule: ['schedule'],
  apscheduler: ['APScheduler'],
  celery: ['celery'],
  airflow: ['apache-airflow'],
  prefect: ['prefect'],
  dagster: ['dagster'],
  zenml: ['zenml'],
  metaflow: ['metaflow'],
  dvc: ['dvc'],
  bentoml_io: ['bentoml'],
  azureml: ['azureml-core', 'azureml-sdk'],
  jupyter: ['jupyter'],
  IPython: ['ipython'],
  ipywidgets: ['ipywidgets'],
  nbformat: ['nbformat'],
  papermill: ['papermill'],
  yaml_include: ['pyyaml-include'],
  sortedcontainers: ['sortedcontainers'],
  more_itertools: ['more-itertools'],
  taming: ['taming-transformers'],
  clip: ['clip', 'openai-clip'],
  imwatermark: ['invisible-watermark'],
  box: ['python-box'],
  aws_cdk: ['aws-cdk-lib', 'aws-cdk.core'],
  hypertune: ['cloudml-hypertune'],
  tensorflow_serving: ['tensorflow-serving-api', 'tensorflow-serving-api-gpu'],
  pywt: ['PyWavelets'],
  patoolib: ['patool'],
  mmseg: ['mmsegmentation'],
  mmdet: ['mmdet'],
  mmcls: ['mmcls'],
  mmpretrain: ['mmpretrain'],
  cuml: ['cuml-cu12', 'cuml-cu11', 'cuml'],
  cudf: ['cudf-cu12', 'cudf-cu11', 'cudf'],
  chronos: ['chronos-forecasting'],
  fuzzywuzzy: ['fuzzywuzzy', 'thefuzz'],
  skbio: ['scikit-bio'],
  sksurv: ['scikit-survival'],
  skopt: ['scikit-optimize'],
  ipdb: ['ipdb'],
  google: [],
  'google.protobuf': ['protobuf'],
  'google.auth': ['google-auth'],
  'google.oauth2': ['google-auth'],
  'google.api_core': ['google-api-core'],
  'google.generativeai': ['google-generativeai'],
  'google.genai': ['google-genai'],
  'google.cloud.aiplatform': ['google-cloud-aiplatform'],
  'google.cloud.bigquery_storage': ['google-cloud-bigquery-storage'],
  'azureml.core': ['azureml-core'],
  'azureml.exceptions': ['azureml-core'],
  'azureml.data': ['azureml-core', 'azureml-dataset-runtime'],
  'azureml.train': ['azureml-train-core', 'azureml-train'],
  'azureml.pipeline': ['azureml-pipeline', 'azureml-pipeline-core', 'azureml-pipeline-steps'],
  'databricks.sdk': ['databricks-sdk'],
  'databricks.connect': ['databricks-connect'],
  'snowflake.connector': ['snowflake-connector-python'],
  'snowflake.snowpark': ['snowflake-snowpark-python'],
  'ruamel.yaml': ['ruamel.yaml'],
  'opentelemetry.trace': ['opentelemetry-api'],
  'opentelemetry.metrics': ['opentelemetry-api'],
};

const ref = (dir) => git(dir, 'rev-parse', 'HEAD').trim();

// isort: each file is `stdlib = { "name", … }`.
const stdlib = new Set();
for (const v of VERSIONS) {
  let text;
  try {
    text = git(args.isort, 'show', `HEAD:isort/stdlibs/py${v}.py`);
  } catch {
    console.error(`isort has no stdlib list for Python ${v[0]}.${v.slice(1)}: skipped`);
    continue;
  }
  for (const m of text.matchAll(/^\s*"([A-Za-z_][\w.]*)",?\s*$/gm)) stdlib.add(m[1]);
}
if (stdlib.size < 200) throw new Error(`only ${stdlib.size} stdlib names found: has the isort layout changed?`);
// Python 2.7's standard library where Python 3 has no such module (SocketServer, urllib2, cPickle): an
// import of one is Python 2 code, not a dependency anyone could declare.
const python2Only = new Set();
for (const m of git(args.isort, 'show', 'HEAD:isort/stdlibs/py27.py').matchAll(/^\s*"([A-Za-z_][\w.]*)",?\s*$/gm)) {
  if (!stdlib.has(m[1]) && !m[1].includes('.')) python2Only.add(m[1]);
}
if (python2Only.size < 50) throw new Error(`only ${python2Only.size} Python 2 names found: has the isort layout changed?`);

// pipreqs: `import:distribution` lines, one import possibly on several lines.
const mapping = new Map();
for (const line of git(args.pipreqs, 'show', 'HEAD:pipreqs/mapping').split('\n')) {
  const m = /^([A-Za-z_][\w.]*):(\S+)$/.exec(line.trim());
  if (!m || stdlib.has(m[1]) || python2Only.has(m[1])) continue;
  const list = mapping.get(m[1]) ?? [];
  if (!list.includes(m[2])) list.push(m[2]);
  mapping.set(m[1], list);
}
// Old namespace umbrellas (Plone, buildout…: dozens of distributions under one top-level name) say nothing
// about which one is imported; namespace packages ML projects use are resolved by their dotted parts instead.
for (const [name, dists] of mapping) if (dists.length > 5) mapping.delete(name);
for (const [name, dists] of Object.entries(OVERLAY)) {
  // An empty overlay entry drops a misleading source entry (pipreqs maps the whole `google` namespace to protobuf).
  if (dists.length) mapping.set(name, dists);
  else mapping.delete(name);
}

// The import name itself is always tried (pythonModules.ts): an entry that only repeats it is dropped.
const normalize = (n) => n.toLowerCase().replace(/[-_.]+/g, '-');
for (const [name, dists] of mapping) if (dists.length === 1 && normalize(dists[0]) === normalize(name)) mapping.delete(name);
const sorted = [...mapping.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
const out = `// GENERATED by scripts/build-python-modules.mjs — do not edit by hand.
//
// Python standard-library module names (union of Python ${VERSIONS.map((v) => `${v[0]}.${v.slice(1)}`).join(', ')}; and, apart, Python 2.7's) from isort's
// isort/stdlibs (https://github.com/PyCQA/isort, commit ${ref(args.isort)}), MIT License,
// Copyright (c) 2013 Timothy Edmund Crosley.
//
// Import name → distribution names from pipreqs' pipreqs/mapping (https://github.com/bndr/pipreqs,
// commit ${ref(args.pipreqs)}), Apache License 2.0, with this project's own overlay for ML
// distributions (see the script). Changes: entries merged per import name; stdlib names, entries that
// only repeat the import name and umbrellas of more than five distributions dropped; overlay entries
// replace the pipreqs ones.

// Kept as plain strings (one entry a line) and split at load: smaller in the bundle than array literals.
export const STDLIB_MODULES: ReadonlySet<string> = new Set(\`
${[...stdlib].sort().join('\n')}
\`.trim().split('\\n'));

/** Python 2.7 standard-library modules that Python 3 does not have (isort's py27 list less the Python 3 names). */
export const PYTHON2_STDLIB_MODULES: ReadonlySet<string> = new Set(\`
${[...python2Only].sort().join('\n')}
\`.trim().split('\\n'));

/** Import name (top-level, or dotted for namespace packages) → distributions that provide it, the usual one first. */
export const IMPORT_DISTRIBUTIONS: ReadonlyMap<string, readonly string[]> = new Map(
  \`
${sorted.map(([name, dists]) => `${name} ${dists.join(' ')}`).join('\n')}
\`.trim().split('\\n').map((line) => {
    const [name, ...dists] = line.split(' ');
    return [name, dists] as const;
  }),
);
`;
const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'core', 'pythonModules.generated.ts');
writeFileSync(target, out);
console.log(`wrote ${target}: ${stdlib.size} stdlib modules, ${python2Only.size} Python 2 modules, ${sorted.length} import names`);
