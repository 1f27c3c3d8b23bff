// CI configurations of every provider in the brief, reduced to what the rules ask: does a
// step run the tests, does a step build the container image, is anything scheduled. YAML
// comments vanish in parsing, and an `echo "docker build"` is not a build: commands are
// judged by the program they start.

import { parseAllDocuments, parseDocument, isMap, isSeq, isScalar, isPair, type Node } from 'yaml';
import { LineIndex } from '../text';
import { MAX_YAML_ALIASES, yamlCostProblem } from './limits';
import { undefinedAlias } from './yaml';

export type CiProvider =
  | 'github' | 'gitlab' | 'azure' | 'jenkins' | 'circleci' | 'bitbucket' | 'travis' | 'buildkite' | 'cloudbuild' | 'codebuild';

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
  return undefined;
}

export interface CiFacts {
  provider: CiProvider;
  runsTests: boolean;
  buildsImage: boolean;
  scheduled: boolean;
  /** Runs a training command (for the Continuous level, with `scheduled`). */
  trains: boolean;
  /** Runs `poc-readiness lint` (the readiness gate). */
  gates: boolean;
  /**
   * Steps come from elsewhere (a GitLab `include:`, an Azure `template:`, a local or reusable
   * GitHub workflow/action, a `make` target): what they run is unknown, so rules that would
   * conclude "never runs tests / never builds" stay quiet.
   */
  delegates: boolean;
  error?: { message: string; line: number; column: number };
}

const COMMAND_KEYS = new Set(['run', 'script', 'before_script', 'after_script', 'command', 'commands', 'bash', 'pwsh', 'powershell', 'inlineScript', 'install', 'before_install', 'entrypoint', 'cmd', 'sh']);

export function analyzeCi(path: string, text: string): CiFacts | undefined {
  const provider = ciProvider(path);
  if (!provider) return undefined;
  const facts: CiFacts = { provider, runsTests: false, buildsImage: false, scheduled: false, trains: false, gates: false, delegates: false };
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
      if (key && COMMAND_KEYS.has(key)) commands.push(...scalarStrings(value));
      if (key === 'include' || key === 'template' || key === 'extends' && provider === 'azure') facts.delegates = true;
      if (key === 'uses' && scalarStrings(value).some((u) => u.startsWith('./') || /\/\.github\/workflows\//.test(u))) facts.delegates = true;
      if (key === 'uses' || key === 'task' || key === 'image' || key === 'name' || key === 'plugins') {
        for (const s of scalarStrings(value)) {
          // Cloud Build's docker builder also pushes and runs; its `args` decide (cloudbuildBuilds).
          // Azure's Docker@2 task builds only with command build / buildAndPush (the default); see azureDockerBuilds.
          if (/docker\/build-push-action|docker\/bake-action|buildah-build|kaniko|docker-compose@|docker-buildx|docker.*(?:build|bake)/i.test(s) && !/^docker\/(?:login|setup|metadata)/i.test(s)) facts.buildsImage = true;
        }
      }
      if (key === 'schedule' || key === 'schedules' || key === 'cron') facts.scheduled = true;
      if (key === 'if' || key === 'only') {
        if (scalarStrings(value).some((s) => /schedule/.test(s))) facts.scheduled = true;
      }
    });
    if (provider === 'cloudbuild' || provider === 'azure') {
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
      } else facts.buildsImage ||= azureDockerBuilds(js);
    }
  }
  for (const cmd of commands.flatMap(splitCommands)) {
    // A make/just/task target or a script: its content is elsewhere.
    if (/^(?:make|just|task|invoke|inv|bash|sh|\.\/)/.test(cmd.trim()) && classifyCommand(cmd) === 'other') facts.delegates = true;
    const kind = classifyCommand(cmd);
    if (kind === 'test') facts.runsTests = true;
    else if (kind === 'build') facts.buildsImage = true;
    else if (kind === 'gate') facts.gates = true;
    if (kind !== 'echo' && /\b(re)?train(ing)?\b|train\.py|\bdvc\s+repro\b/.test(cmd)) facts.trains = true;
  }
  return facts;
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

export function classifyCommand(raw: string): 'test' | 'build' | 'gate' | 'echo' | 'other' {
  let cmd = raw.trim().replace(/^[-]\s+/, '');
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
  if (/^(pixi|hatch|poetry|pdm|uv|rye|tox|nox)$/.test(word) && /\srun\s+(?:task\s+)?(?:test|tests|unit|pytest)\b/.test(cmd)) return 'test';
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
  return 'other';
}
