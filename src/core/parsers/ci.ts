// CI configurations of every provider in the brief, reduced to what the rules ask: does a
// step run the tests, does a step build the container image, is anything scheduled. YAML
// comments vanish in parsing, and an `echo "docker build"` is not a build: commands are
// judged by the program they start.

import { parseAllDocuments, parseDocument, isMap, isSeq, isScalar, isPair, type Node } from 'yaml';
import { LineIndex } from '../text';
import { MAX_YAML_ALIASES, yamlCostProblem } from './limits';
import { undefinedAlias } from './yaml';

export type CiProvider =
  | 'github' | 'gitlab' | 'azure' | 'jenkins' | 'circleci' | 'bitbucket' | 'travis' | 'buildkite' | 'cloudbuild' | 'codebuild' | 'drone';

/**
 * Which CI system runs this file. GitHub, GitLab, CircleCI, Bitbucket and Travis only read their
 * file at the repository root (taken as the linted folder): a `.github/workflows` copied into a
 * sub-folder runs nothing. Azure, Jenkins, Buildkite and Cloud Build can point anywhere.
 */
export function ciProvider(path: string): CiProvider | undefined {
  const p = path.toLowerCase();
  if (/^\.github\/workflows\/[^/]+\.ya?ml$/.test(p)) return 'github';
  if (/^\.gitlab-ci\.ya?ml$/.test(p)) return 'gitlab';
  if (/(^|\/)(\.?azure-pipelines?[^/]*\.ya?ml|\.?azure-pipelines\/[^/]+\.ya?ml)$/.test(p)) return 'azure';
  if (/(^|\/)jenkinsfile[^/]*$/.test(p)) return 'jenkins';
  if (/^\.circleci\/config\.ya?ml$/.test(p)) return 'circleci';
  if (/^bitbucket-pipelines\.ya?ml$/.test(p)) return 'bitbucket';
  if (/^\.travis\.ya?ml$/.test(p)) return 'travis';
  if (/(^|\/)\.buildkite\/[^/]*pipeline[^/]*\.ya?ml$/.test(p)) return 'buildkite';
  if (/(^|\/)cloudbuild[^/]*\.(ya?ml|json)$/.test(p)) return 'cloudbuild';
  if (/(^|\/)buildspec[^/]*\.ya?ml$/.test(p)) return 'codebuild';
  if (/(^|\/)\.pipelines\/[^/]+\.ya?ml$/.test(p)) return 'azure';
  if (/^\.drone\.ya?ml$/.test(p)) return 'drone';
  // A local composite action is part of the workflows that use it (`uses: ./.github/actions/test`).
  if (/^\.github\/actions\/(?:[^/]+\/)*action\.ya?ml$/.test(p)) return 'github';
  return undefined;
}

/** Cloud Build files may have any name (`deploy/build.yaml`): their steps name Cloud Build builders. */
const CLOUD_BUILD_CONTENT = /^steps[ \t]*:[ \t]*$[\s\S]*?^[ \t]*-[ \t]*name[ \t]*:[ \t]*['"]?(?:gcr\.io\/|[\w-]+-docker\.pkg\.dev\/|gcr\.io\/cloud-builders)/m;

function ciProviderOf(path: string, text: string): CiProvider | undefined {
  return ciProvider(path) ?? (/\.(ya?ml|json)$/i.test(path) && text.length < 200_000 && CLOUD_BUILD_CONTENT.test(text) ? 'cloudbuild' : undefined);
}

export interface CiFacts extends CommandFacts {
  provider: CiProvider;
  scheduled: boolean;
  /** Runs on push or pull request (GitHub `on:`); false for a workflow that only runs on a schedule, a tag or by hand. */
  onChange: boolean;
  /** A workflow or job named as a test run (`smoke-testing`, `tests`): the Python it runs is the test. */
  namedTest: boolean;
  /**
   * Steps come from elsewhere (a GitLab `include:`, an Azure `template:`, a local or reusable
   * GitHub workflow/action, a `make` target): what they run is unknown, so rules that would
   * conclude "never runs tests / never builds" stay quiet.
   */
  delegates: boolean;
  error?: { message: string; line: number; column: number };
}

/** Keys whose values are shell commands (a step's `run:`, a job's `script:`). */
export const COMMAND_KEYS = new Set(['run', 'script', 'before_script', 'after_script', 'command', 'commands', 'bash', 'pwsh', 'powershell', 'inlineScript', 'install', 'before_install', 'entrypoint', 'cmd', 'sh']);

export function analyzeCi(path: string, text: string): CiFacts | undefined {
  const provider = ciProviderOf(path, text);
  if (!provider) return undefined;
  const facts: CiFacts = { provider, ...emptyCommandFacts(), scheduled: false, onChange: true, namedTest: false };
  const commands: string[] = [];
  if (provider === 'jenkins') {
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
    // `sh 'cmd'`, `sh(script: 'cmd')`, `sh label: 'Run tests', script: 'cmd'` (named arguments in any order).
    for (const m of code.matchAll(/\b(?:sh|bat|powershell)\s*\(?\s*(?:(?:label|returnStdout|returnStatus|encoding)\s*:\s*(?:'[^'\n]*'|"[^"\n]*"|\w+)\s*,\s*)*(?:script\s*:\s*)?("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/g)) {
      commands.push(m[1].replace(/^("""|'''|"|')|("""|'''|"|')$/g, ''));
    }
    if (/\bdocker\.build\s*\(/.test(code)) facts.buildsImage = true;
    if (/\b(cron|pollSCM|upstream)\s*\(/.test(code)) facts.scheduled = true;
  } else {
    const name = path.split('/').pop();
    const tooCostly = yamlCostProblem(text);
    if (tooCostly) {
      facts.error = { message: `${name} is not read: ${tooCostly}`, line: 1, column: 1 };
      return facts;
    }
    // GitLab's `spec: inputs:` header is a document of its own before `---`: read the last one.
    const docs = parseAllDocuments(text, { uniqueKeys: false, logLevel: 'error', prettyErrors: false });
    const doc = Array.isArray(docs) ? docs[docs.length - 1] ?? parseDocument('') : docs;
    if (doc.errors.length) {
      const e = doc.errors[0];
      // prettyErrors off: the package would compute a position and context for every error, quadratic in error-dense input.
      facts.error = { message: `${name} is not valid YAML: ${e.message.split('\n')[0]}`, ...new LineIndex(text).position(e.pos[0]) };
      return facts;
    }
    const alias = undefinedAlias(doc);
    if (alias) {
      const at = alias.range ? new LineIndex(text).position(alias.range[0]) : { line: 1, column: 1 };
      facts.error = { message: `${name} is not valid YAML: alias *${alias.source} names no anchor set before it`, ...at };
      return facts;
    }
    visit(doc.contents as Node | null, undefined, (key, value) => {
      // GitHub steps run `run:`; a `script:` there is an action's input (actions/github-script's JavaScript).
      if (key && COMMAND_KEYS.has(key) && !(provider === 'github' && key === 'script')) commands.push(...scalarStrings(value));
      if (key === 'include' || key === 'template' || key === 'extends' && provider === 'azure') facts.delegates = true;
      // A reusable workflow of this repository (`uses: ./.github/workflows/lint.yml`) is followed
      // like a script; another repository's is out of sight.
      for (const u of key === 'uses' ? scalarStrings(value) : []) {
        if (/^\.\/\.github\/workflows\/[\w.-]+\.ya?ml$/.test(u)) {
          if (!facts.refs.includes(u.slice(2))) facts.refs.push(u.slice(2));
        } else if (u.startsWith('./') || /\/\.github\/workflows\//.test(u)) facts.delegates = true;
      }
      if (key === 'uses' || key === 'task' || key === 'image' || key === 'name' || key === 'plugins') {
        for (const s of scalarStrings(value)) {
          // Cloud Build's docker builder also pushes and runs; its `args` decide (cloudbuildBuilds).
          // Azure's Docker@2 task builds only with command build / buildAndPush (the default); see azureDockerBuilds.
          if (/docker\/build-push-action|docker\/bake-action|buildah-build|kaniko|docker-compose@|docker-buildx|docker.*(?:build|bake)/i.test(s) && !/^docker\/(?:login|setup|metadata)/i.test(s)) facts.buildsImage = true;
        }
      }
      if (key === 'schedule' || key === 'schedules' || key === 'cron') facts.scheduled = true;
      if (key === 'event' && provider === 'drone' && scalarStrings(value).includes('cron')) facts.scheduled = true;
      if (key === 'uses' && scalarStrings(value).some((u) => DEPLOY_ACTION.test(u))) facts.deploys = true;
      if (key === 'if' || key === 'only') {
        if (scalarStrings(value).some((s) => /schedule/.test(s))) facts.scheduled = true;
      }
    });
    if (provider === 'cloudbuild' || provider === 'azure' || provider === 'github') {
      let js: unknown;
      try {
        js = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
      } catch (err) {
        // The `yaml` package's guard against alias bombs ("Excessive alias count").
        facts.error = { message: `${name} is not read: ${(err as Error).message.split('\n')[0]}`, line: 1, column: 1 };
        return facts;
      }
      if (provider === 'cloudbuild') {
        facts.buildsImage ||= cloudbuildBuilds(js);
        commands.push(...cloudbuildCommands(js));
      } else if (provider === 'azure') facts.buildsImage ||= azureDockerBuilds(js);
      else {
        facts.onChange = githubRunsOnChange(js);
        facts.namedTest = githubNamedTest(js);
      }
    }
  }
  applyCommands(facts, commands);
  return facts;
}

/** What a list of shell commands does, folded into `facts` (CI steps, scripts, task recipes, job entry points). */
export function applyCommands(facts: CommandFacts, commands: readonly string[]): CommandFacts {
  for (const cmd of commands.flatMap(splitCommands)) {
    const kind = classifyCommand(cmd);
    if (kind === 'test') facts.runsTests = true;
    else if (kind === 'build') facts.buildsImage = true;
    else if (kind === 'gate') facts.gates = true;
    else if (kind === 'deploy') facts.deploys = true;
    else if (kind === 'lint') facts.lints = true;
    if (kind === 'echo') continue;
    if (kind === 'other' && trainsCommand(cmd)) facts.trains = true;
    if (kind === 'other' && RUNS_PYTHON.test(cmd)) facts.runsPython = true;
    // `poetry run poe test` runs poe's `test` task.
    const bare = cmd.trim().replace(/^(?:poetry|uv|pipenv|rye)\s+run\s+(?=(?:poe|invoke|inv|task)\b)/, '');
    const target = /^(?:make|just|task|invoke|inv|mise\s+run|poe|pdm\s+run|hatch\s+run|uv\s+run|nox\s+-s)\s+(?:-\S+\s+)*([\w:.-]+)/.exec(bare);
    if (target && !facts.targets.includes(target[1])) facts.targets.push(target[1]);
    if (target && /^(?:pdm|hatch|uv)\s+run\b/.test(bare) && !facts.programs.includes(target[1])) facts.programs.push(target[1]);
    // Files the command hands work to: `bash deploy/jobs/run.sh`, `docker compose -f test.yaml up`, `anyscale job submit job.yaml`.
    let followed = !!target;
    for (const m of cmd.matchAll(/(?:^|[\s=])(\.{0,2}\/?[\w.-]+(?:\/[\w.-]+)*\.(?:sh|bash|ya?ml|py))(?=\s|$|["'])/g)) {
      const ref = m[1].replace(/^\.\//, '');
      if (!/\.py$/.test(ref)) followed = true;
      if (!facts.refs.includes(ref) && facts.refs.length < 50) facts.refs.push(ref);
    }
    // A make/just/task target or a shell script is followed (level.ts, whatCiRuns). Work handed to
    // something not read (`./run_checks`, `./run_tests.py`: a Python file is no script) is unknown.
    if (/^(?:make|just|task|invoke|inv|bash|sh|\.\/)/.test(cmd.trim()) && kind === 'other' && !followed) facts.delegates = true;
  }
  return facts;
}

/** A Python entry point that is not a tool (pip, pytest, build, setup.py). */
const RUNS_PYTHON = /^(?:[A-Z_][A-Z0-9_]*=\S*\s+)*(?:(?:poetry|uv|pdm|pipenv|hatch|rye)\s+run\s+)?python3?(?:\.\d+)?\s+(?:-u\s+)?(?!-m\s+(?:pip|pytest|build|venv|unittest|twine|black|ruff|mypy|flake8|pylint|isort)\b)(?!setup\.py)(?!-[cVW]\b|--version\b)(?:-m\s+)?[\w./-]+/;

export interface CommandFacts {
  runsTests: boolean;
  buildsImage: boolean;
  trains: boolean;
  gates: boolean;
  deploys: boolean;
  lints: boolean;
  delegates: boolean;
  /** Runs a Python script or module of the project (a pipeline step, not a tool). */
  runsPython: boolean;
  /** Task-runner targets it invokes (`make ci` → `ci`), resolved against Makefiles and justfiles. */
  targets: string[];
  /** Of those, names a project runner starts (`uv run mda`, `pdm run lint`): a task when one is defined, else an installed program. */
  programs: string[];
  /** Scripts and job or compose files it hands work to, as written (resolved against the root's files). */
  refs: string[];
}

export function emptyCommandFacts(): CommandFacts {
  return { runsTests: false, buildsImage: false, trains: false, gates: false, deploys: false, lints: false, delegates: false, runsPython: false, targets: [], programs: [], refs: [] };
}

/**
 * Commands of a file that CI may hand work to: a shell script, a compose file's service
 * commands, a job definition's entry point (Anyscale, Kubernetes Job). Undefined for other files.
 */
export function scriptCommands(kind: string, text: string): string[] | undefined {
  if (kind === 'shell') return [text];
  if (kind !== 'yaml' || text.length > 200_000) return undefined;
  const out: string[] = [];
  for (const m of text.matchAll(/^[ \t]*(?:-[ \t]+)?(?:command|entrypoint|args|cmd)[ \t]*:[ \t]*(.+)$/gm)) {
    const v = m[1].trim();
    // ["pytest", "-q"] → pytest -q
    out.push(v.startsWith('[') ? v.replace(/^\[|\]$/g, '').split(',').map((x) => x.trim().replace(/^["']|["']$/g, '')).join(' ') : v.replace(/^["']|["']$/g, ''));
  }
  return out.length ? out : undefined;
}

/** A command that trains or starts a training pipeline (local, DVC, Azure ML, Vertex, SageMaker). */
const TRAINING_TOOL = /^(?:dvc\s+(?:repro|exp\s+run)|az\s+ml\s+job\s+create|gcloud\s+ai\s+custom-jobs\s+create|gcloud\s+ai-platform\s+jobs\s+submit\s+training|mlflow\s+run|kedro\s+run|zenml\s+pipeline\s+run|sagemaker-train|anyscale\s+job\s+submit)\b/;
/** A script, module or task whose name says it trains or runs the pipeline (`src/train.py`, `-m churn.retrain`, `make train`). */
const TRAINING_NAME = /(?:^|[/._-])(?:re)?train(?:ing|er)?(?:[/._-]|$)|(?:^|[/._-])(?:run_|submit_)?pipelines?(?:[/._-]|$)/i;

/**
 * Does one command train? Judged by the program it starts, never by words anywhere in the line:
 * `pytest tests/test_train.py`, `pip install -r requirements-train.txt` and `mkdir data/train` do not.
 */
export function trainsCommand(raw: string): boolean {
  let cmd = raw.trim().slice(0, 2000);
  const module = /(?:^|\s)(?:python3?(?:\.\d+)?|py)\s+(?:-[uBOW]\S*\s+)*-m\s+(\S+)/.exec(cmd)?.[1];
  if (module) return TRAINING_NAME.test(module);
  for (let guard = 0; guard < 6; guard++) {
    const next = cmd.replace(RUNNER_PREFIX, '');
    if (next === cmd) break;
    cmd = next;
  }
  if (TRAINING_TOOL.test(cmd)) return true;
  const [program = '', ...args] = cmd.split(/\s+/);
  const operand = args.find((a) => !a.startsWith('-')) ?? '';
  if (/^python3?(?:\.\d+)?$|^py$/.test(program)) return TRAINING_NAME.test(operand.replace(/\.py$/, ''));
  if (/^(?:make|just|task|invoke|inv|poe|nox)$/.test(program)) return TRAINING_NAME.test(operand);
  if (/^(?:bash|sh|zsh)$/.test(program)) return TRAINING_NAME.test(operand.replace(/\.(?:sh|bash)$/, ''));
  return /^\.?\.?\//.test(program) && TRAINING_NAME.test(program.replace(/\.(?:sh|py)$/, '').split('/').pop() ?? '');
}

const DEPLOY_ACTION = /azure\/(?:webapps|functions|k8s|aks|container-apps)-deploy|google-github-actions\/deploy-|aws-actions\/amazon-ecs-deploy|azure\/aml-deploy|appleboy\/ssh-action|akhileshns\/heroku-deploy|superfly\/flyctl-actions/i;

/** A workflow or job named as a test run (`smoke-testing`, `tests`); step names do not count (`Run unit tests` may be an echo). */
function githubNamedTest(js: unknown): boolean {
  const o = js && typeof js === 'object' ? (js as Record<string, unknown>) : {};
  const jobs = o.jobs && typeof o.jobs === 'object' ? (o.jobs as Record<string, unknown>) : {};
  const names = [o.name, ...Object.keys(jobs), ...Object.values(jobs).map((j) => (j && typeof j === 'object' ? (j as Record<string, unknown>).name : undefined))];
  return names.some((n) => typeof n === 'string' && /(?:^|[\s_-])(?:smoke[\s_-]?test\w*|tests?|testing)(?:$|[\s_-])/i.test(n));
}

/** GitHub `on:` as a string, a list or a map: does a push, pull request or merge queue start it? */
function githubRunsOnChange(js: unknown): boolean {
  const on = js && typeof js === 'object' ? (js as Record<string, unknown>).on ?? (js as Record<string, unknown>)['true'] : undefined;
  const events = typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : on && typeof on === 'object' ? Object.keys(on) : [];
  return !events.length || events.some((e) => /^(push|pull_request|pull_request_target|merge_group)$/.test(e));
}

function cloudbuildBuilds(js: unknown): boolean {
  const steps = (js as { steps?: Array<{ name?: string; args?: unknown[]; entrypoint?: string }> })?.steps;
  if (!Array.isArray(steps)) return false;
  return steps.some((s) => typeof s?.name === 'string' && /cloud-builders\/docker|kaniko/.test(s.name) && Array.isArray(s.args) && (s.args[0] === 'build' || /kaniko/.test(s.name)));
}

/** Cloud Build steps run `entrypoint` with `args`; `bash -c "<script>"` carries the script in args. */
function cloudbuildCommands(js: unknown): string[] {
  const steps = (js as { steps?: Array<{ entrypoint?: unknown; args?: unknown }> })?.steps;
  if (!Array.isArray(steps)) return [];
  const out: string[] = [];
  for (const step of steps) {
    const args = Array.isArray(step?.args) ? step.args.filter((a): a is string => typeof a === 'string') : [];
    const entrypoint = typeof step?.entrypoint === 'string' ? step.entrypoint : undefined;
    if (!entrypoint) continue;
    if (/^(\/bin\/)?(ba)?sh$/.test(entrypoint)) {
      const c = args.indexOf('-c');
      if (c >= 0 && args[c + 1]) out.push(args[c + 1]);
    } else if (args.length) out.push(`${entrypoint} ${args.join(' ')}`);
  }
  return out;
}

/** Azure Pipelines `task: Docker@2` builds unless its command is something else (push, login…). */
function azureDockerBuilds(js: unknown): boolean {
  let found = false;
  const walk = (v: unknown): void => {
    if (found || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach(walk);
    const o = v as Record<string, unknown>;
    if (typeof o.task === 'string' && /^docker@\d+$/i.test(o.task.trim())) {
      const command = (o.inputs as { command?: unknown } | undefined)?.command;
      // Docker@2: build / buildAndPush; Docker@0/1: "Build an image".
      if (command === undefined || (typeof command === 'string' && /^(build|buildAndPush|build an image)$/i.test(command.trim()))) found = true;
    }
    Object.values(o).forEach(walk);
  };
  walk(js);
  return found;
}

function visit(node: Node | null | undefined, key: string | undefined, fn: (key: string | undefined, value: Node | null) => void): void {
  if (!node) return;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = isScalar(pair.key) ? String(pair.key.value) : undefined;
      fn(k, pair.value as Node | null);
      visit(pair.value as Node | null, k, fn);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) visit(item as Node, key, fn);
  }
}

function scalarStrings(node: Node | null): string[] {
  if (!node) return [];
  if (isScalar(node)) return node.value == null ? [] : [String(node.value)];
  if (isSeq(node)) return node.items.flatMap((i) => scalarStrings(i as Node));
  if (isMap(node)) {
    // `- run: { command: … }` (CircleCI) and similar: the command lives one level down.
    const out: string[] = [];
    for (const pair of node.items) {
      const k = isPair(pair) && isScalar(pair.key) ? String(pair.key.value) : '';
      if (k === 'command' || k === 'script' || k === 'inputs' || k === 'run') out.push(...scalarStrings(pair.value as Node));
    }
    return out;
  }
  return [];
}

/** One simple command per entry: lines, `&&`, `||`, `;` and pipes split; comments dropped. */
export function splitCommands(script: string): string[] {
  const out: string[] = [];
  for (const rawLine of script.replace(/\\\r?\n/g, ' ').split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#') || line.startsWith('//') || /^rem\s/i.test(line)) continue;
    for (const part of line.split(/&&|\|\||;|\|/)) {
      const cmd = part.trim();
      if (cmd) out.push(cmd);
    }
  }
  return out;
}

const RUNNER_PREFIX = /^(?:(?:[A-Z_][A-Z0-9_]*=\S*\s+)+|sudo\s+|time\s+|exec\s+|env\s+|(?:poetry|uv|pdm|pipenv|hatch|rye)\s+run\s+(?:--?[\w-]+(?:=\S+)?\s+)*(?:--\s+)?|uvx\s+|pipx\s+run\s+|\$\{?\{?\s*[\w.]+\s*\}?\}?\s+-m\s+|(?:bash|sh)\s+-c\s+["']?|conda\s+run\s+(?:-n|--name)\s+\S+\s+|micromamba\s+run\s+(?:-n\s+\S+\s+)?|python3?(?:\.\d+)?\s+-m\s+|py\s+-m\s+|xvfb-run\s+(?:-a\s+)?)/;

export function classifyCommand(raw: string): 'test' | 'build' | 'gate' | 'deploy' | 'lint' | 'echo' | 'other' {
  // A command is a line; a generated or hostile 40,000-character word is not worth a quadratic match.
  let cmd = raw.trim().slice(0, 2000).replace(/^[-]\s+/, '');
  let viaRunner = false;
  for (let guard = 0; guard < 6; guard++) {
    const next = cmd.replace(RUNNER_PREFIX, '');
    if (next === cmd) break;
    viaRunner ||= /^(?:poetry|uv|pdm|pipenv|hatch|rye)\s+run\s/.test(cmd);
    cmd = next;
  }
  const word = cmd.split(/\s+/)[0] ?? '';
  // `hatch run test:all`, `pdm run tests`: a project script named test (not the shell's `test -f`).
  if (viaRunner && /^tests?(?::\S*)?$/.test(word)) return 'test';
  if (/^(echo|printf|cat|write-host|write-output|print)$/i.test(word)) return 'echo';
  if (/^(pytest|py\.test|unittest|tox|nox|nosetests|nose2|behave|ward)$/.test(word)) return 'test';
  if (/^(coverage)$/.test(word) && /\brun\b/.test(cmd)) return 'test';
  if (/^(make|just|task|invoke|inv)$/.test(word) && /\s(?:\S*[-_:])?(?:tests?|check|unittest|pytest|ci)(?:[-_:]\S*)?(?=\s|$)/.test(cmd)) return 'test';
  if (/^python3?$/.test(word) && (/\s\S*tests?\S*\.py\b/.test(cmd) || /\ssetup\.py\s+test\b/.test(cmd))) return 'test';
  if (/^(hatch)$/.test(word) && /\stest\b/.test(cmd)) return 'test';
  if (/^(npm|yarn|pnpm)$/.test(word) && /\s(run\s+)?test\b/.test(cmd)) return 'test';
  if (/^(dvc)$/.test(word) && /\s(exp run|repro)\b/.test(cmd) && /test/.test(cmd)) return 'test';
  // Task runners with a test task: `pixi run test`, `hatch run test:all`, `poetry run task test`.
  if (/^(pixi|hatch|poetry|pdm|uv|rye|tox|nox|mise)$/.test(word) && /\srun\s+(?:task\s+)?(?:test|tests|unit|pytest)\b/.test(cmd)) return 'test';
  // A test script: `bash scripts/test.sh`, `./run_tests.sh`.
  if ((/^(bash|sh|zsh|pwsh|powershell)$/.test(word) && /\s\S*test\S*\.(sh|ps1)\b/.test(cmd)) || /^\.?\/?\S*(?:^|\/|_|-)tests?\S*\.(sh|ps1)$/.test(word)) return 'test';
  // A runner inside a container or a wrapper: `docker compose run app pytest`, `xvfb-run pytest`.
  if (/^(docker|docker-compose|podman|nerdctl|kubectl|conda|mamba|micromamba|nix)$/.test(word) && /\s(?:python3?\s+-m\s+)?(?:pytest|py\.test|unittest|tox|nox)\b/.test(cmd)) return 'test';
  if (/^(docker|podman|nerdctl)$/.test(word) && /\s(build|buildx\s+build|image\s+build|compose\s+build|buildx\s+bake)\b/.test(cmd)) return 'build';
  if (/^(docker-compose)$/.test(word) && /\sbuild\b/.test(cmd)) return 'build';
  if (/^(buildah)$/.test(word) && /\s(bud|build)\b/.test(cmd)) return 'build';
  if (/(^|\/)(executor|kaniko)$/.test(word)) return 'build';
  if (/^(gcloud)$/.test(word) && /\sbuilds\s+submit\b/.test(cmd)) return 'build';
  if (/^(az)$/.test(word) && /\sacr\s+build\b/.test(cmd)) return 'build';
  if (/^(pack)$/.test(word) && /\sbuild\b/.test(cmd)) return 'build';
  if (/^(npx|poc-readiness)$/.test(word) && /poc-readiness\s+lint\b/.test(cmd)) return 'gate';
  if (/^(ruff|flake8|pylint|black|mypy|isort|pyright|pycodestyle|pyflakes|autopep8|yapf)$/.test(word) || (word === 'pre-commit' && /\srun\b/.test(cmd))) return 'lint';
  if (/^(kubectl)$/.test(word) && /\s(apply|rollout|set\s+image)\b/.test(cmd)) return 'deploy';
  if (/^(helm)$/.test(word) && /\s(upgrade|install)\b/.test(cmd)) return 'deploy';
  if (/^(docker|podman)$/.test(word) && /\s(push|buildx\s+build\s.*--push)\b/.test(cmd)) return 'deploy';
  if (/^(gcloud)$/.test(word) && /\s(run\s+deploy|app\s+deploy|functions\s+deploy|ai\s+endpoints\s+deploy-model|ai\s+models\s+upload)\b/.test(cmd)) return 'deploy';
  if (/^(az)$/.test(word) && /\s(ml\s+online-(?:deployment|endpoint)|ml\s+batch-(?:deployment|endpoint)|ml\s+model\s+create|webapp|containerapp|functionapp)\b/.test(cmd) && /\s(create|update|deploy|up)\b/.test(cmd)) return 'deploy';
  if (/^(aws)$/.test(word) && /\s(sagemaker\s+(?:create|update)-(?:endpoint|model|pipeline)|ecs\s+update-service|lambda\s+update-function-code|cloudformation\s+deploy)\b/.test(cmd)) return 'deploy';
  if (/^(sam|cdk|serverless|sls|flyctl|fly)$/.test(word) && /\sdeploy\b/.test(cmd)) return 'deploy';
  if (/^(terraform|tofu)$/.test(word) && /\sapply\b/.test(cmd)) return 'deploy';
  if (/^(bentoml)$/.test(word) && /\s(deploy|containerize)\b/.test(cmd)) return 'deploy';
  return 'other';
}
