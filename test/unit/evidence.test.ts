import * as assert from 'node:assert/strict';
import { evidenceFromPath, evidenceIn, type EvidenceKind } from '../../src/core/evidence';
import { parseFile } from '../../src/core/parsed';
import { notebook } from '../helpers/memoryFs';

/** The kinds seen in a file, each with the line (and cell) of its first place. */
function seen(path: string, text: string): string[] {
  return evidenceIn(parseFile(path, text)).map((h) => `${h.kind}@${h.cell !== undefined ? `c${h.cell}:` : ''}${h.line}`);
}
const has = (path: string, text: string, kind: EvidenceKind, line?: number) =>
  assert.ok(seen(path, text).some((s) => s.startsWith(`${kind}@`) && (line === undefined || s.endsWith(`:${line}`) || s === `${kind}@${line}`)), `${kind}${line ? ` at ${line}` : ''} in ${path}: ${seen(path, text)}`);
const lacks = (path: string, text: string, kind: EvidenceKind) => assert.ok(!seen(path, text).some((s) => s.startsWith(`${kind}@`)), `no ${kind} in ${path}: ${seen(path, text)}`);

describe('evidence detectors', () => {
  describe('pipelines and orchestrators', () => {
    const cases: Array<[string, string, string, number]> = [
      ['Airflow DAG', 'dags/train.py', 'from airflow import DAG\nfrom airflow.operators.python import PythonOperator\n\nwith DAG("train", schedule=None) as dag:\n    PythonOperator(task_id="t", python_callable=print)\n', 4],
      ['Prefect flow', 'flows/train.py', 'from prefect import flow, task\n\n@flow\ndef train():\n    pass\n', 3],
      ['Dagster assets', 'defs.py', 'from dagster import asset, Definitions\n\n@asset\ndef features():\n    return 1\n', 3],
      ['ZenML pipeline', 'pipelines/training.py', 'from zenml import pipeline, step\n\n@pipeline\ndef training():\n    pass\n', 3],
      ['KFP pipeline', 'pipeline.py', 'from kfp import dsl\n\n@dsl.pipeline(name="train")\ndef p():\n    pass\n', 3],
      ['Metaflow', 'flow.py', 'from metaflow import FlowSpec, step\n\nclass Train(FlowSpec):\n    pass\n', 3],
      ['Azure ML SDK v2', 'run_pipeline.py', 'from azure.ai.ml import dsl, MLClient\n\n@dsl.pipeline(compute="cpu")\ndef train_pipeline():\n    pass\n', 3],
      ['SageMaker Pipelines', 'pipeline.py', 'from sagemaker.workflow.pipeline import Pipeline\nfrom sagemaker.workflow.steps import TrainingStep\n\nstep = TrainingStep(name="Train")\n', 4],
      ['Vertex pipeline job', 'submit.py', 'from google.cloud import aiplatform\n\njob = aiplatform.PipelineJob(display_name="train", template_path="p.json")\n', 3],
    ];
    for (const [name, path, text, line] of cases) it(`${name} (${path}:${line})`, () => has(path, text, 'pipeline', line));

    it('YAML pipelines: DVC, MLflow project, Argo, Azure ML, compiled KFP, Prefect, Anyscale', () => {
      has('dvc.yaml', 'stages:\n  train:\n    cmd: python train.py\n', 'pipeline', 1);
      has('MLproject', 'name: churn\nentry_points:\n  main:\n    command: "python train.py"\n', 'pipeline', 2);
      has('argo/train.yaml', 'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata:\n  name: train\n', 'pipeline', 2);
      has('pipelines/pipeline.yml', '$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json\ntype: pipeline\njobs:\n  train: {}\n', 'pipeline', 1);
      has('pipeline.yaml', 'pipelineInfo:\n  name: train\nroot: {}\n', 'pipeline', 1);
      has('prefect.yaml', 'deployments:\n  - name: weekly\n    entrypoint: flows/train.py:train\n', 'pipeline', 3);
      has('deploy/jobs/workloads.yaml', 'name: workloads\ncompute_config: cpu\nentrypoint: bash deploy/jobs/workloads.sh\n', 'pipeline', 3);
    });

    it('infrastructure as code: CloudFormation and Terraform SageMaker pipelines', () => {
      has('template.yml', 'Resources:\n  Pipeline:\n    Type: AWS::SageMaker::Pipeline\n', 'pipeline', 3);
      has('main.tf', 'resource "aws_sagemaker_pipeline" "train" {\n  pipeline_name = "train"\n}\n', 'pipeline', 1);
    });

    it('stays quiet on the word without the orchestrator, and on comments and docstrings', () => {
      lacks('app.py', '@flow\ndef f():\n    pass\n', 'pipeline');
      lacks('notes.py', '"""We could use an Airflow DAG( here."""\n# from airflow import DAG\n# with DAG("x"): pass\n', 'pipeline');
      lacks('config/app.yaml', '# kind: Workflow\napiVersion: v1\nkind: ConfigMap\n', 'pipeline');
    });
  });

  describe('scheduled or triggered retraining', () => {
    it('Airflow, Prefect, Dagster, ZenML, KFP, Azure ML, Vertex, EventBridge schedules', () => {
      has('dags/retrain.py', 'from airflow import DAG\n\nwith DAG("retrain", schedule_interval="@weekly") as d:\n    pass\n', 'retraining', 3);
      has('deploy.py', 'from prefect import flow\n\n@flow\ndef train():\n    pass\n\ntrain.serve(name="weekly", cron="0 3 * * 1")\n', 'retraining', 7);
      has('schedules.py', 'from dagster import ScheduleDefinition\n\nweekly = ScheduleDefinition(job=train_job, cron_schedule="0 3 * * 1")\n', 'retraining', 3);
      has('run.py', 'from zenml.config.schedule import Schedule\n\ns = Schedule(cron_expression="0 3 * * 1")\n', 'retraining', 3);
      has('schedule.py', 'import kfp\n\nclient = kfp.Client()\nclient.create_recurring_run(experiment_id="e", job_name="j", cron_expression="0 3 * * 1")\n', 'retraining', 4);
      has('schedule.py', 'from azure.ai.ml.entities import JobSchedule, CronTrigger\n\ns = JobSchedule(name="s", trigger=CronTrigger(expression="0 3 * * 1"), create_job=job)\n', 'retraining', 3);
      has('schedule.py', 'from google.cloud import aiplatform\n\naiplatform.PipelineJobSchedule(pipeline_job=job, display_name="weekly")\n', 'retraining', 3);
      has('infra/stack.py', 'import aws_cdk.aws_events as events\n\nrule = events.Rule(self, "Weekly", schedule=events.Schedule.cron(minute="0", hour="3"))\n', 'retraining', 3);
    });

    it('YAML and Terraform: Argo cron workflows, Azure ML schedules, Prefect crons, CronJobs that train, EventBridge and Cloud Scheduler', () => {
      has('argo/cron.yaml', 'apiVersion: argoproj.io/v1alpha1\nkind: CronWorkflow\nspec:\n  schedule: "0 3 * * 1"\n', 'retraining', 2);
      has('cli/schedule.yml', '$schema: https://azuremlschemas.azureedge.net/latest/schedule.schema.json\nname: weekly\n', 'retraining', 1);
      has('prefect.yaml', 'deployments:\n  - name: weekly\n    entrypoint: flows/train.py:train\n    schedule:\n      cron: "0 3 * * 1"\n', 'retraining', 5);
      has('k8s/retrain.yaml', 'apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      containers:\n        - command: ["python", "-m", "churn.train"]\n', 'retraining', 2);
      has('template.yml', 'Resources:\n  Weekly:\n    Type: AWS::Events::Rule\n    Properties:\n      ScheduleExpression: "cron(0 3 ? * MON *)"\n', 'retraining', 3);
      has('template.json', '{"Resources": {"Weekly": {"Type": "AWS::Events::Rule", "Properties": {"ScheduleExpression": "rate(7 days)", "State": "ENABLED"}}}}\n', 'retraining', 1);
      // sagemaker-safe-deployment-pipeline: a monitoring schedule's cron is monitoring; a rule left DISABLED runs nothing.
      lacks('deploy.yml', 'Resources:\n  Monitor:\n    Type: AWS::SageMaker::MonitoringSchedule\n    Properties:\n      MonitoringScheduleConfig:\n        ScheduleConfig:\n          ScheduleExpression: "cron(0 * ? * * *)"\n', 'retraining');
      lacks('pipeline.yml', 'Resources:\n  Scheduled:\n    Type: AWS::Events::Rule\n    Properties:\n      ScheduleExpression: "cron(0 12 1 * ? *)"\n\n      State: DISABLED # off by default\n      Targets:\n        - Arn: x\n  Other:\n    Type: AWS::S3::Bucket\n', 'retraining');
      lacks('pipeline.yml', 'Resources:\n  Scheduled:\n    Type: AWS::Events::Rule\n    Properties:\n      State: "DISABLED"\n      ScheduleExpression: "rate(1 day)"\n', 'retraining');
      lacks('template.json', '{"Resources": {"Weekly": {"Type": "AWS::Events::Rule", "Properties": {"ScheduleExpression": "rate(7 days)", "State": "DISABLED"}}}}\n', 'retraining');
      // The next resource's State is not this one's.
      has('pipeline.yml', 'Resources:\n  Scheduled:\n    Type: AWS::Events::Rule\n    Properties:\n      ScheduleExpression: "rate(1 day)"\n  Off:\n    Type: AWS::Events::Rule\n    Properties:\n      State: DISABLED\n', 'retraining', 3);
      has('main.tf', 'resource "google_cloud_scheduler_job" "retrain" {\n  schedule = "0 3 * * 1"\n}\n', 'retraining', 1);
    });

    it('retraining triggered by drift detection or by an event', () => {
      has('monitoring/retrain_trigger.py', 'from evidently.report import Report\nfrom prefect.deployments import run_deployment\n\ndef check(report):\n    if report.as_dict()["drift"]:\n        run_deployment("train/weekly")\n', 'retraining', 6);
      has('pipeline.yml', 'Resources:\n  RetrainRule:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern:\n        source: [aws.cloudwatch]\n        detail-type: ["CloudWatch Alarm State Change"]\n      Targets:\n        - Arn: !Sub "arn:aws:codepipeline:${AWS::Region}:${AWS::AccountId}:${DeployPipeline}"\n', 'retraining', 3);
      // Hostile templates (thousands of rule heads, or one rule of thousands of candidate lines) are read in one pass each: no backtracking that outlasts the test's timeout.
      const alarm = '      detail-type: ["CloudWatch Alarm State Change"]\n';
      lacks('hostile.yml', 'R:\n' + '    Type: AWS::Events::Rule\n'.repeat(20000) + 'R:\n    Type: AWS::Events::Rule\n' + '      ScheduleExpression: rate(1 day)\n'.repeat(20000) + '      State: DISABLED\n', 'retraining');
      lacks('hostile.yml', 'R:\n    Type: AWS::Events::Rule\n' + alarm.repeat(20000), 'retraining');
      lacks('hostile.yml', 'R:\n    Type: AWS::Events::Rule\n' + (' '.repeat(2000) + 'x'.repeat(2000) + '\n').repeat(200), 'retraining');
      // CI expressions after a bucket: one pass, not a backtracking blow-up (24 of them took 3.4 s).
      lacks('.github/workflows/a.yml', 'jobs:\n  a:\n    steps:\n      - run: aws s3 cp s3://b/' + '${{x}}'.repeat(40) + '/results/ r/\n', 'data-source');
      has('.github/workflows/a.yml', 'x: s3://b/' + '${{'.repeat(50000) + '\n', 'data-source', 1);
      lacks('pipeline.yml', 'Resources:\n  Notify:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern:\n        detail-type: ["CloudWatch Alarm State Change"]\n      Targets:\n        - Arn: !Ref AlertTopic\n', 'retraining');
    });

    it('CloudFormation read as a document: key order, CRLF, long JSON, what a target references', () => {
      const alarmRule = (target: string, extra = '') =>
        `Resources:\n${extra}  RetrainRule:\n    Type: AWS::Events::Rule\n    Properties:\n      EventPattern:\n        source: [aws.cloudwatch]\n        detail-type: ["CloudWatch Alarm State Change"]\n      Targets:\n        - Id: t\n          Arn: ${target}\n`;
      // An SNS topic named like a pipeline only notifies.
      lacks('pipeline.yml', alarmRule('!Ref PipelineAlertsTopic', '  PipelineAlertsTopic:\n    Type: AWS::SNS::Topic\n'), 'retraining');
      has('pipeline.yml', alarmRule('!Ref Retrain', '  Retrain:\n    Type: AWS::SageMaker::Pipeline\n'), 'retraining', 5);
      has('pipeline.yml', alarmRule('\n            !GetAtt RetrainMachine.Arn', '  RetrainMachine:\n    Type: AWS::StepFunctions::StateMachine\n'), 'retraining', 5);
      has('pipeline.yml', alarmRule('!Sub "arn:aws:sagemaker:${AWS::Region}:${AWS::AccountId}:pipeline/${PipelineName}"'), 'retraining', 3);
      has('pipeline.yml', alarmRule('!Sub "arn:aws:sagemaker:${AWS::Region}:${AWS::AccountId}:pipeline/${PipelineName}"').replace(/\n/g, '\r\n'), 'retraining', 3);
      has('template.yml', 'Resources:\r\n  Weekly:\r\n    Type: AWS::Events::Rule\r\n    Properties:\r\n      ScheduleExpression: "cron(0 3 ? * MON *)"\r\n', 'retraining', 3);
      // JSON: Properties before Type, a long resource, the long forms of the intrinsics.
      has('template.json', '{"Resources": {"Weekly": {"Properties": {"ScheduleExpression": "rate(7 days)"}, "Type": "AWS::Scheduler::Schedule"}}}\n', 'retraining', 1);
      const long = JSON.stringify({ Resources: { Weekly: { Type: 'AWS::Events::Rule', Properties: { Description: 'x'.repeat(6000), ScheduleExpression: 'rate(7 days)' } } } }, null, 2);
      has('template.json', long, 'retraining', 4);
      const json = JSON.stringify({ Resources: { M: { Type: 'AWS::StepFunctions::StateMachine' }, R: { Type: 'AWS::Events::Rule', Properties: { EventPattern: { 'detail-type': ['CloudWatch Alarm State Change'] }, Targets: [{ Arn: { 'Fn::GetAtt': ['M', 'Arn'] }, Id: 't' }] } } } }, null, 1);
      has('template.json', json, 'retraining', 7);
      // Serverless framework: CloudFormation under `resources:`.
      has('serverless.yml', 'service: churn\nresources:\n  Resources:\n    Weekly:\n      Type: AWS::Events::Rule\n      Properties:\n        ScheduleExpression: rate(7 days)\n', 'retraining', 5);
      // Not under Resources (a snippet in docs), or a template that does not parse: nothing.
      lacks('notes.yml', 'Weekly:\n  Type: AWS::Events::Rule\n  Properties:\n    ScheduleExpression: rate(7 days)\n', 'retraining');
      lacks('broken.yml', 'Resources:\n  Weekly:\n    Type: AWS::Events::Rule\n    Properties: [\n      ScheduleExpression: rate(7 days)\n', 'retraining');
      has('functions/main.py', 'from kfp.v2.google.client import AIPlatformClient\n\ndef trigger_pipeline(event, context):\n    AIPlatformClient(project_id="p", region="r").create_run_from_job_spec(job_spec_path="gs://b/p.json")\n', 'retraining', 4);
    });

    it('stays quiet on a commented-out schedule, an unscheduled DAG and a cron in prose', () => {
      lacks('dags/train.py', 'from airflow import DAG\n\nwith DAG("train", schedule=None) as d:\n    pass\n', 'retraining');
      lacks('dags/backfill.py', 'from airflow import DAG\n\nwith DAG("backfill", schedule_interval="@once") as d:\n    pass\n', 'retraining');
      lacks('cli.py', 'from airflow import DAG\nimport argparse\np = argparse.ArgumentParser()\np.add_argument("--s", help="schedule_interval=\'@daily\' runs it daily")\n', 'retraining');
      lacks('dags/train.py', 'from airflow import DAG\n\n# with DAG("train", schedule="@daily") as d:\nwith DAG("train") as d:\n    pass\n', 'retraining');
      lacks('prefect.yaml', 'deployments:\n  - name: weekly\n    entrypoint: flows/train.py:train\n    # cron: "0 3 * * 1"\n', 'retraining');
      // A cron in a description string of a workflow, not a schedule of a pipeline that trains.
      lacks('prefect.yaml', 'deployments:\n  - name: weekly\n    entrypoint: flows/train.py:train\n    description: "retrain with cron: 0 3 * * 1 some day"\n', 'retraining');
      lacks('k8s/backup.yaml', 'apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      containers:\n        - command: ["pg_dump"]\n', 'retraining');
    });
  });

  describe('monitoring', () => {
    it('Evidently, whylogs, NannyML, Prometheus, SageMaker Model Monitor, Vertex, Azure ML, CloudWatch, drift tests', () => {
      has('monitor.py', 'import pandas as pd\nfrom evidently.report import Report\n', 'monitoring', 2);
      has('monitor.py', 'import whylogs as why\n', 'monitoring', 1);
      has('monitor.py', 'import nannyml as nml\n', 'monitoring', 1);
      has('app/main.py', 'from fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n', 'monitoring', 2);
      has('monitor.py', 'from sagemaker.model_monitor import DefaultModelMonitor\n\nm = DefaultModelMonitor(role=role)\n', 'monitoring');
      has('batch.py', 'def predict(monitoring_skew_config: dict = None):\n    pass\n', 'monitoring', 1);
      has('metrics.py', 'import boto3\n\nboto3.client("cloudwatch").put_metric_data(Namespace="churn", MetricData=[])\n', 'monitoring', 3);
      has('drift.py', '"""Input drift checks."""\nfrom scipy.stats import ks_2samp\n\ndef drifted(a, b):\n    return ks_2samp(a, b).pvalue < 0.01\n', 'monitoring', 5);
      has('template.yml', 'Resources:\n  Monitor:\n    Type: AWS::SageMaker::MonitoringSchedule\n', 'monitoring', 3);
      has('docker-compose.yml', 'services:\n  prometheus:\n    image: prom/prometheus:v2.53.0\n', 'monitoring', 3);
    });

    it('stays quiet on monitoring named in comments, docstrings, Keras callbacks and a KS test outside drift code', () => {
      lacks('train.py', '# TODO: add evidently drift reports\n"""Monitoring with Evidently comes later."""\ncb = EarlyStopping(monitor="loss")\n', 'monitoring');
      lacks('stats.py', 'from scipy.stats import ks_2samp\n\ndef same(a, b):\n    return ks_2samp(a, b)\n', 'monitoring');
    });
  });

  describe('model registry', () => {
    it('MLflow, SageMaker, Vertex, Azure ML, W&B', () => {
      has('register.py', 'import mlflow\n\nmlflow.register_model("runs:/1/model", "churn")\n', 'registry', 3);
      has('dvc.yaml', 'stages:\n  train:\n    cmd: python train.py\nartifacts:\n  text-classification:\n    path: model.pkl\n    type: model\n', 'registry', 4);
      lacks('dvc.yaml', 'stages:\n  train:\n    cmd: python train.py\nartifacts:\n  features:\n    path: data/features\n    type: dataset\n', 'registry');
      has('train.py', 'import mlflow\nmlflow.sklearn.log_model(m, "model", registered_model_name="churn")\n', 'registry', 2);
      has('serve.py', 'import mlflow\nmodel = mlflow.pyfunc.load_model("models:/churn@champion")\n', 'registry', 2);
      has('pipeline.py', 'from sagemaker.workflow.step_collections import RegisterModel\n\nstep = RegisterModel(name="Register", model_package_group_name="churn")\n', 'registry', 3);
      has('upload.py', 'from google.cloud import aiplatform\n\naiplatform.Model.upload(display_name="churn", artifact_uri="gs://b/m")\n', 'registry', 3);
      has('register.py', 'from azure.ai.ml import MLClient\n\nml_client.models.create_or_update(model)\n', 'registry', 3);
      has('train.py', 'import wandb\n\nrun.link_model(path="model.pkl", registered_model_name="churn")\n', 'registry', 3);
    });

    it('stays quiet on a registry named in prose or a comment, and on plain experiment tracking', () => {
      lacks('train.py', '"""Models go to the MLflow registry (register_model) later."""\n# mlflow.register_model(uri, "churn")\nimport mlflow\nmlflow.log_metric("auc", 0.9)\n', 'registry');
      lacks('notes.py', 'import mlflow\nprint("call mlflow.register_model(uri) next")\n', 'registry');
      // fairseq registers architectures, not models in a registry; None registers nothing.
      lacks('models/transformer.py', 'from fairseq.models import register_model\n\n@register_model("transformer")\nclass Transformer:\n    pass\n', 'registry');
      lacks('train.py', 'import mlflow\nmlflow.sklearn.log_model(m, "model", registered_model_name=None)\n', 'registry');
    });
  });

  describe('data validation, data sources, linters', () => {
    it('pandera, Great Expectations (also in tests), TFDV, pydantic row models', () => {
      has('schema.py', 'import pandera as pa\n', 'data-validation', 1);
      has('tests/data/test_dataset.py', 'import great_expectations as ge\n\ndef test_columns(df):\n    assert ge.from_pandas(df).expect_column_to_exist("id").success\n', 'data-validation', 1);
      has('validate.py', 'import tensorflow_data_validation as tfdv\n', 'data-validation', 1);
      has('api/schemas.py', 'from pydantic import BaseModel\n\nclass Customer(BaseModel):\n    tenure: int\n', 'data-validation', 3);
      assert.equal(evidenceFromPath('src/raw_schema/schema.pbtxt')?.kind, 'data-validation');
    });

    it('quiet on a schema in a comment and on pydantic settings', () => {
      lacks('load.py', '# import pandera as pa  (later)\nimport pandas as pd\n', 'data-validation');
      lacks('config.py', 'from pydantic_settings import BaseSettings\n\nclass Settings(BaseSettings):\n    url: str\n', 'data-validation');
    });

    it('managed sources and versioned data: object stores, warehouses, feature stores, DVC', () => {
      has('load.py', 'import pandas as pd\ndf = pd.read_parquet("s3://acme-data/churn/customers.parquet")\n', 'data-source', 2);
      has('load.py', 'import pandas as pd\ndf = pd.read_sql("SELECT * FROM crm.customers", engine)\n', 'data-source', 2);
      has('features.py', 'from feast import FeatureStore\nstore = FeatureStore(repo_path=".")\n', 'data-source', 1);
      has('params.yaml', 'data:\n  raw: gs://acme-ml/churn/raw/\n', 'data-source', 2);
      has('finetune.py', 'from datasets import load_dataset\n\ndata = load_dataset("yahma/alpaca-cleaned")\n', 'data-source', 3);
      has('train.py', 'import datasets\nds = datasets.load_dataset(path="stanfordnlp/imdb", split="train")\n', 'data-source', 2);
      has('train.py', 'import pandas as pd\ndf = pd.read_parquet("hf://datasets/acme/churn/train.parquet")\n', 'data-source', 2);
      // The packaged builders and folders read local files; no datasets import, no Hub.
      lacks('train.py', 'from datasets import load_dataset\na = load_dataset("json", data_files="data/train.json")\nb = load_dataset("./data")\nc = load_dataset("data/squad")\nd = load_dataset("csv", data_files=["x.csv"])\ne = load_dataset("corpus/train.jsonl")\n', 'data-source');
      lacks('loader.py', 'from mylib import load_dataset\nds = load_dataset("acme/churn")\n', 'data-source');
      has('sft.py', 'import os, datasets\nds = datasets.load_dataset("teknium/OpenHermes-2.5")\n', 'data-source', 2);
      lacks('loader.py', 'from torchvision import datasets\n\ndef load_dataset(name):\n    return name\n\nds = load_dataset("churn/v2")\n', 'data-source');
      lacks('train.py', 'from datasets import load_dataset\na = load_dataset("my_dataset")\nb = load_dataset("src/data")\nc = load_dataset("scripts/my_loader.py")\nd = load_dataset("corpus/train.json.gz")\n', 'data-source');
      assert.equal(evidenceFromPath('data/customers.csv.dvc')?.kind, 'data-source');
    });

    it('quiet on local files and URIs in comments', () => {
      lacks('load.py', 'import pandas as pd\n# df = pd.read_parquet("s3://acme/x.parquet")\ndf = pd.read_csv("data/customers.csv")\n', 'data-source');
    });

    it('quiet on what a run wrote to a bucket: results, logs, checkpoints, models (made-with-ml)', () => {
      lacks('.github/workflows/report.yml', 'jobs:\n  r:\n    steps:\n      - run: aws s3 cp s3://madewithml/${{ github.actor }}/results/ results/ --recursive\n', 'data-source');
      lacks('report.py', 'import pandas as pd\nm = pd.read_json("s3://acme/exp/outputs/metrics.json")\nckpt = "gs://acme/checkpoints/epoch=3.ckpt"\nmodel = "s3://acme/models/churn.pkl"\n', 'data-source');
      // Anyscale's runtime_env uploads the working directory (code) there.
      lacks('deploy/jobs/workloads.yaml', 'runtime_env:\n  working_dir: .\n  upload_path: s3://madewithml/GokuMohandas/jobs\n', 'data-source');
      has('pipeline.yml', 'steps:\n  - run: aws s3 cp s3://acme/raw/customers.parquet data/\n', 'data-source', 2);
      has('load.py', 'import pandas as pd\ndf = pd.read_parquet("s3://acme/features/results_table.parquet")\n', 'data-source', 2);
      // Data kept under a word that only looks like a run's output.
      for (const uri of ['s3://acme/logs/clickstream/2024/01.parquet', 's3://acme/metrics/cpu_timeseries.parquet', 's3://acme/artifacts/datasets/train.parquet', 's3://acme/output/processed/train.csv', 's3://acme/modelsdata/train.parquet'])
        has('load.py', `import pandas as pd\ndf = pd.read_parquet("${uri}")\n`, 'data-source', 2);
      lacks('deploy/jobs/workloads.yaml', 'runtime_env:\n  upload_path: "s3://madewithml/GokuMohandas/jobs"\n', 'data-source');
    });

    it('linters: pyproject tables, setup.cfg sections, pre-commit hooks, Makefile recipes, files by name', () => {
      has('pyproject.toml', '[project]\nname = "churn"\n\n[tool.ruff]\nline-length = 100\n', 'linter', 4);
      has('setup.cfg', '[metadata]\nname = churn\n\n[flake8]\nmax-line-length = 100\n', 'linter', 4);
      has('.pre-commit-config.yaml', 'repos:\n  - repo: https://github.com/astral-sh/ruff-pre-commit\n    rev: v0.5.5\n    hooks:\n      - id: ruff\n', 'linter', 5);
      has('Makefile', 'lint:\n\truff check src\n', 'linter', 2);
      // The check is cited before a formatter that rewrites code; a formatter alone still counts.
      has('Makefile', 'format:\n\tisort --profile black src\n\tblack src\n\nlint:\n\tflake8 src\n\tblack --check src\n', 'linter', 6);
      has('Makefile', 'format:\n\truff format src\n\tblack src\n\nlint:\n\tblack --check src\n', 'linter', 6);
      has('Makefile', 'format:\n\tblack src\n', 'linter', 2);
      assert.deepEqual(evidenceIn(parseFile('Makefile', 'format:\n\truff format src\n')).map((h) => h.detail), ['a Makefile format target']);
      assert.equal(evidenceFromPath('.flake8')?.kind, 'linter');
      lacks('pyproject.toml', '[project]\nname = "churn"\n# [tool.ruff]\n', 'linter');
    });
  });

  describe('configuration from the environment', () => {
    it('environment variables, settings classes, dotenv, Hydra / OmegaConf, config files; not an example env file alone', () => {
      has('config.py', 'import os\n\nDATA_DIR = os.environ.get("DATA_DIR", "data")\n', 'config', 3);
      has('config.py', 'import os\n\nif "DATA_DIR" in os.environ:\n    pass\n', 'config', 3);
      // Setting the environment for a tool is not reading configuration.
      lacks('docs/scripts/generate.py', 'import os\nBUCKET = "s3://my-aws-bucket"\nDATA_DIR = os.environ.get("DATA_DIR")\n', 'config');
      lacks('docs/scripts/generate.py', 'import pandas as pd\ndf = pd.read_parquet("s3://acme-data/churn/customers.parquet")\n', 'data-source');
      lacks('docker/jupyter_notebook_config.py', 'import os\nDATA_DIR = os.environ.get("DATA_DIR")\n', 'config');
      // A CI helper script is not the PoC's code: no evidence, not a module, no entry point.
      lacks('.github/workflows/json_to_md.py', 'import os\nOUT = os.environ.get("OUT")\n\nif __name__ == "__main__":\n    pass\n', 'config');
      lacks('.github/workflows/json_to_md.py', 'def main():\n    pass\n\nif __name__ == "__main__":\n    main()\n', 'entry-point');
      // What a CI script starts is still automation.
      has('.github/scripts/retrain.py', 'import os\nfrom sagemaker.workflow.pipeline import Pipeline\n\nPipeline(name=os.environ["P"]).start()\n', 'pipeline', 4);
      lacks('setup.py', 'import os\nos.environ["PATH"] += ":/root/.local/bin"\nos.environ["TF_CPP_MIN_LOG_LEVEL"] = "2"\nos.environ.setdefault("HF_HOME", "/tmp/hf")\nos.environ.update({"A": "1"})\nenv = os.environ.copy()\ndel os.environ["X"]\nos.environ |= {"B": "2"}\nsub = dict(os.environ)\nsub2 = {**os.environ, "A": "1"}\n', 'config');
      has('settings.py', 'from pydantic_settings import BaseSettings\n\nclass Settings(BaseSettings):\n    url: str\n', 'config', 1);
      has('app.py', 'from dotenv import load_dotenv\n\nload_dotenv()\n', 'config', 3);
      // fastapi-ml-skeleton: Starlette's Config reads the environment and .env.
      has('core/config.py', 'from starlette.config import Config\n\nconfig = Config(".env")\nAPI_KEY = config("API_KEY")\n', 'config', 3);
      lacks('core/config.py', 'from myapp import Config\n\nconfig = Config(".env")\n', 'config');
      has('core/config.py', 'from starlette.config import (\n    Config as StarletteConfig,\n)\n\nconfig = StarletteConfig(".env")\n', 'config', 5);
      has('core/config.py', 'import starlette.config\n\nconfig = starlette.config.Config(env_file=".env")\n', 'config', 3);
      has('train.py', 'import hydra\n\n@hydra.main(config_path="conf", config_name="train")\ndef main(cfg):\n    pass\n', 'config', 3);
      has('train.py', 'import yaml\n\nparams = yaml.safe_load(open("params.yaml"))\n', 'config', 3);
      // An example env file lists names; the code that would read them may hard-code the values.
      assert.equal(evidenceFromPath('.env.example'), undefined);
      assert.equal(evidenceFromPath('configs/train.yaml')?.kind, 'config');
    });

    it('stays quiet on configuration named only in comments, and on reading data files', () => {
      lacks('train.py', '# DATA_DIR = os.environ["DATA_DIR"]\nimport json\nrows = json.load(open("data/rows.json"))\n', 'config');
      // Setting a variable for a library is not reading configuration.
      lacks('setup_env.py', 'import os\nos.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"\n', 'config');
      has('load.py', 'import os\nurl = os.environ["WAREHOUSE_URL"]\n', 'config', 2);
    });

    it('Streamlit secrets, in a Streamlit app only', () => {
      has('core/builder_config.py', 'import streamlit as st\n\nkey = st.secrets.openai_key\n', 'config', 3);
      lacks('core/util.py', 'secrets = {"a": 1}\nst = secrets\nx = st.secrets\n', 'config');
    });
  });

  describe('IBM Watson, and sources that are not managed', () => {
    it('OpenScale monitors, the Watson Machine Learning repository', () => {
      has('openscale.py', 'from ibm_watson_openscale import APIClient\nfrom ibm_watson_openscale.supporting_classes.enums import *\n', 'monitoring', 1);
      has('deploy.py', 'from ibm_watson_machine_learning import APIClient\nclient = APIClient(creds)\nmeta = client.repository.store_model(model, meta_props=props)\n', 'registry', 3);
      lacks('store.py', 'repo = Repo()\nrepo.repository.store_model(m)\n', 'registry');
    });

    it('a database on localhost is no managed data source; the same engine on a server is', () => {
      lacks('db.py', 'from sqlalchemy import create_engine\nengine = create_engine("postgresql://postgres:postgres@localhost:5432/postgres")\n', 'data-source');
      lacks('db.py', 'from sqlalchemy import create_engine\nengine = create_engine("postgresql://localhost/db")\n', 'data-source');
      has('db.py', 'from sqlalchemy import create_engine\nengine = create_engine("postgresql://app@warehouse.internal:5432/dw")\n', 'data-source', 2);
    });
  });

  describe('entry points (Scripted)', () => {
    it('__main__, CLIs, serving apps, console scripts, Makefile targets, DVC stages', () => {
      has('train.py', 'def main():\n    pass\n\nif __name__ == "__main__":\n    main()\n', 'entry-point', 4);
      has('cli.py', 'import typer\napp = typer.Typer()\n', 'entry-point', 2);
      has('app/main.py', 'from fastapi import FastAPI\napp = FastAPI()\n', 'entry-point', 2);
      has('pyproject.toml', '[project]\nname = "churn"\n\n[project.scripts]\nchurn = "churn.cli:main"\n', 'entry-point', 4);
      has('Makefile', 'train:\n\tpython -m churn.train\n', 'entry-point', 2);
      has('dvc.yaml', 'stages:\n  train:\n    cmd: python train.py\n', 'entry-point', 3);
    });

    it('not in notebooks (a person runs them), not in tests or test clients', () => {
      lacks('eda.ipynb', notebook(['import argparse\nparser = argparse.ArgumentParser()']), 'entry-point');
      lacks('tests/test_cli.py', 'if __name__ == "__main__":\n    pass\n', 'entry-point');
      lacks('predict-test.py', 'import requests\n\nif __name__ == "__main__":\n    requests.post("http://x")\n', 'entry-point');
    });
  });

  it('notebook evidence carries its cell', () => {
    const nb = notebook([{ md: '# Monitoring' }, 'import pandas as pd', 'from evidently.report import Report']);
    assert.deepEqual(seen('monitor.ipynb', nb), ['monitoring@c2:1']);
  });

  it('in a notebook, a library imported in one cell counts for its use in another', () => {
    const nb = notebook([{ md: '# Fine-tune' }, 'from datasets import load_dataset', 'data = load_dataset("yahma/alpaca-cleaned")']);
    assert.deepEqual(seen('sft.ipynb', nb), ['data-source@c2:1']);
    // Imported only in a comment or prose: nothing.
    const commented = notebook(['# from datasets import load_dataset', 'data = load_dataset("yahma/alpaca-cleaned")']);
    assert.deepEqual(seen('sft.ipynb', commented), []);
  });
});
