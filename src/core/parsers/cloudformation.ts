// CloudFormation (and SAM, Serverless `resources:`) templates, YAML or JSON, read as data for one
// question: which EventBridge rules and schedules start work on their own. Read as a document,
// not by lines, so key order, CRLF, intrinsic functions (`!Ref`, `Fn::GetAtt`) and what a target
// names (a pipeline, or an SNS topic called "PipelineAlerts") are understood.

import { isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';

export interface CfnTrigger {
  /** `schedule`: a rule or schedule on cron()/rate(); `alarm`: a CloudWatch alarm's state change that starts a pipeline or state machine. */
  kind: 'schedule' | 'alarm';
  /** Offset of the resource's `Type` value in the text. */
  offset: number;
}

const TRIGGER_TYPE = /^AWS::(?:Events::Rule|Scheduler::Schedule)$/;
/** What a target may start that re-trains: a SageMaker pipeline, a Step Functions state machine, a CodePipeline. */
const PIPELINE_TYPE = /^AWS::(?:SageMaker::Pipeline|StepFunctions::StateMachine|CodePipeline::Pipeline)$/;
const PIPELINE_ARN = /:codepipeline:|:states:|:stateMachine:|:sagemaker:[^\s"']*:pipeline\//i;
/** CloudFormation's own limit on a template's size (one uploaded through S3): larger files are not templates. */
const MAX_TEMPLATE = 1_000_000;

/** The triggers of a template; none for text that names no EventBridge rule or schedule, or does not parse. */
export function cloudFormationTriggers(text: string): CfnTrigger[] {
  if (text.length > MAX_TEMPLATE || !/AWS::(?:Events::Rule|Scheduler::Schedule)/.test(text) || !/^[ \t{]*["']?Resources["']?[ \t]*:/m.test(text)) return [];
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, logLevel: 'error' });
  } catch {
    return []; // a nesting deeper than the parser's stack: not a template anyone wrote
  }
  if (doc.errors.length || !isMap(doc.contents)) return [];
  const root = doc.contents;
  const resources = asMap(root.get('Resources', true)) ?? asMap(asMap(root.get('resources', true))?.get('Resources', true));
  if (!resources) return [];
  const typeOf = new Map<string, string>();
  for (const pair of resources.items) {
    const type = asMap(pair.value)?.get('Type');
    if (isScalar(pair.key) && typeof type === 'string') typeOf.set(String(pair.key.value), type);
  }
  const out: CfnTrigger[] = [];
  for (const pair of resources.items) {
    const resource = asMap(pair.value);
    const typeNode = resource?.get('Type', true);
    if (!resource || !isScalar(typeNode) || !TRIGGER_TYPE.test(String(typeNode.value))) continue;
    const properties = asMap(resource.get('Properties', true));
    if (!properties) continue;
    const state = properties.get('State');
    if (typeof state === 'string' && /^DISABLED$/i.test(state)) continue;
    const offset = typeNode.range?.[0] ?? 0;
    const schedule = stringOf(properties.get('ScheduleExpression', true));
    if (schedule !== undefined && /^\s*(?:cron|rate)\(/.test(schedule)) {
      out.push({ kind: 'schedule', offset });
      continue;
    }
    if (!scalars(properties.get('EventPattern', true)).some((s) => s.includes('CloudWatch Alarm State Change'))) continue;
    const targets = [properties.get('Targets', true), properties.get('Target', true)].flatMap((t) => (isSeq(t) ? t.items : t ? [t] : []));
    if (targets.some((t) => startsPipeline(asMap(t as Node)?.get('Arn', true), typeOf))) out.push({ kind: 'alarm', offset });
  }
  return out;
}

function asMap(node: unknown): YAMLMap | undefined {
  return isMap(node) ? node : undefined;
}

/** A plain string, or the template of `!Sub` / `Fn::Sub`. */
function stringOf(node: unknown): string | undefined {
  if (isScalar(node)) return typeof node.value === 'string' ? node.value : undefined;
  const sub = asMap(node)?.get('Fn::Sub', true);
  if (sub) return stringOf(isSeq(sub) ? sub.items[0] : sub);
  return undefined;
}

/** Every string under a node (an EventPattern may be a mapping, or a JSON string). */
function scalars(node: unknown, out: string[] = []): string[] {
  if (isScalar(node)) {
    if (typeof node.value === 'string') out.push(node.value);
  } else if (isMap(node)) for (const p of node.items) scalars(p.value, out);
  else if (isSeq(node)) for (const i of node.items) scalars(i, out);
  return out;
}

/**
 * Whether a target's `Arn` starts a pipeline: an ARN that names one, or a reference (`!Ref X`,
 * `!GetAtt X.Arn`, their `Ref` / `Fn::GetAtt` forms) to a resource of a pipeline type. A reference
 * to a name no resource of this template has (a parameter, another stack's output) counts when
 * the name says pipeline or state machine.
 */
function startsPipeline(arn: unknown, typeOf: ReadonlyMap<string, string>): boolean {
  const referenced = (name: string) => {
    const type = typeOf.get(name);
    return type !== undefined ? PIPELINE_TYPE.test(type) : /pipeline|statemachine/i.test(name);
  };
  if (isScalar(arn)) {
    const value = String(arn.value ?? '');
    if (arn.tag === '!Ref') return referenced(value);
    if (arn.tag === '!GetAtt') return referenced(value.split('.')[0]);
    return PIPELINE_ARN.test(value);
  }
  if (isSeq(arn) && arn.tag === '!GetAtt') return referenced(String((arn.items[0] as Node & { value?: unknown })?.toJSON?.() ?? ''));
  const map = asMap(arn);
  if (!map) return false;
  const ref = map.get('Ref');
  if (typeof ref === 'string') return referenced(ref);
  const getAtt = map.get('Fn::GetAtt', true);
  if (getAtt) return referenced(isSeq(getAtt) ? String((getAtt.items[0] as Node)?.toJSON?.() ?? '') : String(stringOf(getAtt) ?? '').split('.')[0]);
  const sub = stringOf(map);
  return sub !== undefined && PIPELINE_ARN.test(sub);
}
