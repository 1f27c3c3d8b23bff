// The New Use Case wizard: one QuickInput per step with "Step n of m", a Back button, the name
// checked as you type, and the three answers that make the manifest decidable (a KPI target, a
// failure threshold, a decide-by date), so the file it writes does not open with the two
// heaviest business findings. Escape (or closing the input) cancels; an empty answer leaves TBD.

import * as vscode from 'vscode';
import {
  DEFAULT_TARGET,
  DEPLOYMENT_TARGETS,
  DECIDE_BY_WEEKS,
  MAX_NAME_LENGTH,
  USE_CASE_TYPES,
  addWeeks,
  criteriaHeadlines,
  isoDate,
  slug,
  validateDate,
  type DeploymentTarget,
  type ReadTemplate,
  type RiskTier,
  type ScaffoldOptions,
  type UseCaseType,
} from '../core/scaffold';

const TITLE = 'New Use Case';

const TYPE_DESCRIPTIONS: Record<UseCaseType, string> = {
  classification: 'a yes / no or one-of-N decision: churn, fraud, defect',
  regression: 'a number: price, duration, demand of one item',
  forecasting: 'a time series ahead: sales per store and week, load',
  recommendation: 'ranking items for a user: products, articles, next best offer',
  nlp: 'reading or labelling text: routing tickets, extracting fields',
  genai: 'generating text or answers: assistants, retrieval-augmented search',
  'computer-vision': 'images or video: detection, inspection, counting',
  'anomaly-detection': 'rare events without many labels: alerts, intrusion, faults',
  other: 'none of these: a generic block of one model metric and one business KPI',
};

const RISK_TIERS: ReadonlyArray<{ tier: RiskTier; label: string; description: string; detail: string }> = [
  {
    tier: 1,
    label: '1 · Low risk',
    description: 'self-service with guardrails',
    detail: 'Internal use, reversible decisions, no personal data. The platform checks (CI, the readiness gate) are the review.',
  },
  {
    tier: 2,
    label: '2 · Medium risk',
    description: 'light-touch review',
    detail: 'Affects customers or money, with a person acting on each prediction. A reviewer outside the team signs off evaluation and data use.',
  },
  {
    tier: 3,
    label: '3 · High risk',
    description: 'full governance process',
    detail: 'Automated decisions about people, personal or regulated data. Model card, fairness and explainability review, audit trail of decisions.',
  },
];

const TARGET_DESCRIPTIONS: Record<DeploymentTarget, string> = {
  batch: 'a scheduled job scores everything and writes the results where the business reads them',
  'online-api': 'a request / response service with a latency target',
  streaming: 'scores events as they arrive from a queue',
  edge: 'runs on devices: phones, cameras, machines',
};

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A use-case name: kebab-case (it names the image, the CI job and the reports). */
export function kebabNameProblem(value: string): string | undefined {
  const name = value.trim();
  if (!name) return 'Give the use case a name, e.g. churn-prediction.';
  if (name.length > MAX_NAME_LENGTH) return `At most ${MAX_NAME_LENGTH} characters (this one has ${name.length}).`;
  if (!KEBAB.test(name)) return `Use kebab-case: lower-case letters and digits joined by single hyphens, e.g. ${slug(name) === 'poc' ? 'churn-prediction' : slug(name)}.`;
  return undefined;
}

/** The step on screen, for the integration tests (they answer through the real QuickInput). */
export interface WizardStep {
  id: string;
  step: number;
  totalSteps: number;
  input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>;
}
let current: WizardStep | undefined;
export const currentWizardStep = (): WizardStep | undefined => current;

type Answer = string | number | undefined;
const BACK = Symbol('back');
type Outcome = Answer | typeof BACK | null; // null: cancelled

interface Step {
  id: keyof Answers;
  run(step: number, totalSteps: number, previous: Answer): Promise<Outcome>;
}

/** What the wizard asks: the options a person decides (the rest keep their defaults). */
type Answers = Pick<
  ScaffoldOptions,
  'name' | 'problem' | 'useCaseType' | 'businessOwner' | 'sponsor' | 'riskTier' | 'deploymentTarget' | 'kpi' | 'kpiTarget' | 'failureMetric' | 'failureThreshold' | 'decideBy'
>;

/** Asks the questions; undefined when the user cancels. `folderName` pre-fills the name. */
export async function newUseCaseWizard(folderName: string, readTemplate: ReadTemplate, today = new Date()): Promise<ScaffoldOptions | undefined> {
  const answers: Answers = {};
  const defaultName = kebabNameProblem(folderName) ? slug(folderName) : folderName;
  const headlines = new Map<UseCaseType, { kpi?: string; failureMetric?: string }>();
  const headlinesOf = async (type: UseCaseType) => {
    if (!headlines.has(type)) headlines.set(type, await criteriaHeadlines(type, readTemplate).catch(() => ({})));
    return headlines.get(type)!;
  };
  const optional = '(Enter to leave it TBD)';

  const steps = async (): Promise<Step[]> => {
    const type = answers.useCaseType ?? 'other';
    const { kpi, failureMetric } = await headlinesOf(type);
    const list: Step[] = [
      text('name', 'Use-case name: a short kebab-case identifier for the image, the CI job and the reports', defaultName, kebabNameProblem),
      text('problem', `The business problem, in one sentence: who has it and what it costs today ${optional}`, ''),
      pick('useCaseType', 'What kind of use case? It decides which KPIs the manifest proposes', USE_CASE_TYPES.map((t) => ({ label: t, description: TYPE_DESCRIPTIONS[t], value: t }))),
      text('businessOwner', `Business owner: the person in the business unit who owns the outcome ${optional}`, ''),
      text('sponsor', `Executive sponsor: who commits budget and authority for production ${optional}`, ''),
      pick('riskTier', 'Risk tier: governance proportionate to risk', RISK_TIERS.map((r) => ({ label: r.label, description: r.description, detail: r.detail, value: r.tier })), 2),
      pick('deploymentTarget', 'Where will it run in production?', DEPLOYMENT_TARGETS.map((t) => ({ label: t, description: TARGET_DESCRIPTIONS[t], value: t })), DEFAULT_TARGET[type]),
    ];
    if (!kpi) list.push(text('kpi', `Success KPI: the number that says it worked, e.g. hours of manual review per week ${optional}`, ''));
    list.push(text('kpiTarget', `Target for "${kpi ?? answers.kpi ?? 'the KPI'}", agreed with the business owner, e.g. ">= 0.60" ${optional}`, ''));
    if (!failureMetric) list.push(text('failureMetric', `Failure metric: what you will check to call the PoC off ${optional}`, ''));
    list.push(text('failureThreshold', `Stop the PoC when "${failureMetric ?? answers.failureMetric ?? 'the metric'}" is…, e.g. "< 0.40" ${optional}`, ''));
    list.push(text('decideBy', 'Go / no-go decision by (YYYY-MM-DD); the failure criteria are checked on this date', addWeeks(today, DECIDE_BY_WEEKS), (v) => dateProblem(v, today)));
    return list;
  };

  try {
    let index = 0;
    for (;;) {
      const list = await steps();
      if (index >= list.length) break;
      const step = list[index];
      const outcome = await step.run(index + 1, list.length, answers[step.id]);
      if (outcome === null) return undefined;
      if (outcome === BACK) {
        index = Math.max(0, index - 1);
        continue;
      }
      (answers as Record<string, Answer>)[step.id] = outcome;
      index++;
    }
  } finally {
    current = undefined;
  }
  // Questions that no longer apply (the type changed after the KPI was typed) are dropped.
  const { kpi, failureMetric } = await headlinesOf(answers.useCaseType ?? 'other');
  const options: ScaffoldOptions = {};
  for (const [key, value] of Object.entries(answers) as Array<[keyof Answers, Answer]>) {
    if (value === undefined || value === '') continue;
    if ((key === 'kpi' && kpi) || (key === 'failureMetric' && failureMetric)) continue;
    (options as Record<string, Answer>)[key] = value;
  }
  return options;
}

function dateProblem(value: string, today: Date): string | undefined {
  try {
    const date = validateDate(value, 'The date');
    if (date < isoDate(today)) return `${date} is in the past: the decision is still ahead.`;
    return undefined;
  } catch (err) {
    return `${(err as Error).message}.`;
  }
}

/**
 * Shows one step: title, counter, Back from step 2 on, Escape or hiding cancels. `answer` wires
 * the input's own events and calls `finish` with the answer.
 */
function ask<Q extends vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem & { value: Answer }>>(
  id: keyof Answers,
  input: Q,
  step: number,
  totalSteps: number,
  answer: (finish: (outcome: Outcome) => void) => vscode.Disposable[],
): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    const disposables: vscode.Disposable[] = [input];
    let done = false;
    const finish = (outcome: Outcome) => {
      if (done) return;
      done = true;
      disposables.forEach((d) => d.dispose());
      resolve(outcome);
    };
    input.title = TITLE;
    input.step = step;
    input.totalSteps = totalSteps;
    input.ignoreFocusOut = true;
    input.buttons = step > 1 ? [vscode.QuickInputButtons.Back] : [];
    disposables.push(
      ...answer(finish),
      input.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish(BACK)),
      input.onDidHide(() => finish(null)),
    );
    current = { id, step, totalSteps, input: input as WizardStep['input'] };
    input.show();
  });
}

function text(id: keyof Answers, prompt: string, initial: string, problem: (value: string) => string | undefined = () => undefined): Step {
  return {
    id,
    run: (step, totalSteps, previous) => {
      const input = vscode.window.createInputBox();
      input.prompt = prompt;
      input.value = typeof previous === 'string' ? previous : initial;
      input.validationMessage = input.value ? problem(input.value) : undefined;
      return ask(id, input, step, totalSteps, (finish) => [
        input.onDidChangeValue((v) => (input.validationMessage = problem(v))),
        input.onDidAccept(() => {
          input.validationMessage = problem(input.value);
          if (!input.validationMessage) finish(input.value.trim());
        }),
      ]);
    },
  };
}

function pick(id: keyof Answers, placeholder: string, items: ReadonlyArray<vscode.QuickPickItem & { value: Answer }>, preselect?: Answer): Step {
  return {
    id,
    run: (step, totalSteps, previous) => {
      const input = vscode.window.createQuickPick<vscode.QuickPickItem & { value: Answer }>();
      input.placeholder = placeholder;
      input.items = items;
      input.matchOnDescription = true;
      const active = items.find((i) => i.value === (previous ?? preselect));
      if (active) input.activeItems = [active];
      return ask(id, input, step, totalSteps, (finish) => [
        input.onDidAccept(() => {
          const chosen = input.selectedItems[0] ?? input.activeItems[0];
          if (chosen) finish(chosen.value);
        }),
      ]);
    },
  };
}
