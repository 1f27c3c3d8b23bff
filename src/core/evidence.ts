// Positive evidence of readiness, read statically from one file: what runs the work without a
// person (pipelines, schedules, CI/CD), what watches it in production (monitoring, a model
// registry), and how data and code are kept honest (validation, versioning, a linter). The
// maturity level and the evidence rules read these hits; each carries the line it was seen on,
// so reports can say where. Comments, docstrings and prose never count: a commented-out
// schedule is not a schedule and a README naming MLflow is not a registry.

import { cloudFormationTriggers } from './parsers/cloudformation';
import { registerWords, wordsOf } from './parsers/words';
import { outlineOf } from './parsers/pythonOutline';
import type { CodeSegment, ParsedFile } from './parsed';
import { basename } from './path';
import { isCiToolingPath, isDocsPath, isTestPath, isToolConfigScript } from './rules/util';

export type EvidenceKind =
  | 'entry-point' // a runnable script, CLI, console script or task target (Scripted)
  | 'pipeline' // an orchestrator or ML pipeline definition (Pipelined)
  | 'retraining' // a schedule or automatic trigger on training or the pipeline (Continuous)
  | 'monitoring' // production monitoring or drift detection (Continuous)
  | 'registry' // a model registry (Continuous)
  | 'data-validation' // schema or quality checks on input data
  | 'data-source' // versioned data or a managed source (warehouse, object store, feature store)
  | 'linter' // a linter, formatter or type checker configured
  | 'config' // configuration read from the environment or a config file, not written into the code
  | 'container'; // a managed container environment (Anyscale cluster env, Azure ML environment, SageMaker image)

export interface EvidenceHit {
  kind: EvidenceKind;
  /** 1-based line (inside the cell for notebooks). */
  line: number;
  cell?: number;
  /** What was seen, e.g. "Airflow DAG with a schedule". */
  detail: string;
}

/** A bucket folder that holds what a run wrote (results, reports, checkpoints, models), not the data it reads: a URI whose path has one is no data source. */
const RUN_OUTPUT_FOLDER = String.raw`(?:results|outputs|reports|checkpoints|models|mlruns|mlflow)(?:[\/'"\s]|$)`;

interface Detector {
  kind: EvidenceKind;
  detail: string;
  /** Must match somewhere in the (comment-free) code for `at` to be tried: the library in use. */
  requires?: RegExp;
  /** Where the evidence is: its first match gives the line. */
  at: RegExp;
  /** Words of which `at` cannot match without one (Python): a file holding none is not searched. */
  hints?: readonly string[];
}

// Python and notebook code. `requires` keeps a common word (`@flow`, `Pipeline(`) from counting
// unless the orchestrator it belongs to is imported in the same file.
const PY = {
  airflow: /\b(?:from|import)\s+airflow\b/,
  prefect: /\b(?:from|import)\s+prefect\b/,
  dagster: /\b(?:from|import)\s+dagster\b/,
  zenml: /\b(?:from|import)\s+zenml\b/,
  kfp: /\b(?:from|import)\s+kfp\b/,
  metaflow: /\b(?:from|import)\s+metaflow\b/,
  azureml: /\b(?:from|import)\s+(?:azure\.ai\.ml|azureml)\b/,
  sagemakerWorkflow: /\bsagemaker\.workflow\b/,
  tfx: /\b(?:from|import)\s+tfx\b/,
  kedro: /\b(?:from|import)\s+kedro\b/,
  flyte: /\b(?:from|import)\s+flytekit\b/,
  luigi: /\bimport\s+luigi\b/,
  cdk: /\baws_cdk\b/,
};

/** The word each orchestrator's import cannot do without: a segment without it skips the test. */
const PY_WORDS = new Map<RegExp, string>([
  [PY.airflow, 'airflow'], [PY.prefect, 'prefect'], [PY.dagster, 'dagster'], [PY.zenml, 'zenml'], [PY.kfp, 'kfp'], [PY.metaflow, 'metaflow'],
  [PY.azureml, 'azure'], [PY.sagemakerWorkflow, 'sagemaker'], [PY.tfx, 'tfx'], [PY.kedro, 'kedro'], [PY.flyte, 'flytekit'], [PY.luigi, 'luigi'], [PY.cdk, 'aws_cdk'],
]);
registerWords(PY_WORDS.values());

const PYTHON_DETECTORS: Detector[] = [
  // Scripted: something a person or a pipeline can run without opening a notebook.
  { kind: 'entry-point', detail: 'a `__main__` entry point', hints: ['__main__'], at: /^if\s+__name__\s*==\s*['"]__main__['"]\s*:/m },
  { kind: 'entry-point', detail: 'a command-line interface', hints: ['ArgumentParser', '.command', 'typer', 'fire.Fire', 'hydra'], at: /\bArgumentParser\s*\(|@(?:click\.(?:command|group)|\w+\.command)\b|\btyper\.Typer\s*\(|\bfire\.Fire\s*\(|@hydra\.main\b/ },

  { kind: 'entry-point', detail: 'a model-serving app', hints: ['FastAPI', 'Flask', 'gr.', 'streamlit', 'bentoml', 'LitServer', 'serve.deployment'], at: /\bFastAPI\s*\(|\bFlask\s*\(\s*__name__|\bgr\.(?:Interface|Blocks|ChatInterface)\s*\(|^[ \t]*import\s+streamlit\b|@bentoml\.service\b|\bbentoml\.Service\s*\(|\bls\.LitServer\s*\(|@serve\.deployment\b/m },

  { kind: 'pipeline', detail: 'an Airflow DAG', hints: ['DAG', 'dag'], requires: PY.airflow, at: /\bDAG\s*\(|@dag\b/ },
  { kind: 'pipeline', detail: 'a Prefect flow', hints: ['@flow'], requires: PY.prefect, at: /@flow\b/ },
  { kind: 'pipeline', detail: 'Dagster assets or jobs', hints: ['@asset', '@job', '@graph', '@op', 'Definitions'], requires: PY.dagster, at: /@(?:asset|job|graph|op)\b|\bDefinitions\s*\(/ },
  { kind: 'pipeline', detail: 'a ZenML pipeline', hints: ['@pipeline'], requires: PY.zenml, at: /@pipeline\b/ },
  { kind: 'pipeline', detail: 'a Kubeflow (KFP) pipeline', hints: ['pipeline', 'Compiler'], requires: PY.kfp, at: /@(?:dsl\.)?pipeline\b|\bCompiler\s*\(\s*\)\s*\.compile\b/ },
  { kind: 'pipeline', detail: 'a Metaflow flow', hints: ['FlowSpec'], requires: PY.metaflow, at: /\bclass\s+\w+\s*\(\s*FlowSpec\b/ },
  { kind: 'pipeline', detail: 'an Azure ML pipeline or job', hints: ['pipeline', 'PipelineData', 'Pipeline', 'ScriptRunConfig', 'create_or_update', 'command'], requires: PY.azureml, at: /@(?:dsl\.)?pipeline\b|\bPipelineData\s*\(|\bPipeline\s*\(\s*workspace|\bScriptRunConfig\s*\(|\bjobs\.create_or_update\s*\(|\bcommand\s*\(\s*\w+\s*=/ },
  { kind: 'pipeline', detail: 'a SageMaker pipeline', hints: ['Pipeline', 'TrainingStep', 'ProcessingStep'], requires: PY.sagemakerWorkflow, at: /\b(?:Pipeline|TrainingStep|ProcessingStep)\s*\(/ },
  { kind: 'pipeline', detail: 'a Vertex AI pipeline', hints: ['PipelineJob', 'google_cloud_pipeline_components'], at: /\b(?:aiplatform\.)?PipelineJob\s*\(|\bgoogle_cloud_pipeline_components\b/ },
  { kind: 'pipeline', detail: 'a TFX pipeline', hints: ['Pipeline', 'DagRunner'], requires: PY.tfx, at: /\bpipeline\.Pipeline\s*\(|\b(?:Local|Kubeflow(?:V2)?|Beam|Airflow)DagRunner\b/ },
  { kind: 'pipeline', detail: 'a Kedro pipeline', hints: ['ipeline'], requires: PY.kedro, at: /\b(?:pipeline|Pipeline)\s*\(\s*\[/ },
  { kind: 'pipeline', detail: 'a Flyte workflow', hints: ['@workflow'], requires: PY.flyte, at: /@workflow\b/ },
  { kind: 'pipeline', detail: 'a Luigi pipeline', hints: ['luigi.Task'], requires: PY.luigi, at: /\bluigi\.Task\b/ },
  { kind: 'pipeline', detail: 'a SageMaker pipeline (CDK)', hints: ['CfnPipeline'], requires: PY.cdk, at: /\bCfnPipeline\s*\(/ },

  { kind: 'retraining', detail: 'an Airflow DAG on a schedule', hints: ['schedule'], requires: PY.airflow, at: /\bschedule(?:_interval)?\s*=\s*(?!None\b|['"]@once['"])(?:['"@]|timedelta|datetime|[A-Za-z_])/ },
  { kind: 'retraining', detail: 'a Prefect deployment on a schedule', hints: ['.serve', '.deploy', 'Schedule', 'schedule'], requires: PY.prefect, at: /\.(?:serve|deploy)\s*\([^)]{0,400}?\b(?:cron|interval|rrule|schedules?)\s*=|\b(?:Cron|Interval|RRule)Schedule\s*\(|\bschedules?\s*=\s*(?:\[\s*)?(?:Cron|Interval)\s*\(/ },
  { kind: 'retraining', detail: 'a Dagster schedule or sensor', hints: ['@schedule', '@sensor', '@asset_sensor', 'Definition', 'build_schedule_from_partitioned_job', 'AutoMaterializePolicy'], requires: PY.dagster, at: /@(?:schedule|sensor|asset_sensor)\b|\b(?:ScheduleDefinition|SensorDefinition)\s*\(|\bbuild_schedule_from_partitioned_job\b|\bAutoMaterializePolicy\b/ },
  { kind: 'retraining', detail: 'a ZenML schedule', hints: ['Schedule'], requires: PY.zenml, at: /\bSchedule\s*\(\s*(?:cron_expression|start_time|interval_second)/ },
  { kind: 'retraining', detail: 'a Kubeflow recurring run', hints: ['create_recurring_run', 'create_schedule'], requires: PY.kfp, at: /\bcreate_recurring_run\s*\(|\bcreate_schedule\s*\(/ },
  { kind: 'retraining', detail: 'a Metaflow schedule', hints: ['@schedule'], requires: PY.metaflow, at: /@schedule\b/ },
  { kind: 'retraining', detail: 'an Azure ML schedule', hints: ['Schedule', 'Trigger'], requires: PY.azureml, at: /\b(?:JobSchedule|RecurrenceTrigger|CronTrigger|ScheduleRecurrence)\s*\(|\bSchedule\.create\s*\(/ },
  { kind: 'retraining', detail: 'a Vertex AI pipeline schedule', hints: ['PipelineJobSchedule', 'create_schedule'], at: /\bPipelineJobSchedule\s*\(|\.create_schedule\s*\(\s*(?:cron|display_name)/ },
  { kind: 'retraining', detail: 'an EventBridge schedule', hints: ['events.Schedule', 'ScheduleExpression'], at: /\bevents\.Schedule\.(?:cron|rate|expression)\s*\(|\bScheduleExpression\s*=\s*['"](?:cron|rate)\(/ },
  { kind: 'retraining', detail: 'retraining triggered by drift detection', hints: ['run_deployment', 'trigger_dag', 'start_pipeline_execution', 'create_run_from', 'TriggerDagRunOperator', 'PipelineJob'], requires: /\b(?:evidently|nannyml|alibi_detect|whylogs|frouros)\b|\bdrift/i, at: /\b(?:run_deployment|trigger_dag|start_pipeline_execution|create_run_from_job_spec|create_run_from_pipeline_func)\s*\(|\bTriggerDagRunOperator\b|\bPipelineJob\s*\([\s\S]{0,400}?\.(?:submit|run)\s*\(/ },
  { kind: 'retraining', detail: 'a pipeline run triggered by an event (Cloud Function, Lambda)', hints: ['create_run_from_job_spec', 'start_pipeline_execution', 'run_deployment', 'trigger_dag', 'PipelineJob'], requires: /^def\s+\w+\s*\(\s*(?:event|request|cloud_event)\s*(?:,\s*context\s*)?\)|\bfunctions_framework\b|^def\s+(?:lambda_)?handler\s*\(\s*event\s*,\s*context\s*\)/m, at: /\b(?:create_run_from_job_spec|start_pipeline_execution|run_deployment|trigger_dag)\s*\(|\bPipelineJob\s*\(/ },
  { kind: 'retraining', detail: 'a Cloud Scheduler job', hints: ['CloudSchedulerClient', 'scheduler_v1'], at: /\bCloudSchedulerClient\s*\(|\bscheduler_v1\b/ },

  { kind: 'monitoring', detail: 'drift or data monitoring (Evidently, whylogs, NannyML, Alibi Detect)', hints: ['evidently', 'whylogs', 'nannyml', 'alibi_detect', 'frouros', 'deepchecks'], at: /^[ \t]*(?:from|import)\s+(?:evidently|whylogs|nannyml|alibi_detect|frouros|deepchecks\.tabular\.checks\.(?:train_test_validation|model_evaluation))\b/m },
  { kind: 'monitoring', detail: 'Prometheus metrics', hints: ['prometheus', 'starlette_exporter'], at: /^[ \t]*(?:from|import)\s+(?:prometheus_client|prometheus_fastapi_instrumentator|starlette_exporter|prometheus_flask_exporter)\b/m },
  { kind: 'monitoring', detail: 'SageMaker Model Monitor', hints: ['Monitor', 'DataCaptureConfig', 'model_monitor'], at: /\b(?:DefaultModelMonitor|ModelQualityMonitor|ModelBiasMonitor|ModelExplainabilityMonitor|DataCaptureConfig)\s*\(|\bsagemaker\.model_monitor\b/ },
  { kind: 'monitoring', detail: 'Vertex AI model monitoring', hints: ['onitoring'], at: /\bModelDeploymentMonitoringJob\b|\baiplatform\.model_monitoring\b|\bmodel_monitoring\.\w+Config\s*\(/ },
  { kind: 'monitoring', detail: 'Azure ML model monitoring', hints: ['Monitor', 'Signal', 'DataDriftDetector'], at: /\b(?:MonitorDefinition|MonitorSchedule|DataDriftSignal|PredictionDriftSignal|DataDriftDetector)\s*\(/ },
  { kind: 'monitoring', detail: 'Vertex AI skew and drift monitoring', hints: ['monitoring_', 'ModelMonitoringAlertConfig'], at: /\bmonitoring_(?:skew|drift)_config\b|\bModelMonitoringAlertConfig\b|\bmodel_monitoring_config\s*=/ },
  { kind: 'monitoring', detail: 'CloudWatch metrics from the model', hints: ['put_metric_data'], at: /\bput_metric_data\s*\(/ },
  { kind: 'monitoring', detail: 'a drift check on production data (PSI, KS test)', hints: ['ks_2samp', 'wasserstein_distance', 'jensenshannon', 'psi', 'PSI', 'population_stability'], requires: /drift/i, at: /\b(?:ks_2samp|wasserstein_distance|jensenshannon)\s*\(|\bdef\s+(?=\w{0,60}?(?:psi|population_stability))\w+\s*\(/i },
  { kind: 'monitoring', detail: 'IBM Watson OpenScale monitors', hints: ['ibm_watson_openscale'], at: /^[ \t]*(?:from|import)\s+ibm_watson_openscale\b/m },
  { kind: 'monitoring', detail: 'an ML observability client (Arize, Fiddler, WhyLabs)', hints: ['arize', 'fiddler', 'whylabs_client'], at: /^[ \t]*(?:from|import)\s+(?:arize|fiddler|whylabs_client)\b/m },

  { kind: 'registry', detail: 'the MLflow model registry', hints: ['register_model', 'registered_model_name', 'registered_model', 'model_version', 'models:/'], requires: /\bmlflow\b|\bMlflowClient\b/, at: /(?<![@\w])(?:mlflow\.)?register_model\s*\(|\bregistered_model_name\s*=\s*(?!None\b)|\b(?:create_registered_model|create_model_version|transition_model_version_stage|set_registered_model_alias)\s*\(|['"]models:\/[^'"]+['"]/ },
  { kind: 'registry', detail: 'the SageMaker model registry', hints: ['ModelPackageGroup', 'model_package_group_name', 'RegisterModel', 'create_model_package'], at: /\bModelPackageGroup\b|\bmodel_package_group_name\s*=|\bRegisterModel\s*\(|\bcreate_model_package(?:_group)?\s*\(/ },
  { kind: 'registry', detail: 'the Vertex AI model registry', hints: ['Model.upload', 'ModelRegistry', 'add_version_aliases', 'ModelUploadOp'], at: /\b(?:aiplatform\.)?Model\.upload\s*\(|\bModelRegistry\s*\(|\.add_version_aliases\s*\(|\bModelUploadOp\b/ },
  { kind: 'registry', detail: 'the Azure ML model registry', hints: ['create_or_update', 'Model.register', 'register_model'], requires: PY.azureml, at: /\bmodels\.create_or_update\s*\(|\bModel\.register\s*\(|\.register_model\s*\(/ },
  { kind: 'registry', detail: 'the IBM Watson Machine Learning repository', hints: ['store_model', 'create_model_revision'], requires: /\b(?:ibm_watson_machine_learning|ibm_watsonx_ai)\b/, at: /\.repository\.(?:store_model|create_model_revision)\s*\(/ },
  { kind: 'registry', detail: 'the W&B model registry', hints: ['.link_', 'log_artifact'], at: /\.link_(?:artifact|model)\s*\(|\blog_artifact\s*\([^)]*type\s*=\s*['"]model['"]/ },

  { kind: 'data-validation', detail: 'a data schema or quality checks (pandera, Great Expectations, TFDV, Deepchecks, Soda)', hints: ['pandera', 'great_expectations', 'tensorflow_data_validation', 'deepchecks', 'soda', 'pandas_schema', 'pydantic_pandas', 'frictionless', 'cerberus'], at: /^[ \t]*(?:from|import)\s+(?:pandera|great_expectations|tensorflow_data_validation|deepchecks|soda|pandas_schema|pydantic_pandas|frictionless|cerberus)\b/m },
  { kind: 'data-validation', detail: 'Evidently data tests', hints: ['TestSuite', 'Preset'], at: /\b(?:TestSuite|DataQualityPreset|DataQualityTestPreset|DataStabilityTestPreset)\s*\(/ },
  { kind: 'data-validation', detail: 'pydantic models of the input rows', hints: ['BaseModel'], requires: /\b(?:from|import)\s+pydantic\b/, at: /^class\s+\w+\s*\(\s*(?:pydantic\.)?BaseModel\s*\)/m },

  { kind: 'container', detail: 'a managed container image for the job', hints: ['base_image', 'container_uri', 'container_image_uri', 'Environment', 'CustomContainerTrainingJob', 'modal.Image', 'image_uri'], at: /\bbase_image\s*=\s*['"]|\b(?:train|serving)_container_uri\s*=|\bcontainer_image_uri\s*=|\bEnvironment\s*\(\s*(?:name\s*=\s*['"][^'"]*['"]\s*,\s*)?image\s*=|\bCustomContainerTrainingJob\s*\(|\bmodal\.Image\b|\bimage_uri\s*=\s*(?!None\b)\S/ },

  { kind: 'config', detail: 'configuration from environment variables', hints: ['getenv', 'environ'], at: /\bos\.getenv\s*\(|\bgetenv\s*\(|\benviron\.get\s*\(|(?<!\bdel\s+(?:os\.)?)\benviron\s*\[[^\]\n]{1,100}\](?!\s*(?:[-+*/%|&^@]|\*\*|\/\/|<<|>>)?=(?!=))|(?<!\*\*|\bdict\(\s*)\bos\.environ\b(?!\s*\[|\s*\|=|\s*\.\s*(?:update|setdefault|pop|popitem|clear|copy)\b)/ },
  { kind: 'config', detail: 'settings from the environment (pydantic, dotenv, environs, decouple)', hints: ['BaseSettings', 'dotenv', 'Env(', 'decouple'], at: /\bBaseSettings\b|\bload_dotenv\s*\(|\bdotenv_values\s*\(|\bEnv\s*\(\s*\)|\bdecouple\b/ },
  { kind: 'config', detail: 'settings from the environment (Starlette Config)', hints: ['Config'], requires: /\bstarlette\.config\b/, at: /\b\w*Config\s*\(\s*(?:['"]|env_file\b|\))/ },
  { kind: 'config', detail: 'Streamlit secrets (.streamlit/secrets.toml or the platform\'s)', hints: ['secrets'], requires: /\b(?:from|import)\s+streamlit\b/, at: /\b(?:st|streamlit)\.secrets\b/ },
  { kind: 'config', detail: 'configuration files (Hydra, OmegaConf, YAML or TOML config)', hints: ['hydra', 'OmegaConf', 'config_name', 'safe_load', 'yaml.load', 'toml.load', 'tomllib', 'json.load', 'configparser'], at: /@hydra\.main\b|\bOmegaConf\.(?:load|create)\s*\(|\bcompose\s*\(\s*config_name\s*=|\b(?:yaml\.safe_load|yaml\.load|toml\.load|tomllib\.load|json\.load)\s*\(\s*open\s*\([^)]*(?:config|params|settings|conf)\b|\bconfigparser\b/ },

  { kind: 'data-source', detail: 'data read from object storage', hints: ['://', 'boto3', 'storage.Client', 'BlobServiceClient'], at: new RegExp(String.raw`['"](?:s3a?|gs|gcs|abfss?|az|wasbs?|adl|oss|r2):\/\/(?![^'"\s\/]+\/(?:[^'"\s\/]*\/){0,8}${RUN_OUTPUT_FOLDER})[^'"\s]+|\bboto3\.(?:client|resource)\s*\(\s*['"]s3['"]|\bstorage\.Client\s*\(|\bBlobServiceClient\b`) },
  { kind: 'data-source', detail: 'data read from a warehouse or database', hints: ['read_sql', 'create_engine', 'snowflake', 'bigquery', 'spark.', 'databricks', 'redshift_connector', 'psycopg'], at: /\bread_sql(?:_query|_table)?\s*\(|\bcreate_engine\s*\((?!\s*f?['"][^'"\n]*(?:@|\/\/)(?:localhost|127\.0\.0\.1)[:/'"])|\bsnowflake\.connector\b|\bbigquery\.Client\s*\(|\bspark\.(?:read\.table|table|sql)\s*\(|\bdatabricks\.sql\b|\bredshift_connector\b|\bpsycopg2?\.connect\s*\(/ },
  { kind: 'data-source', detail: 'a feature store', hints: ['FeatureStore', 'feast', 'tecton', 'hopsworks', 'feature_store'], at: /\bFeatureStore\s*\(|^[ \t]*(?:from|import)\s+(?:feast|tecton|hopsworks)\b|\bfeature_store\.\w+\s*\(/m },
  { kind: 'data-source', detail: 'versioned data (DVC, lakeFS, Delta Lake, Iceberg)', hints: ['dvc', 'lakefs', 'delta', 'Delta', 'iceberg'], at: /^[ \t]*(?:from|import)\s+(?:dvc\.api|lakefs|lakefs_client|deltalake|delta|pyiceberg)\b|\bdvc\.api\.|\bDeltaTable\b|\.format\s*\(\s*['"]delta['"]\s*\)|['"]lakefs:\/\//m },
  // A Hub id (`org/name`) is a versioned dataset (each revision a commit), read with the `datasets`
  // library itself; one-word names (`train`, `my_dataset`) may as well be a local script or folder,
  // and the packaged builders ("json") and folders ("./data", "data/train", "src/x") are local files.
  { kind: 'data-source', detail: 'a Hugging Face Hub dataset', hints: ['load_dataset', 'hf://'], requires: /^[ \t]*(?:from[ \t]+datasets[ \t]+import\b|import[ \t]+(?:[\w.]+[ \t]*,[ \t]*)*datasets\b)|['"]hf:\/\/datasets\//m, at: /\bload_dataset\s*\(\s*(?:path\s*=\s*)?['"](?!(?:data|datasets?|inputs?|outputs?|raw|processed|local|tmp|temp|src|resources?|scripts?|corpus|corpora|assets|files|notebooks?|tests?)\/)[A-Za-z0-9][\w-]*\/[\w-]+(?:\.[\w-]+)*(?<!\.(?:json|jsonl|csv|tsv|txt|parquet|arrow|py|gz|xml|zip|tar))['"]|['"]hf:\/\/datasets\/[\w.-]+\/[\w.-]+/ },
  { kind: 'data-source', detail: 'a registered ML data asset', hints: ['azureml://', 'get_by_name', 'data.get', 'aiplatform.'], at: /['"]azureml:\/\/[^'"]+['"]|\bDataset\.get_by_name\s*\(|\bdata\.get\s*\(\s*name\s*=|\baiplatform\.(?:Tabular|Image|Text)Dataset\b/ },
];
/** Python kept with the CI configuration: what it starts (pipelines, retraining, registries), not an entry point or the PoC's settings. */
const CI_SCRIPT_DETECTORS = PYTHON_DETECTORS.filter((d) => d.kind !== 'entry-point' && d.kind !== 'config');

const DATA_TEST_DETECTORS = PYTHON_DETECTORS.filter((d) => d.kind === 'data-validation');
const NOTEBOOK_DETECTORS = PYTHON_DETECTORS.filter((d) => d.kind !== 'entry-point');

// Only the detectors with a hint present run (most files hold none, a 2,000-line module a few).
registerWords(PYTHON_DETECTORS.flatMap((d) => d.hints ?? []));

/** Global copies of the detectors' patterns, made once, for the search that skips string bodies. */
const GLOBAL = new Map<RegExp, RegExp>();
function globalOf(re: RegExp): RegExp {
  let g = GLOBAL.get(re);
  if (!g) GLOBAL.set(re, (g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g')));
  g.lastIndex = 0;
  return g;
}

// YAML, JSON and Terraform: pipeline, schedule, monitoring and registry definitions of the
// platforms ML teams use, recognised by content whatever the file is called.
const CONFIG_DETECTORS: Detector[] = [
  { kind: 'pipeline', detail: 'an Argo workflow', requires: /apiVersion:\s*['"]?argoproj\.io\//, at: /^kind:\s*['"]?(?:Workflow|WorkflowTemplate|CronWorkflow)\b/m },
  { kind: 'retraining', detail: 'an Argo cron workflow', requires: /apiVersion:\s*['"]?argoproj\.io\//, at: /^kind:\s*['"]?CronWorkflow\b/m },
  { kind: 'pipeline', detail: 'an Azure ML pipeline or job', at: /^\$schema:\s*['"]?https?:\/\/azuremlschemas\.azureedge\.net\/\S*(?:pipelineJob|commandJob|sweepJob|parallelJob)\S*/m },
  { kind: 'pipeline', detail: 'an Azure ML pipeline', requires: /^jobs:[ \t]*$/m, at: /^type:\s*['"]?pipeline['"]?[ \t]*$/m },
  { kind: 'retraining', detail: 'an Azure ML schedule', at: /^\$schema:\s*['"]?https?:\/\/azuremlschemas\.azureedge\.net\/\S*schedule\S*/m },
  { kind: 'retraining', detail: 'an Azure ML schedule', requires: /\bcreate_job\s*:/, at: /^[ \t]+type:[ \t]*['"]?(?:recurrence|cron)['"]?[ \t]*$/m },
  { kind: 'monitoring', detail: 'an Azure ML model monitor', at: /^[ \t]+monitoring_signals\s*:|^[ \t]+type:\s*['"]?(?:data_drift|prediction_drift|data_quality)['"]?[ \t]*$/m },
  { kind: 'registry', detail: 'an Azure ML model', at: /^\$schema:\s*['"]?https?:\/\/azuremlschemas\.azureedge\.net\/\S*model\.schema\S*/m },
  { kind: 'pipeline', detail: 'a compiled Kubeflow pipeline', at: /^(?:pipelineInfo|pipelineSpec)\s*:|^[ \t]*"pipelineSpec"\s*:/m },
  { kind: 'pipeline', detail: 'a Prefect deployment', requires: /^deployments\s*:/m, at: /^[ \t]+(?:-[ \t]+)?entrypoint\s*:/m },
  { kind: 'retraining', detail: 'a Prefect deployment on a schedule', requires: /^deployments\s*:/m, at: /^[ \t]+(?:-[ \t]+)?(?:cron|interval|rrule)\s*:\s*\S/m },
  { kind: 'pipeline', detail: 'an Anyscale job', requires: /^[ \t]*(?:compute_config|cluster_env|image_uri)\s*:/m, at: /^entrypoint\s*:/m },
  { kind: 'retraining', detail: 'an Anyscale schedule', requires: /^[ \t]*(?:compute_config|cluster_env|image_uri|entrypoint)\s*:/m, at: /^[ \t]*cron_expression\s*:/m },
  { kind: 'retraining', detail: 'a Kubernetes CronJob that trains', requires: /\btrain/, at: /^kind:\s*['"]?CronJob\b/m },
  { kind: 'pipeline', detail: 'a SageMaker pipeline (CloudFormation)', at: /\bAWS::SageMaker::Pipeline\b/ },
  { kind: 'registry', detail: 'a SageMaker model package group (CloudFormation)', at: /\bAWS::SageMaker::ModelPackageGroup\b/ },
  { kind: 'monitoring', detail: 'a SageMaker monitoring schedule (CloudFormation)', at: /\bAWS::SageMaker::(?:MonitoringSchedule|DataQualityJobDefinition|ModelQualityJobDefinition)\b/ },
  { kind: 'pipeline', detail: 'a SageMaker pipeline (Terraform)', at: /^[ \t]*resource\s+"aws_sagemaker_pipeline"/m },
  { kind: 'registry', detail: 'a SageMaker model package group (Terraform)', at: /^[ \t]*resource\s+"aws_sagemaker_model_package_group"/m },
  { kind: 'monitoring', detail: 'a SageMaker monitoring schedule (Terraform)', at: /^[ \t]*resource\s+"aws_sagemaker_(?:monitoring_schedule|data_quality_job_definition)"/m },
  { kind: 'retraining', detail: 'an EventBridge or Cloud Scheduler schedule (Terraform)', at: /^[ \t]*schedule_expression\s*=\s*"(?:cron|rate)\(|^[ \t]*resource\s+"(?:google_cloud_scheduler_job|aws_scheduler_schedule)"/m },
  { kind: 'pipeline', detail: 'a Vertex AI pipeline (Terraform)', at: /^[ \t]*resource\s+"google_vertex_ai_(?:pipeline|endpoint)\w*"/m },
  { kind: 'monitoring', detail: 'Prometheus or Grafana in the deployment', at: /^[ \t]+image:\s*['"]?(?:\S+\/)?(?:prom\/prometheus|grafana\/grafana|prometheus)\b|^kind:\s*['"]?(?:ServiceMonitor|PodMonitor|PrometheusRule)\b/m },
  { kind: 'data-source', detail: 'data in object storage', at: new RegExp(String.raw`(?:^|[\s'"=:])(?<!\bupload_path:\s*['"]?)(?:s3a?|gs|abfss?|az|wasbs?):\/\/[\w.-]+\/(?!(?:(?:\$\{\{[^{}$\n]{0,200}\}\}|\$(?!\{\{)|[^'"\s\/$])*\/){0,8}${RUN_OUTPUT_FOLDER})\S*`, 'm') },
  { kind: 'data-source', detail: 'a registered ML data asset', at: /\bazureml:\/\/\S+|^type:\s*['"]?(?:uri_folder|uri_file|mltable)['"]?[ \t]*$/m },
  { kind: 'container', detail: 'an Anyscale cluster environment', requires: /^[ \t]*(?:compute_config|entrypoint)\s*:/m, at: /^[ \t]*(?:cluster_env|image_uri|containerfile)\s*:\s*\S/m },
  { kind: 'container', detail: 'an Azure ML environment image', at: /^\$schema:\s*['"]?https?:\/\/azuremlschemas\.azureedge\.net\/\S*environment\.schema\S*|^image:\s*['"]?mcr\.microsoft\.com\/azureml\//m },
  { kind: 'linter', detail: 'linter hooks in pre-commit', requires: /^repos\s*:/m, at: /^[ \t]+(?:-[ \t]+)?id:\s*['"]?(?:ruff|ruff-format|ruff-check|black|flake8|pylint|mypy|isort|pyright|autopep8|yapf|pycodestyle|pyflakes|nbqa-\w+)['"]?[ \t]*$/m },
];

/** Files whose name alone is the evidence (their content is not needed). */
export function evidenceFromPath(path: string): EvidenceHit | undefined {
  const name = basename(path).toLowerCase();
  if (name.endsWith('.dvc') && name !== '.dvc') return { kind: 'data-source', line: 1, detail: 'data versioned with DVC' };
  if (/(^|\/)\.dvc\/config$/.test(path)) return { kind: 'data-source', line: 1, detail: 'data versioned with DVC' };
  if (/^(?:\.flake8|\.pylintrc|pylintrc|mypy\.ini|\.mypy\.ini|ruff\.toml|\.ruff\.toml|\.isort\.cfg|pyrightconfig\.json|\.style\.yapf)$/.test(name)) return { kind: 'linter', line: 1, detail: `${basename(path)}` };
  if (name === 'great_expectations.yml' || /(^|\/)(?:gx|great_expectations)\/expectations\//.test(path)) return { kind: 'data-validation', line: 1, detail: 'Great Expectations suites' };
  // An example env file (`.env.example`) is not one: it lists variables, and only code that reads them keeps configuration out of it.
  if (name === 'params.yaml' || /(^|\/)(?:conf|configs?)\/[^/]+\.(?:ya?ml|toml|json|ini)$/.test(path)) return { kind: 'config', line: 1, detail: `configuration kept out of the code (${path})` };
  if (name === 'schema.pbtxt') return { kind: 'data-validation', line: 1, detail: 'a TFDV schema' };
  return undefined;
}

export function evidenceIn(file: ParsedFile): EvidenceHit[] {
  const hits: EvidenceHit[] = [];
  const name = basename(file.path).toLowerCase();
  // Tests, and the throwaway clients kept beside a model (`test.py`, `predict-test.py`).
  const isTest = isTestPath(file.path);
  if (file.kind === 'python' || file.kind === 'notebook') {
    // A docs script's demo bucket or a Jupyter config hook shows nothing about how the PoC runs.
    if (isDocsPath(file.path) || isToolConfigScript(file.path)) return hits;
    // Tests count only as data tests (Great Expectations suites under tests/data); a notebook
    // is run by a person, so only files count as entry points. A CI helper script
    // (`.github/workflows/json_to_md.py`) is no way to run the PoC and its settings are CI's,
    // but a pipeline it starts is automation.
    const detectors = isTest ? DATA_TEST_DETECTORS : file.kind === 'notebook' ? NOTEBOOK_DETECTORS : isCiToolingPath(file.path) ? CI_SCRIPT_DETECTORS : PYTHON_DETECTORS;
    // A notebook imports in one cell and uses in another: its `requires` are tested on every
    // cell's code (comments and prose blanked), built once and only when a detector asks.
    // Each cell's blanked code, made once for this file only (kept on the segment, it would
    // outlive the analysis: +70 MB of peak memory on the bench tree).
    const blanked = new Map<CodeSegment, ReturnType<typeof codeOnly>>();
    const codeOf = (s: CodeSegment) => {
      let made = blanked.get(s);
      if (!made) blanked.set(s, (made = codeOnly(s)));
      return made;
    };
    let notebookCode: string | undefined;
    const inNotebook = new Map<RegExp, boolean>();
    const wholeNotebook =
      file.kind === 'notebook'
        ? (re: RegExp) => {
            let ok = inNotebook.get(re);
            if (ok === undefined) inNotebook.set(re, (ok = re.test((notebookCode ??= file.segments.filter((s) => s.language === 'python').map((s) => codeOf(s).code).join('\n')))));
            return ok;
          }
        : undefined;
    for (const seg of file.segments) {
      if (seg.language !== 'python') continue;
      const present = wordsOf(seg);
      if (!present.size) continue;
      const eligible = detectors.filter((d) => !d.hints || d.hints.some((h) => present.has(h)));
      if (!eligible.length) continue;
      const { code, strings } = codeOf(seg);
      run(eligible, code, seg, hits, strings, present, wholeNotebook);
    }
    if (file.kind === 'python' && !isTest && !isCiToolingPath(file.path) && name === '__main__.py' && /\S/.test(file.text)) addOnce(hits, { kind: 'entry-point', line: 1, detail: 'a `__main__.py` (python -m)' });
    return hits;
  }
  if (file.kind === 'yaml' || file.kind === 'json' || file.kind === 'terraform') {
    const code = file.kind === 'json' ? file.text : blankHashComments(file.text);
    run(CONFIG_DETECTORS, code, file.segments[0], hits);
    // EventBridge rules and schedules (not a monitoring schedule's own cron), unless DISABLED; an
    // alarm (drift, model quality) whose state change starts a pipeline or state machine.
    for (const trigger of cloudFormationTriggers(file.text)) {
      const detail = trigger.kind === 'schedule' ? 'an EventBridge schedule (CloudFormation)' : 'an alarm that starts a pipeline run (CloudFormation EventBridge rule)';
      addOnce(hits, { kind: 'retraining', line: file.segments[0].lines.position(trigger.offset).line, detail });
    }
    if (name === 'dvc.yaml' && /^stages\s*:/m.test(code)) addOnce(hits, { kind: 'pipeline', line: lineOf(code, /^stages\s*:/m), detail: 'a DVC pipeline (dvc.yaml)' });
    if (name === 'mlproject' && /^entry_points\s*:/m.test(code)) {
      addOnce(hits, { kind: 'pipeline', line: lineOf(code, /^entry_points\s*:/m), detail: 'an MLflow project (MLproject)' });
      addOnce(hits, { kind: 'entry-point', line: lineOf(code, /^entry_points\s*:/m), detail: 'MLflow project entry points' });
    }
    // DVC's model registry starts from models declared as artifacts (versions and stages are Git tags on them).
    if (name === 'dvc.yaml' && /^artifacts\s*:/m.test(code) && /^[ \t]+type\s*:\s*['"]?model['"]?[ \t]*$/m.test(code)) {
      addOnce(hits, { kind: 'registry', line: lineOf(code, /^artifacts\s*:/m), detail: 'models declared as DVC artifacts (dvc.yaml, type: model)' });
    }
    if (name === 'dvc.yaml' && /^[ \t]+cmd\s*:\s*\S/m.test(code)) addOnce(hits, { kind: 'entry-point', line: lineOf(code, /^[ \t]+cmd\s*:/m), detail: 'DVC stage commands' });
    return hits;
  }
  if (file.kind === 'toml') {
    const code = blankHashComments(file.text);
    const linter = /^\[tool\.(?:ruff|black|pylint|mypy|flake8|isort|pyright|yapf|autopep8|pycln)(?:[.\]])/m;
    if (linter.test(code)) addOnce(hits, { kind: 'linter', line: lineOf(code, linter), detail: `[${/^\[(tool\.[\w-]+)/m.exec(code.slice(code.search(linter)))?.[1]}] in ${basename(file.path)}` });
    const scripts = /^\[(?:project\.scripts|project\.gui-scripts|tool\.poetry\.scripts)\][ \t]*$/m;
    if (scripts.test(code)) addOnce(hits, { kind: 'entry-point', line: lineOf(code, scripts), detail: 'console scripts' });
    if (/^\[tool\.(?:poe\.tasks|pdm\.scripts|hatch\.envs\.[\w.-]+scripts)\]/m.test(code) && /^[ \t]*\w[\w-]*\s*=\s*['"{[].*\bpython\b/m.test(code)) {
      addOnce(hits, { kind: 'entry-point', line: lineOf(code, /^\[tool\.(?:poe\.tasks|pdm\.scripts|hatch\.envs\.[\w.-]+scripts)\]/m), detail: 'project task scripts' });
    }
    if (name === 'ruff.toml' || name === '.ruff.toml') addOnce(hits, { kind: 'linter', line: 1, detail: basename(file.path) });
    return hits;
  }
  if (file.kind === 'ini') {
    const code = file.text.replace(/^[ \t]*[#;].*$/gm, '');
    const linter = /^\[(?:flake8|pylint|pylint\.[\w.]+|mypy|mypy-[\w.*-]+|isort|pycodestyle|tool:isort|yapf|testenv:(?:lint|flake8|style|mypy|typecheck))\][ \t]*$/m;
    if (linter.test(code)) addOnce(hits, { kind: 'linter', line: lineOf(code, linter), detail: `${/^\[([^\]]+)\]/m.exec(code.slice(code.search(linter)))?.[1]} in ${basename(file.path)}` });
    const scripts = /^\[options\.entry_points\][ \t]*$/m;
    if (scripts.test(code) && /console_scripts/.test(code)) addOnce(hits, { kind: 'entry-point', line: lineOf(code, scripts), detail: 'console scripts (setup.cfg)' });
    return hits;
  }
  if (file.kind === 'makefile') {
    const code = blankHashComments(file.text);
    const runner = /just/.test(name) ? 'justfile' : 'Makefile';
    // A line that checks (a linter, a formatter's --check) is cited before one that rewrites code
    // (`format: black .`): both count, but the first is the lint target a reader looks for.
    let checks = -1;
    let formats = -1;
    // Recipe lines one by one (indented, trimmed, `@`/`-` prefixes dropped): linear in the file.
    code.split('\n').forEach((raw, i) => {
      if (!/^[\t ]/.test(raw) || raw.length > 2000) return;
      const line = raw.trim().replace(/^[@-]+/, '');
      if (/(?:^|\s)(?:python3?|uv run|poetry run|pdm run)\s+(?:-m\s+)?[\w./-]+/.test(line) && !/(?:^|\s)python3?\s+-m\s+(?:pip|pytest|venv|build)\b/.test(line)) {
        addOnce(hits, { kind: 'entry-point', line: i + 1, detail: `a ${runner} target that runs Python` });
      }
      const run = linterRun(line);
      if (run === 'checks' && checks < 0) checks = i;
      else if (run === 'formats' && formats < 0) formats = i;
    });
    if (checks >= 0) addOnce(hits, { kind: 'linter', line: checks + 1, detail: `a ${runner} lint target` });
    else if (formats >= 0) addOnce(hits, { kind: 'linter', line: formats + 1, detail: `a ${runner} format target` });
  }
  return hits;
}

function run(detectors: readonly Detector[], code: string, seg: CodeSegment | undefined, hits: EvidenceHit[], strings: ReadonlyArray<readonly [number, number]> = [], words?: ReadonlySet<string>, requiredAnywhere?: (re: RegExp) => boolean): void {
  // Several detectors share a `requires` (one orchestrator's import): tested once per text.
  const required = new Map<RegExp, boolean>();
  const holds = (re: RegExp) => {
    let ok = required.get(re);
    if (ok === undefined) {
      // This segment's words gate its own code; a whole notebook's import may sit in another cell.
      const word = words && PY_WORDS.get(re);
      ok = ((!word || words!.has(word)) && re.test(code)) || !!requiredAnywhere?.(re);
      required.set(re, ok);
    }
    return ok;
  };
  for (const d of detectors) {
    if (d.requires && !holds(d.requires)) continue;
    const m = firstOutsideStrings(d.at, code, strings);
    if (!m) continue;
    const offset = m.index + (m[0].length - m[0].trimStart().length);
    const line = seg ? seg.lines.position(offset).line : lineOfOffset(code, offset);
    addOnce(hits, { kind: d.kind, line, ...(seg?.cell !== undefined ? { cell: seg.cell } : {}), detail: d.detail });
  }
}

/**
 * The first match that does not start inside a string's body: `print("call register_model(uri)")`
 * and `help="schedule_interval='@daily'"` are prose; `schedule="@daily"` starts outside its string.
 */
function firstOutsideStrings(re: RegExp, code: string, strings: ReadonlyArray<readonly [number, number]>): RegExpExecArray | null {
  if (!strings.length) return re.exec(code);
  const global = globalOf(re);
  for (let m = global.exec(code); m; m = global.exec(code)) {
    const at = m.index;
    if (!insideAny(strings, at)) return m;
    if (m[0] === '') global.lastIndex++;
  }
  return null;
}

/** Binary search over the string bodies (sorted, disjoint, in token order). */
function insideAny(ranges: ReadonlyArray<readonly [number, number]>, at: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (at < ranges[mid][0]) hi = mid - 1;
    else if (at >= ranges[mid][1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The first hit of each kind and detail is enough: reports show one place per item. */
function addOnce(hits: EvidenceHit[], hit: EvidenceHit): void {
  if (!hits.some((h) => h.kind === hit.kind && h.detail === hit.detail)) hits.push(hit);
}

/**
 * Python code with comments and statement-level strings (docstrings, prose) blanked to spaces,
 * so offsets and lines stay those of the original text; and the bodies of the other strings.
 */
function codeOnly(seg: CodeSegment): { code: string; strings: Array<[number, number]> } {
  const { comments, strings: literals, statementString } = outlineOf(seg);
  const text = seg.text;
  const parts: string[] = [];
  let copied = 0;
  const strings: Array<[number, number]> = [];
  // Comments and strings never overlap: merge the two ordered lists.
  let c = 0;
  for (let s = 0; s <= literals.length; s += 4) {
    const stringStart = s < literals.length ? literals[s] : Infinity;
    for (; c < comments.length && comments[c] < stringStart; c += 2) {
      parts.push(text.slice(copied, comments[c]), blanked(text, comments[c], comments[c + 1]));
      copied = comments[c + 1];
    }
    if (s === literals.length) break;
    if (statementString[s / 4]) {
      parts.push(text.slice(copied, literals[s]), blanked(text, literals[s], literals[s + 1]));
      copied = literals[s + 1];
    } else strings.push([literals[s + 2], literals[s + 3]]);
  }
  parts.push(text.slice(copied));
  return { code: parts.join(''), strings };
}

/** What a recipe line does with a linter or formatter: check the code, rewrite it (black, isort, ruff format without --check or --diff), or neither. */
function linterRun(line: string): 'checks' | 'formats' | undefined {
  const m = /(?:^|\s)(ruff|flake8|pylint|black|mypy|isort|pyright)\b(.*)/.exec(line);
  if (!m) return undefined;
  const formatter = m[1] === 'black' || m[1] === 'isort' || (m[1] === 'ruff' && /^\s+format\b/.test(m[2]));
  return !formatter || /\s--(?:check|diff)\b/.test(m[2]) ? 'checks' : 'formats';
}

/** `# …` comments of YAML, TOML, HCL and Makefiles blanked (a `#` inside quotes or a URL fragment stays). */
function blankHashComments(text: string): string {
  return text.replace(/(^|[ \t])#.*$/gm, (m, lead: string) => lead + ' '.repeat(m.length - lead.length));
}

function lineOf(text: string, re: RegExp): number {
  const m = re.exec(text);
  return m ? lineOfOffset(text, m.index + m[0].length - m[0].trimStart().length) : 1;
}

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Spaces for text[start, end), keeping its line breaks (offsets and lines stay the same). */
function blanked(text: string, start: number, end: number): string {
  const nl = text.indexOf('\n', start);
  if (nl < 0 || nl >= end) return ' '.repeat(end - start);
  return text.slice(start, end).replace(/[^\n]/g, ' ');
}
