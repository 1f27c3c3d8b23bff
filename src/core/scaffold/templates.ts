// What can be scaffolded, with which options, and the validation of user input.
// Pure data and pure functions: no vscode, no Node built-ins (the core runs in the browser).

import { dirname } from '../path';
import { CONTAINER_PORT, DEFAULT_PYTHON, type Installer, type RepoDetection } from './detect';

export const SCAFFOLD_IDS = ['manifest', 'data-requirements', 'dockerfile', 'ci', 'playbook'] as const;
/** One scaffold. `all` (see ScaffoldRequest) expands to every id in SCAFFOLD_IDS. */
export type ScaffoldId = (typeof SCAFFOLD_IDS)[number];
export type ScaffoldRequest = ScaffoldId | 'all';

export const USE_CASE_TYPES = [
  'classification',
  'regression',
  'forecasting',
  'recommendation',
  'nlp',
  'genai',
  'computer-vision',
  'anomaly-detection',
  'other',
] as const;
export type UseCaseType = (typeof USE_CASE_TYPES)[number];

export const DEPLOYMENT_TARGETS = ['batch', 'online-api', 'streaming', 'edge'] as const;
export type DeploymentTarget = (typeof DEPLOYMENT_TARGETS)[number];

export const CI_PROVIDERS = ['github', 'gitlab', 'azure'] as const;
export type CiProvider = (typeof CI_PROVIDERS)[number];

export const RISK_TIERS = [1, 2, 3] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

/** `stage:` of poc.yaml; poc and pilot (or no stage) are the active PoCs of a portfolio. */
export const STAGES = ['idea', 'poc', 'pilot', 'production', 'retired'] as const;
export type Stage = (typeof STAGES)[number];

/** The ten item ids of the scaffolded data-requirements checklist. */
export const DATA_REQUIREMENT_IDS = [
  'sources',
  'owner',
  'volume',
  'format',
  'quality',
  'freshness',
  'personal-data',
  'access',
  'production-equivalence',
  'lineage',
] as const;

/** Written where the user gave nothing, so owner-missing and friends keep firing. */
export const TBD = 'TBD';

/** Weeks from today to the go / no-go date: the seeds' "PoC to production within 12 weeks". */
export const DECIDE_BY_WEEKS = 12;

export interface ScaffoldOptions {
  /** Use-case name; default: the PoC root's directory name (or the existing manifest's). */
  name?: string;
  problem?: string;
  useCaseType?: UseCaseType;
  /** Name of the business owner. */
  businessOwner?: string;
  /** Name of the executive sponsor. */
  sponsor?: string;
  riskTier?: RiskTier;
  deploymentTarget?: DeploymentTarget;
  /** Default: poc. */
  stage?: Stage;
  /** YYYY-MM-DD the work started; default: today. */
  started?: string;
  /** Budget amounts; default 0 (an operating budget of 0 is a pilot-stagnation signal). */
  budgetPoc?: number;
  budgetOperating?: number;
  /** Default: the CI system already configured, else github. */
  ci?: CiProvider;
  /**
   * The first success criterion's KPI (only where the use-case template leaves it open, as
   * `other` does) and its target; the first failure criterion's metric (likewise) and its
   * threshold; the go / no-go date of every failure criterion (YYYY-MM-DD). Default: TBD, and
   * decide_by today + 12 weeks.
   */
  kpi?: string;
  kpiTarget?: string;
  failureMetric?: string;
  failureThreshold?: string;
  decideBy?: string;
  /** Injected for deterministic dates (decide_by = today + 12 weeks). Default: now. */
  today?: Date;
  /**
   * Directory that holds the CI configuration (the repository root, which may be above the
   * PoC root in a monorepo). Default: the PoC root.
   */
  repoRoot?: string;
}

/** Wrong user input (bad name, unknown type …). Thrown before anything is read or written. */
export class ScaffoldInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScaffoldInputError';
  }
}

export const MAX_NAME_LENGTH = 64;
const MAX_TEXT_LENGTH = 200;
const MAX_PROBLEM_LENGTH = 1000;
const NAME_CHARS = /^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Checks a use-case name: non-empty, at most 64 characters, letters, digits, space, ".", "_"
 * and "-", starting with a letter or digit; no path separators and no "..". Returns it trimmed.
 */
export function validateName(value: string, what = 'name'): string {
  const name = value.trim();
  if (!name) throw new ScaffoldInputError(`${what} must not be empty`);
  if (name.includes('/') || name.includes('\\')) {
    throw new ScaffoldInputError(`${what} "${printable(name)}" must not contain path separators (/ or \\)`);
  }
  if (name.includes('..')) throw new ScaffoldInputError(`${what} "${printable(name)}" must not contain ".."`);
  if (name.length > MAX_NAME_LENGTH) {
    throw new ScaffoldInputError(`${what} is ${name.length} characters long; at most ${MAX_NAME_LENGTH} are allowed`);
  }
  if (CONTROL.test(name) || !NAME_CHARS.test(name)) {
    throw new ScaffoldInputError(
      `${what} "${printable(name)}" may only contain letters, digits, spaces, ".", "_" and "-", and must start with a letter or digit`,
    );
  }
  return name;
}

/** Checks a calendar date written YYYY-MM-DD (2026-02-30 is refused). Returns it. */
export function validateDate(value: string, what: string): string {
  const date = value.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const d = m && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (!m || !d || d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) {
    throw new ScaffoldInputError(`${what} must be a date YYYY-MM-DD (got "${printable(value)}")`);
  }
  return date;
}

/** Checks free text (problem, owner, sponsor): one line, not empty, bounded length. Returns it trimmed. */
export function validateText(value: string, what: string, max = MAX_TEXT_LENGTH): string {
  const text = value.trim();
  if (!text) throw new ScaffoldInputError(`${what} must not be empty (leave the option out to get "${TBD}")`);
  if (CONTROL.test(text)) throw new ScaffoldInputError(`${what} must be a single line without control characters`);
  if (text.length > max) throw new ScaffoldInputError(`${what} is ${text.length} characters long; at most ${max} are allowed`);
  return text;
}

export interface ValidOptions {
  name?: string;
  problem?: string;
  useCaseType?: UseCaseType;
  businessOwner?: string;
  sponsor?: string;
  riskTier?: RiskTier;
  deploymentTarget?: DeploymentTarget;
  stage?: Stage;
  started?: string;
  budgetPoc?: number;
  budgetOperating?: number;
  ci?: CiProvider;
  kpi?: string;
  kpiTarget?: string;
  failureMetric?: string;
  failureThreshold?: string;
  decideBy?: string;
  today: Date;
  repoRoot?: string;
}

/** Validates every option (throws ScaffoldInputError on the first bad one). */
export function validateOptions(options: ScaffoldOptions): ValidOptions {
  const v: ValidOptions = { today: options.today ?? new Date() };
  if (Number.isNaN(v.today.getTime())) throw new ScaffoldInputError('today is not a valid date');
  if (options.name !== undefined) v.name = validateName(options.name);
  if (options.problem !== undefined) v.problem = validateText(options.problem, 'problem', MAX_PROBLEM_LENGTH);
  if (options.businessOwner !== undefined) v.businessOwner = validateText(options.businessOwner, 'business owner');
  if (options.sponsor !== undefined) v.sponsor = validateText(options.sponsor, 'sponsor');
  if (options.useCaseType !== undefined) v.useCaseType = oneOf(options.useCaseType, USE_CASE_TYPES, 'use-case type');
  if (options.deploymentTarget !== undefined) {
    v.deploymentTarget = oneOf(options.deploymentTarget, DEPLOYMENT_TARGETS, 'deployment target');
  }
  if (options.ci !== undefined) v.ci = oneOf(options.ci, CI_PROVIDERS, 'CI provider');
  if (options.stage !== undefined) v.stage = oneOf(options.stage, STAGES, 'stage');
  for (const [key, what] of [['kpi', 'KPI'], ['kpiTarget', 'KPI target'], ['failureMetric', 'failure metric'], ['failureThreshold', 'failure threshold']] as const) {
    const text = options[key];
    if (text !== undefined) v[key] = validateText(text, what);
  }
  if (options.started !== undefined) v.started = validateDate(options.started, 'started');
  if (options.decideBy !== undefined) v.decideBy = validateDate(options.decideBy, 'decide_by');
  for (const [key, what] of [['budgetPoc', 'PoC budget'], ['budgetOperating', 'operating budget']] as const) {
    const amount = options[key];
    if (amount === undefined) continue;
    if (!Number.isFinite(amount) || amount < 0) throw new ScaffoldInputError(`${what} must be a number of at least 0 (got ${printable(String(amount))})`);
    v[key] = amount;
  }
  if (options.riskTier !== undefined) {
    if (!(RISK_TIERS as readonly number[]).includes(options.riskTier)) {
      throw new ScaffoldInputError(`risk tier must be 1, 2 or 3 (got ${printable(String(options.riskTier))})`);
    }
    v.riskTier = options.riskTier;
  }
  if (options.repoRoot !== undefined) v.repoRoot = options.repoRoot;
  return v;
}

/** Expands `all`, removes duplicates, rejects unknown ids. */
export function resolveScaffolds(request: ScaffoldRequest | readonly string[]): ScaffoldId[] {
  const list = typeof request === 'string' ? [request] : [...request];
  if (!list.length) throw new ScaffoldInputError('nothing to scaffold');
  const out = new Set<ScaffoldId>();
  for (const raw of list) {
    const id = raw.trim();
    if (id === 'all') SCAFFOLD_IDS.forEach((s) => out.add(s));
    else out.add(oneOf(id, SCAFFOLD_IDS, 'scaffold'));
  }
  return SCAFFOLD_IDS.filter((s) => out.has(s));
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ScaffoldInputError(`unknown ${what} "${printable(value)}"; expected one of: ${allowed.join(', ')}`);
}

function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return clean.length > 80 ? clean.slice(0, 77) + '...' : clean;
}

/** Lower-case kebab form for image names: "Churn Prediction v2" -> "churn-prediction-v2". */
export function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'poc';
}

/** Python module name derived from the use-case name: "churn-prediction" -> "churn_prediction". */
export function moduleName(name: string): string {
  const m = slug(name).replace(/-/g, '_');
  return /^[0-9]/.test(m) ? `poc_${m}` : m;
}

/** YYYY-MM-DD of the local calendar date `weeks` weeks after `today`. */
export function addWeeks(today: Date, weeks: number): string {
  const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() + weeks * 7);
  return isoDate(d);
}

export function isoDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Deployment target suggested per use-case type when the user names none. */
export const DEFAULT_TARGET: Record<UseCaseType, DeploymentTarget> = {
  classification: 'batch',
  regression: 'batch',
  forecasting: 'batch',
  recommendation: 'online-api',
  nlp: 'online-api',
  genai: 'online-api',
  'computer-vision': 'online-api',
  'anomaly-detection': 'streaming',
  other: 'batch',
};

// ---- Template files (relative to the package's templates/ directory) ----

export const TEMPLATE_NAMES = {
  manifest: 'poc.yaml.tmpl',
  criteria: (type: UseCaseType) => `criteria/${type}.yaml.tmpl`,
  dataRequirements: 'data-requirements.yaml.tmpl',
  dockerfile: (kind: DependencyKind) => `Dockerfile.${kind}.tmpl`,
  dockerignore: 'dockerignore.tmpl',
  ci: { github: 'github-workflow.yml.tmpl', gitlab: 'gitlab-ci.yml.tmpl', azure: 'azure-pipelines.yml.tmpl' } as Record<
    CiProvider,
    string
  >,
  playbook: 'deployment-playbook.md.tmpl',
} as const;

/** Every template file the scaffolds read (for packaging checks and tests). */
export function allTemplateNames(): string[] {
  return [
    TEMPLATE_NAMES.manifest,
    ...USE_CASE_TYPES.map(TEMPLATE_NAMES.criteria),
    TEMPLATE_NAMES.dataRequirements,
    ...DEPENDENCY_KINDS.map(TEMPLATE_NAMES.dockerfile),
    TEMPLATE_NAMES.dockerignore,
    ...CI_PROVIDERS.map((c) => TEMPLATE_NAMES.ci[c]),
    TEMPLATE_NAMES.playbook,
  ];
}

/**
 * The KPI of the first success criterion and the metric of the first failure criterion that
 * the use-case type's template names, so a wizard can ask for their target and threshold;
 * undefined where the template leaves them for the user (`other`): ask for them too.
 */
export async function criteriaHeadlines(type: UseCaseType, readTemplate: ReadTemplate): Promise<{ kpi?: string; failureMetric?: string }> {
  const text = await readTemplate(TEMPLATE_NAMES.criteria(type));
  const first = (key: string) => {
    const value = new RegExp(`^  - ${key}: (.*?)\\s*(?:#.*)?$`, 'm').exec(text)?.[1];
    return value && !value.includes('{{') ? value : undefined;
  };
  return { kpi: first('kpi'), failureMetric: first('metric') };
}

/** Reads one template file by its name relative to templates/ (see TEMPLATE_NAMES). */
export type ReadTemplate = (name: string) => Promise<string>;

// ---- Fitting the Dockerfile and CI to the repository (see detect.ts) ----

export const DEPENDENCY_KINDS = ['requirements', 'pyproject', 'conda'] as const;
/** The Dockerfile template variant. */
export type DependencyKind = (typeof DEPENDENCY_KINDS)[number];

/** A line a person must complete: marked so it can be searched for. */
export const TODO = 'TODO(poc-readiness):';

/** The Dockerfile variant for an installer: conda's own base image, the project install, or requirements. */
export function dockerfileKind(installer: Installer | undefined): DependencyKind {
  if (installer === 'conda') return 'conda';
  return installer === 'pip-project' || installer === 'poetry' || installer === 'uv' ? 'pyproject' : 'requirements';
}

/** `cd app && ` for a dependency file in a subfolder ("" at the root). */
function inDir(file: string): string {
  const dir = dirname(file);
  return dir === '.' ? '' : `cd ${dir} && `;
}

function projectDir(file: string): string {
  const dir = dirname(file);
  return dir === '.' ? '.' : `./${dir}`;
}

export interface DockerParts {
  /** Before the application code is copied (dependencies first, so code changes do not reinstall them). */
  dependencyInstall: string;
  /** After the code is copied ("" or lines ending in a newline). */
  afterCopy: string;
  /** `ENV` lines and the `CMD`, or a TODO when the entry point is unknown. */
  cmd: string;
  healthcheck: string;
}

const NO_DEPENDENCIES = `no dependency file found (requirements.txt, pyproject.toml, environment.yml, Pipfile or setup.py)`;

/** The Dockerfile's variable parts for what was detected. `fallbackCmd` is only ever shown as an example in a TODO. */
export function dockerParts(d: RepoDetection, target: DeploymentTarget, fallbackCmd: string): DockerParts {
  const dep = d.dependency;
  let dependencyInstall = '';
  let afterCopy = '';
  if (!dep) {
    dependencyInstall = [
      d.dependencyTodo ? `# ${TODO} ${d.dependencyTodo}, e.g.:` : `# ${TODO} ${NO_DEPENDENCIES}: list the packages with pinned versions in requirements.txt, then install them here:`,
      '# COPY requirements.txt ./',
      '# RUN pip install --no-cache-dir -r requirements.txt',
    ].join('\n');
  } else if (dep.installer === 'requirements' && dep.needsTree) {
    dependencyInstall = `# ${dep.file} names other files (-r, -c, -e or local paths), so it is installed once the whole tree is copied.`;
    afterCopy = `RUN pip install --no-cache-dir -r ${dep.file}\n`;
  } else if (dep.installer === 'requirements') {
    const dest = dep.file.includes('/') ? dep.file : './';
    dependencyInstall = ['# Dependencies first, so code changes do not reinstall them.', `COPY ${dep.file} ${dest}`, `RUN pip install --no-cache-dir -r ${dep.file}`].join('\n');
  } else if (dep.installer === 'pipenv') {
    const dir = dirname(dep.file) === '.' ? './' : `${dirname(dep.file)}/`;
    const env = dep.file === 'Pipfile' ? '' : `PIPENV_PIPFILE=${dep.file} `;
    dependencyInstall = [
      '# Dependencies first, so code changes do not reinstall them.',
      `COPY ${[dep.file, dep.lock].filter(Boolean).join(' ')} ${dir}`,
      `RUN pip install --no-cache-dir pipenv && ${env}pipenv install --system ${dep.lock ? '--deploy' : '--skip-lock'}`,
    ].join('\n');
  } else if (dep.installer === 'poetry') {
    afterCopy = `# No [build-system] in ${dep.file}: Poetry installs the dependencies into the image's Python.\nRUN pip install --no-cache-dir "poetry>=1.8,<3" && poetry config virtualenvs.create false && ${inDir(dep.file)}poetry install --no-interaction --no-root --only main\n`;
  } else if (dep.installer === 'uv') {
    afterCopy = `# No [build-system] in ${dep.file}: uv installs its dependencies into the image's Python.\nRUN pip install --no-cache-dir uv && ${inDir(dep.file)}uv pip install --system --no-cache -r pyproject.toml\n`;
  } else if (dep.installer === 'pip-project') {
    const lockHint = dep.lock ? `\n# ${dep.lock} pins the versions, pip resolves them again: to install the locked set, export it (e.g. \`uv export --frozen\`, \`poetry export\`) to a requirements file and install that.` : '';
    afterCopy = `RUN pip install --no-cache-dir ${projectDir(dep.file)}${lockHint}\n`;
  }
  const entry = d.entry?.value;
  const cmd = entry
    ? [...(entry.env.length ? [`ENV ${entry.env.join(' \\\n    ')}`] : []), `CMD [${entry.argv.map((a) => JSON.stringify(a)).join(', ')}]`].join('\n')
    : [`# ${TODO} entry point unknown: ${d.entryTodo ?? 'set CMD to the command that starts this PoC'}.`, ...(d.entryTodo?.includes('e.g.') ? [] : [`# For example: CMD ${fallbackCmd}`])].join('\n');
  return { dependencyInstall, afterCopy, cmd, healthcheck: healthcheck(d, target) };
}

function healthcheck(d: RepoDetection, target: DeploymentTarget): string {
  const entry = d.entry?.value;
  const serves = entry ? entry.server : target === 'online-api';
  if (!serves) {
    return entry
      ? `# No HEALTHCHECK: \`${entry.argv.join(' ')}\` serves no HTTP endpoint to probe.`
      : `# No HEALTHCHECK: a ${target} workload is watched by its scheduler or platform, not probed over HTTP.`;
  }
  const probe = (path: string) => [
    'HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \\',
    `  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:${CONTAINER_PORT}${path}', timeout=4)"]`,
  ];
  const lines = [`EXPOSE ${CONTAINER_PORT}`];
  if (d.healthPath) {
    lines.push('# The container probes itself; the platform restarts it when the health endpoint stops answering.', ...probe(d.healthPath));
  } else {
    const where = entry?.file ? ` to ${entry.file}` : '';
    lines.push(`# ${TODO} add a /health endpoint${where}, then let the container probe it:`, ...probe('/health').map((l) => `# ${l}`));
  }
  return lines.join('\n');
}

export interface CiProfile {
  /** Extra setup steps (already indented) before the install step. */
  setup: string;
  /** Install commands, one per line, indented for the provider's template. */
  installCommands: string;
  /** Prefix that runs a command inside the environment ("" for pip). */
  runPrefix: string;
  /** Job image (GitLab). */
  image: string;
  /** The lint step or job, or a TODO comment. */
  lintStep: string;
  /** The test step or job, or a TODO comment. */
  testStep: string;
}

const NO_TESTS = 'no tests found (tests/, test_*.py, pytest configuration, a Makefile `test` target, tox or nox): add tests, then a step that runs them (e.g. `python -m pytest`)';
const NO_LINTER = 'no linter configured (ruff, flake8, black or pre-commit): configure one (e.g. [tool.ruff] in pyproject.toml), then a step that runs it (e.g. `ruff check .`)';

/** Install, lint and test for one CI provider, from what was detected. */
export function ciProfile(ci: CiProvider, d: RepoDetection, pocDir: string): CiProfile {
  const indent = ci === 'github' ? '          ' : ci === 'azure' ? '      ' : '    - ';
  // A comment line inside a list of GitLab commands is a YAML comment, not a list item.
  const lines = (cmds: string[]) => cmds.map((c) => (c.startsWith('#') && ci === 'gitlab' ? `    ${c}` : indent + c)).join('\n');
  const dep = d.dependency;
  const tools = [...new Set([...(d.test?.value.install ?? []), ...(d.lint?.value.install ?? [])])];
  const version = d.python?.value ?? DEFAULT_PYTHON;
  let installCommands: string;
  let runPrefix = '';
  let image = `python:${version}-slim`;
  let setup = '';
  if (dep?.installer === 'conda') {
    if (ci === 'gitlab') {
      installCommands = lines([`micromamba create --yes --name poc --file ${dep.file}`, ...(tools.length ? [`micromamba run -n poc pip install ${tools.join(' ')}`] : [])]);
      runPrefix = 'micromamba run -n poc ';
    } else {
      // GitHub-hosted and Microsoft-hosted Ubuntu runners ship Miniconda at $CONDA.
      installCommands = lines([`$CONDA/bin/conda env create --quiet --name poc --file ${dep.file}`, ...(tools.length ? [`$CONDA/bin/conda run -n poc pip install ${tools.join(' ')}`] : [])]);
      runPrefix = '$CONDA/bin/conda run --no-capture-output -n poc ';
    }
    image = 'mambaorg/micromamba:1.5.8';
  } else {
    const cmds = ['python -m pip install --upgrade pip'];
    if (!dep) cmds.push(`# ${TODO} ${d.dependencyTodo ?? `${NO_DEPENDENCIES}: declare the dependencies and install them here`}`);
    else if (dep.installer === 'requirements') cmds.push(`pip install -r ${dep.file}`);
    else if (dep.installer === 'pip-project') cmds.push(`pip install -e ${projectDir(dep.file)}`);
    else if (dep.installer === 'poetry') cmds.push('pip install "poetry>=1.8,<3"', 'poetry config virtualenvs.create false', `${inDir(dep.file)}poetry install --no-interaction`);
    else if (dep.installer === 'uv') cmds.push('pip install uv', `${inDir(dep.file)}uv pip install --system -r pyproject.toml`);
    else if (dep.installer === 'pipenv') cmds.push('pip install pipenv', `${dep.file === 'Pipfile' ? '' : `PIPENV_PIPFILE=${dep.file} `}pipenv install --system --dev${dep.lock ? ' --deploy' : ' --skip-lock'}`);
    if (dep?.dev) cmds.push(`pip install -r ${dep.dev}`);
    if (tools.length) cmds.push(`pip install ${tools.join(' ')}`);
    installCommands = lines(cmds);
    const cacheFile = dep ? (pocDir === '.' ? dep.file : `${pocDir}/${dep.file}`) : undefined;
    setup =
      ci === 'github'
        ? ['      - uses: actions/setup-python@v5', '        with:', `          python-version: "${version}"`, ...(cacheFile ? ['          cache: pip', `          cache-dependency-path: ${cacheFile}`] : [])].join('\n')
        : ci === 'azure'
          ? ['  - task: UsePythonVersion@0', '    inputs:', `      versionSpec: "${version}"`, ''].join('\n')
          : '';
  }
  const lint = d.lint?.value.command;
  const test = d.test?.value.command;
  const pytest = test === 'python -m pytest';
  return { setup, installCommands, runPrefix, image, lintStep: lintStep(ci, lint && runPrefix + lint, d.lintTodo ?? NO_LINTER), testStep: testStep(ci, test && runPrefix + test, pytest) };
}

function todoBlock(indent: string, why: string, example: string[]): string {
  return [`${indent}# ${TODO} ${why}.`, ...example.map((l) => `${indent}#   ${l}`)].join('\n');
}

function lintStep(ci: CiProvider, command: string | undefined, why: string): string {
  if (ci === 'github') return command ? `      - name: Lint\n        run: ${command}` : todoBlock('      ', why, ['- name: Lint', '  run: ruff check .']);
  if (ci === 'azure') return command ? `  - script: ${command}\n    displayName: Lint\n    workingDirectory: $(POC_DIR)\n` : todoBlock('  ', why, ['- script: ruff check .', '  displayName: Lint']) + '\n';
  return command ? `lint:\n  extends: .python\n  stage: lint\n  script:\n    - ${command}\n` : todoBlock('', why, ['lint:', '  extends: .python', '  stage: lint', '  script: [ruff check .]']) + '\n';
}

function testStep(ci: CiProvider, command: string | undefined, pytest: boolean): string {
  if (ci === 'github') return command ? `      - name: Test\n        run: ${command}` : todoBlock('      ', NO_TESTS, ['- name: Test', '  run: python -m pytest']);
  if (ci === 'azure') {
    if (!command) return todoBlock('  ', NO_TESTS, ['- script: python -m pytest --junitxml=test-results.xml', '  displayName: Test']) + '\n';
    const publish = pytest ? '\n  - task: PublishTestResults@2\n    condition: succeededOrFailed()\n    inputs:\n      testResultsFiles: "**/test-results.xml"\n' : '';
    return `  - script: ${command}${pytest ? ' --junitxml=test-results.xml' : ''}\n    displayName: Test\n    workingDirectory: $(POC_DIR)\n${publish}`;
  }
  if (!command) return todoBlock('', NO_TESTS, ['test:', '  extends: .python', '  stage: test', '  script: [python -m pytest]']) + '\n';
  const junit = pytest ? '\n  artifacts:\n    when: always\n    reports:\n      junit: $POC_DIR/report.xml' : '';
  return `test:\n  extends: .python\n  stage: test\n  script:\n    - ${command}${pytest ? ' --junitxml=report.xml' : ''}${junit}\n`;
}
