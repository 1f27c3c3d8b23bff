// Which distribution provides an imported module: the shipped table (pythonModules.generated.ts,
// built by scripts/build-python-modules.mjs), namespace packages (`google.cloud.storage` →
// google-cloud-storage) and the name itself; plus what the big ML distributions bring along.

import { NAMESPACE_PACKAGES } from './parsers/imports';
import { IMPORT_DISTRIBUTIONS } from './pythonModules.generated';

/** PEP 503 normalised distribution name: `Scikit_Learn` → `scikit-learn`. */
export function normalizeDist(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * Distributions that may provide a module key (see `moduleKey`), the one to suggest first.
 * `google` alone maps to protobuf in the source table; under a namespace only the dotted parts
 * decide, so `google.cloud.storage` never counts as provided by protobuf.
 */
export function distributionsFor(module: string): string[] {
  const parts = module.split('.');
  const out: string[] = [];
  const add = (names: readonly string[] | undefined) => {
    for (const n of names ?? []) if (!out.includes(n)) out.push(n);
  };
  if (NAMESPACE_PACKAGES.has(parts[0]) && parts.length > 1) {
    for (let k = parts.length; k >= 2; k--) {
      add(IMPORT_DISTRIBUTIONS.get(parts.slice(0, k).join('.')));
      add([parts.slice(0, k).join('-').replace(/_/g, '-')]);
    }
    return out;
  }
  add(IMPORT_DISTRIBUTIONS.get(parts[0]));
  add([parts[0].replace(/_/g, '-')]);
  return out;
}

/**
 * Hard requirements of distributions ML projects declare, so a module they bring along
 * (numpy with pandas) counts as provided: it installs whenever the declared one does. Kept
 * small and to long-standing requirements; a workspace environment's metadata is more exact.
 */
export const BRINGS_ALONG: Readonly<Record<string, readonly string[]>> = {
  pandas: ['numpy', 'python-dateutil', 'pytz', 'tzdata'],
  'scikit-learn': ['numpy', 'scipy', 'joblib', 'threadpoolctl'],
  scipy: ['numpy'],
  matplotlib: ['numpy', 'pillow', 'pyparsing', 'cycler', 'kiwisolver', 'fonttools', 'packaging', 'contourpy', 'python-dateutil'],
  seaborn: ['numpy', 'pandas', 'matplotlib'],
  statsmodels: ['numpy', 'scipy', 'pandas', 'patsy', 'packaging'],
  xgboost: ['numpy', 'scipy'],
  lightgbm: ['numpy', 'scipy'],
  catboost: ['numpy', 'pandas', 'scipy', 'matplotlib', 'plotly', 'graphviz', 'six'],
  tensorflow: ['numpy', 'protobuf', 'keras', 'tensorboard', 'h5py', 'absl-py', 'grpcio', 'six', 'termcolor', 'wrapt', 'opt-einsum', 'gast', 'astunparse', 'flatbuffers', 'ml-dtypes', 'packaging', 'requests', 'setuptools', 'typing-extensions'],
  keras: ['numpy', 'h5py', 'absl-py', 'rich', 'namex', 'optree', 'ml-dtypes', 'packaging'],
  torch: ['filelock', 'typing-extensions', 'sympy', 'networkx', 'jinja2', 'fsspec'],
  torchvision: ['numpy', 'torch', 'pillow'],
  torchaudio: ['torch'],
  'pytorch-lightning': ['torch', 'tqdm', 'pyyaml', 'fsspec', 'torchmetrics', 'packaging', 'typing-extensions', 'lightning-utilities'],
  lightning: ['torch', 'tqdm', 'pyyaml', 'fsspec', 'torchmetrics', 'packaging', 'typing-extensions', 'lightning-utilities', 'pytorch-lightning'],
  torchmetrics: ['numpy', 'torch', 'packaging', 'lightning-utilities'],
  transformers: ['numpy', 'tqdm', 'requests', 'pyyaml', 'huggingface-hub', 'tokenizers', 'safetensors', 'filelock', 'packaging', 'regex'],
  'huggingface-hub': ['filelock', 'fsspec', 'packaging', 'pyyaml', 'requests', 'tqdm', 'typing-extensions'],
  datasets: ['numpy', 'pandas', 'pyarrow', 'requests', 'tqdm', 'huggingface-hub', 'fsspec', 'pyyaml', 'dill', 'xxhash', 'multiprocess', 'aiohttp', 'filelock', 'packaging'],
  'sentence-transformers': ['transformers', 'torch', 'scikit-learn', 'scipy', 'huggingface-hub', 'pillow', 'tqdm'],
  accelerate: ['numpy', 'torch', 'packaging', 'psutil', 'pyyaml', 'huggingface-hub', 'safetensors'],
  timm: ['torch', 'torchvision', 'pyyaml', 'huggingface-hub', 'safetensors'],
  ultralytics: ['numpy', 'matplotlib', 'opencv-python', 'pillow', 'pyyaml', 'requests', 'scipy', 'torch', 'torchvision', 'tqdm', 'psutil', 'pandas'],
  'scikit-image': ['numpy', 'scipy', 'networkx', 'pillow', 'imageio', 'tifffile', 'packaging', 'lazy-loader'],
  'opencv-python': ['numpy'],
  'opencv-python-headless': ['numpy'],
  'opencv-contrib-python': ['numpy'],
  'imbalanced-learn': ['numpy', 'scipy', 'scikit-learn', 'joblib', 'threadpoolctl'],
  'category-encoders': ['numpy', 'scikit-learn', 'scipy', 'statsmodels', 'pandas', 'patsy'],
  shap: ['numpy', 'scipy', 'scikit-learn', 'pandas', 'tqdm', 'numba', 'cloudpickle', 'slicer', 'packaging'],
  prophet: ['cmdstanpy', 'numpy', 'matplotlib', 'pandas', 'holidays', 'tqdm'],
  nltk: ['click', 'joblib', 'regex', 'tqdm'],
  gensim: ['numpy', 'scipy', 'smart-open'],
  spacy: ['numpy', 'requests', 'tqdm', 'pydantic', 'jinja2', 'packaging', 'thinc', 'srsly', 'catalogue', 'wasabi', 'typer'],
  xarray: ['numpy', 'pandas', 'packaging'],
  dask: ['click', 'cloudpickle', 'fsspec', 'packaging', 'partd', 'pyyaml', 'toolz'],
  pyspark: ['py4j'],
  requests: ['urllib3', 'idna', 'certifi', 'charset-normalizer'],
  httpx: ['httpcore', 'anyio', 'certifi', 'idna', 'sniffio'],
  openai: ['httpx', 'pydantic', 'anyio', 'distro', 'tqdm', 'typing-extensions', 'jiter', 'sniffio'],
  pydantic: ['pydantic-core', 'typing-extensions', 'annotated-types'],
  fastapi: ['starlette', 'pydantic', 'typing-extensions'],
  uvicorn: ['click', 'h11'],
  flask: ['werkzeug', 'jinja2', 'itsdangerous', 'click', 'blinker'],
  streamlit: ['numpy', 'pandas', 'pillow', 'protobuf', 'pyarrow', 'requests', 'altair', 'tornado', 'click', 'packaging', 'tenacity', 'toml', 'typing-extensions', 'rich', 'gitpython', 'pydeck'],
  gradio: ['numpy', 'pandas', 'pillow', 'fastapi', 'httpx', 'huggingface-hub', 'pydantic', 'uvicorn', 'pyyaml', 'jinja2', 'packaging', 'orjson'],
  mlflow: ['mlflow-skinny', 'alembic', 'docker', 'flask', 'graphene', 'gunicorn', 'jinja2', 'markdown', 'matplotlib', 'numpy', 'pandas', 'pyarrow', 'scikit-learn', 'scipy', 'sqlalchemy'],
  'mlflow-skinny': ['click', 'cloudpickle', 'gitpython', 'pyyaml', 'protobuf', 'requests', 'sqlparse', 'packaging'],
  wandb: ['requests', 'pyyaml', 'protobuf', 'click', 'gitpython', 'psutil', 'sentry-sdk', 'setproctitle', 'platformdirs', 'pydantic'],
  optuna: ['numpy', 'sqlalchemy', 'alembic', 'tqdm', 'pyyaml', 'packaging', 'colorlog'],
  'hydra-core': ['omegaconf', 'antlr4-python3-runtime', 'packaging'],
  omegaconf: ['pyyaml', 'antlr4-python3-runtime'],
  boto3: ['botocore', 'jmespath', 's3transfer'],
  botocore: ['jmespath', 'python-dateutil', 'urllib3'],
  sagemaker: ['boto3', 'numpy', 'pandas', 'protobuf', 'pyyaml', 'packaging', 'attrs', 'cloudpickle'],
  'azureml-sdk': ['azureml-core'],
  'google-cloud-storage': ['google-cloud-core', 'google-api-core', 'google-auth', 'requests'],
  'google-cloud-bigquery': ['google-cloud-core', 'google-api-core', 'google-auth', 'packaging', 'python-dateutil', 'requests'],
  'google-cloud-aiplatform': ['google-cloud-storage', 'google-cloud-bigquery', 'google-api-core', 'google-auth', 'protobuf', 'packaging', 'pydantic', 'shapely'],
  'google-api-core': ['google-auth', 'protobuf', 'requests', 'googleapis-common-protos'],
  jupyter: ['notebook', 'ipykernel', 'ipywidgets', 'jupyterlab', 'nbconvert', 'jupyter-console', 'ipython'],
  notebook: ['jupyter-server', 'jupyterlab', 'tornado', 'traitlets'],
  jupyterlab: ['ipykernel', 'jupyter-server', 'jinja2', 'tornado', 'traitlets', 'packaging'],
  ipykernel: ['ipython', 'traitlets', 'jupyter-client', 'tornado', 'psutil', 'packaging', 'pyzmq'],
  ipywidgets: ['ipython', 'traitlets'],
  langchain: ['langchain-core', 'pydantic', 'requests', 'pyyaml', 'sqlalchemy', 'aiohttp', 'numpy', 'tenacity', 'langsmith'],
  evidently: ['numpy', 'pandas', 'scipy', 'plotly', 'scikit-learn', 'statsmodels', 'pydantic', 'requests', 'pyyaml'],
  plotly: ['packaging'],
  albumentations: ['numpy', 'scipy', 'pyyaml', 'pydantic', 'opencv-python-headless'],
  librosa: ['numpy', 'scipy', 'scikit-learn', 'joblib', 'numba', 'soundfile', 'audioread', 'decorator'],
  numba: ['numpy', 'llvmlite'],
  pycaret: ['numpy', 'pandas', 'scipy', 'scikit-learn', 'joblib', 'matplotlib', 'plotly', 'lightgbm', 'tqdm'],
  yfinance: ['pandas', 'numpy', 'requests'],
  geopandas: ['numpy', 'pandas', 'shapely', 'pyproj', 'packaging'],
  'tensorflow-hub': ['numpy', 'protobuf'],
  'tensorflow-datasets': ['numpy', 'protobuf', 'requests', 'tqdm', 'absl-py', 'termcolor'],
};

/** The declared distributions plus everything they are known to bring along (transitively). */
export function withBroughtAlong(declared: Iterable<string>, requires: (dist: string) => readonly string[] | undefined = (d) => BRINGS_ALONG[d]): Set<string> {
  const out = new Set<string>();
  const queue = [...declared].map(normalizeDist);
  while (queue.length) {
    const d = queue.pop()!;
    if (out.has(d)) continue;
    out.add(d);
    for (const r of requires(d) ?? []) queue.push(normalizeDist(r));
  }
  return out;
}
