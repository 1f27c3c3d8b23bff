// Which distribution provides an imported module: the shipped table (pythonModules.generated.ts,
// built by scripts/build-python-modules.mjs), namespace packages (`google.cloud.storage` →
// google-cloud-storage) and the name itself; plus what the big ML distributions bring along.

import { IMPORT_DISTRIBUTIONS } from './pythonModules.generated';

/** Top-level packages shared by many distributions: the distribution follows from the next parts. */
export const NAMESPACE_PACKAGES: ReadonlySet<string> = new Set(['google', 'azure', 'azureml', 'backports', 'jaraco', 'ruamel', 'sphinxcontrib', 'zope', 'opentelemetry', 'databricks', 'snowflake', 'nvidia', 'keyrings']);
/** Second parts under which a namespace nests one level deeper (`google.cloud.storage`, `azure.mgmt.compute`). */
const NESTED: Readonly<Record<string, ReadonlySet<string>>> = {
  google: new Set(['cloud']),
  azure: new Set(['mgmt', 'ai', 'storage', 'keyvault', 'monitor', 'data', 'search', 'eventhub', 'communication']),
  opentelemetry: new Set(['exporter', 'instrumentation']),
};

export function nestsDeeper(parts: readonly string[]): boolean {
  return !!NESTED[parts[0]]?.has(parts[1] ?? '');
}

/** The key an import is judged and reported by: `sklearn`, `google.cloud.storage`, `azure.identity`. */
export function moduleKey(dotted: string): string {
  const parts = dotted.split('.');
  if (!NAMESPACE_PACKAGES.has(parts[0]) || parts.length === 1) return parts[0];
  return parts.slice(0, nestsDeeper(parts) ? 3 : 2).join('.');
}

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
    // Versioned API modules ship in the main distribution: google.cloud.aiplatform_v1beta1 → google-cloud-aiplatform.
    const unversioned = parts.map((p) => p.replace(/_v\d+(?:(?:alpha|beta|p)\d*)*$/, ''));
    for (let k = parts.length; k >= 2; k--) {
      add(IMPORT_DISTRIBUTIONS.get(parts.slice(0, k).join('.')));
      add(IMPORT_DISTRIBUTIONS.get(unversioned.slice(0, k).join('.')));
      add([unversioned.slice(0, k).join('-').replace(/_/g, '-')]);
    }
    return out;
  }
  add(IMPORT_DISTRIBUTIONS.get(parts[0]));
  // The import name itself last: generous on purpose (a table entry may name an older fork).
  add([parts[0].replace(/_/g, '-')]);
  return out;
}

/**
 * Hard requirements of distributions ML projects declare, so a module they bring along
 * (numpy with pandas) counts as provided: it installs whenever the declared one does. Kept
 * small and to long-standing requirements; a workspace environment's metadata is more exact.
 */
export const BRINGS_ALONG: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  // One distribution a line, then what it requires (a string: smaller in the bundle than literals).
  `
pandas numpy python-dateutil pytz tzdata
scikit-learn numpy scipy joblib threadpoolctl
scipy numpy
matplotlib numpy pillow pyparsing cycler kiwisolver fonttools packaging contourpy python-dateutil
seaborn numpy pandas matplotlib
statsmodels numpy scipy pandas patsy packaging
xgboost numpy scipy
lightgbm numpy scipy
catboost numpy pandas scipy matplotlib plotly graphviz six
tensorflow numpy protobuf keras tensorboard h5py absl-py grpcio six termcolor wrapt opt-einsum gast astunparse flatbuffers ml-dtypes packaging requests setuptools typing-extensions
keras numpy h5py absl-py rich namex optree ml-dtypes packaging
torch filelock typing-extensions sympy networkx jinja2 fsspec
torchvision numpy torch pillow
torchaudio torch
pytorch-lightning torch tqdm pyyaml fsspec torchmetrics packaging typing-extensions lightning-utilities
lightning torch tqdm pyyaml fsspec torchmetrics packaging typing-extensions lightning-utilities pytorch-lightning
torchmetrics numpy torch packaging lightning-utilities
transformers numpy tqdm requests pyyaml huggingface-hub tokenizers safetensors filelock packaging regex
huggingface-hub filelock fsspec packaging pyyaml requests tqdm typing-extensions
datasets numpy pandas pyarrow requests tqdm huggingface-hub fsspec pyyaml dill xxhash multiprocess aiohttp filelock packaging
sentence-transformers transformers torch scikit-learn scipy huggingface-hub pillow tqdm
accelerate numpy torch packaging psutil pyyaml huggingface-hub safetensors
timm torch torchvision pyyaml huggingface-hub safetensors
ultralytics numpy matplotlib opencv-python pillow pyyaml requests scipy torch torchvision tqdm psutil pandas
scikit-image numpy scipy networkx pillow imageio tifffile packaging lazy-loader
opencv-python numpy
opencv-python-headless numpy
opencv-contrib-python numpy
imbalanced-learn numpy scipy scikit-learn joblib threadpoolctl
category-encoders numpy scikit-learn scipy statsmodels pandas patsy
shap numpy scipy scikit-learn pandas tqdm numba cloudpickle slicer packaging
prophet cmdstanpy numpy matplotlib pandas holidays tqdm
nltk click joblib regex tqdm
gensim numpy scipy smart-open
spacy numpy requests tqdm pydantic jinja2 packaging thinc srsly catalogue wasabi typer
xarray numpy pandas packaging
dask click cloudpickle fsspec packaging partd pyyaml toolz
pyspark py4j
requests urllib3 idna certifi charset-normalizer
httpx httpcore anyio certifi idna sniffio
openai httpx pydantic anyio distro tqdm typing-extensions jiter sniffio
pydantic pydantic-core typing-extensions annotated-types
fastapi starlette pydantic typing-extensions
uvicorn click h11
flask werkzeug jinja2 itsdangerous click blinker
streamlit numpy pandas pillow protobuf pyarrow requests altair tornado click packaging tenacity toml typing-extensions rich gitpython pydeck
gradio numpy pandas pillow fastapi httpx huggingface-hub pydantic uvicorn pyyaml jinja2 packaging orjson
mlflow mlflow-skinny alembic docker flask graphene gunicorn jinja2 markdown matplotlib numpy pandas pyarrow scikit-learn scipy sqlalchemy
mlflow-skinny click cloudpickle gitpython pyyaml protobuf requests sqlparse packaging
wandb requests pyyaml protobuf click gitpython psutil sentry-sdk setproctitle platformdirs pydantic
optuna numpy sqlalchemy alembic tqdm pyyaml packaging colorlog
hydra-core omegaconf antlr4-python3-runtime packaging
omegaconf pyyaml antlr4-python3-runtime
boto3 botocore jmespath s3transfer
botocore jmespath python-dateutil urllib3
sagemaker boto3 numpy pandas protobuf pyyaml packaging attrs cloudpickle
google-cloud-storage google-cloud-core google-api-core google-auth requests
google-cloud-bigquery google-cloud-core google-api-core google-auth packaging python-dateutil requests
google-cloud-aiplatform google-cloud-storage google-cloud-bigquery google-api-core google-auth protobuf packaging pydantic shapely
google-api-core google-auth protobuf requests googleapis-common-protos
jupyter notebook ipykernel ipywidgets jupyterlab nbconvert jupyter-console ipython
notebook jupyter-server jupyterlab tornado traitlets nbformat nbconvert
jupyterlab ipykernel jupyter-server jinja2 tornado traitlets packaging nbformat nbconvert
jupyter-server jupyter-client nbformat nbconvert tornado traitlets jinja2 packaging
raiwidgets responsibleai erroranalysis numpy pandas scikit-learn jinja2
ipykernel ipython traitlets jupyter-client tornado psutil packaging pyzmq
ipywidgets ipython traitlets
langchain langchain-core pydantic requests pyyaml sqlalchemy aiohttp numpy tenacity langsmith
evidently numpy pandas scipy plotly scikit-learn statsmodels pydantic requests pyyaml
plotly packaging
albumentations numpy scipy pyyaml pydantic opencv-python-headless
librosa numpy scipy scikit-learn joblib numba soundfile audioread decorator
numba numpy llvmlite
pycaret numpy pandas scipy scikit-learn joblib matplotlib plotly lightgbm tqdm
yfinance pandas numpy requests
geopandas numpy pandas shapely pyproj packaging
tensorflow-hub numpy protobuf
fvcore numpy yacs pyyaml tqdm termcolor pillow tabulate iopath
iopath tqdm portalocker typing-extensions
pycocotools matplotlib numpy
tensorflow-transform tensorflow apache-beam tfx-bsl numpy pyarrow protobuf pydot absl-py
tensorflow-data-validation tensorflow apache-beam tfx-bsl pandas numpy pyarrow joblib absl-py protobuf
tensorflow-model-analysis tensorflow apache-beam tfx-bsl pandas numpy pyarrow protobuf scipy ipywidgets
tfx tensorflow apache-beam ml-metadata tensorflow-model-analysis tensorflow-transform tensorflow-data-validation tensorflow-serving-api tfx-bsl kfp numpy pyarrow protobuf absl-py pyyaml jinja2 click docker google-api-python-client google-cloud-aiplatform google-cloud-bigquery
tfx-bsl tensorflow apache-beam numpy pandas pyarrow protobuf absl-py
kfp google-cloud-storage kubernetes protobuf pyyaml click tabulate google-auth google-api-core requests-toolbelt docstring-parser
tiktoken regex requests
moto boto3 botocore requests werkzeug jinja2 python-dateutil responses xmltodict cryptography
zenml click pydantic pyyaml sqlalchemy sqlmodel typing-extensions rich pandas docker gitpython passlib psutil python-dateutil requests packaging distro cloudpickle
prefect httpx pydantic typer rich anyio pyyaml jinja2 cloudpickle fsspec python-dateutil pendulum toml typing-extensions sqlalchemy alembic apprise asgi-lifespan jsonschema orjson packaging readchar websockets griffe croniter docker graphviz starlette fastapi uvicorn pytz
pyaml pyyaml
pyyaml-include pyyaml
azureml-sdk azureml-core azureml-dataset-runtime azureml-train-core azureml-train-automl-client azureml-pipeline azureml-pipeline-core azureml-pipeline-steps azureml-train
azureml-defaults azureml-core azureml-inference-server-http flask werkzeug gunicorn
azureml-pipeline azureml-pipeline-core azureml-pipeline-steps
dvc hydra-core omegaconf pyyaml ruamel-yaml requests tqdm packaging psutil rich funcy dvc-data gitpython scmrepo
dvclive dvc dvc-render dvc-studio-client funcy gto ruamel-yaml scmrepo psutil pynvml
tensorflow-datasets numpy protobuf requests tqdm absl-py termcolor
`
    .trim()
    .split('\n')
    .map((line) => {
      const [dist, ...requires] = line.split(' ');
      return [dist, requires];
    }),
);

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

