// The maturity ladder, on automation evidence as the seeds and the MLOps maturity models
// (Google 0–2, Microsoft 0–4, AWS) define it. Pins and tests raise the score; they are not gates.
//
//   Scripted   : importable modules or runnable scripts reproduce the work, and dependencies are declared
//   Pipelined  : Scripted + CI that runs the tests + an automated pipeline (orchestrator / ML pipeline,
//                or CI/CD that trains, builds or deploys)
//   Continuous : Pipelined + scheduled or triggered retraining + monitoring or drift detection + a model registry

import type { EvidenceHit, EvidenceKind } from './evidence';
import { mergeCommandFacts } from './facts';
import { emptyCommandFacts, type CommandFacts } from './parsers/ci';
import { dirname, join } from './path';
import type { RootFile } from './rule';
import { LEVELS, type EvidenceItem, type EvidenceItemId, type Level } from './types';

type Rung = Exclude<Level, 'manual'>;

export const LADDER: ReadonlyArray<{ level: Rung; items: ReadonlyArray<{ item: EvidenceItemId; label: string }> }> = [
  { level: 'scripted', items: [{ item: 'code', label: 'importable modules or runnable scripts' }, { item: 'dependencies', label: 'declared dependencies' }] },
  { level: 'pipelined', items: [{ item: 'ci-tests', label: 'CI that runs the tests' }, { item: 'automated-pipeline', label: 'an automated pipeline (orchestrator, ML pipeline, or CI/CD that trains, builds or deploys)' }] },
  { level: 'continuous', items: [{ item: 'retraining', label: 'scheduled or triggered retraining' }, { item: 'monitoring', label: 'production monitoring or drift detection' }, { item: 'model-registry', label: 'a model registry' }] },
];

type Where = Pick<EvidenceItem, 'file' | 'line' | 'cell' | 'detail'>;

/** Every rung item for a PoC root, present or not, with the first place it was seen. */
export function levelEvidence(files: readonly RootFile[]): EvidenceItem[] {
  // One ladder per set of root files: the engine and the pipeline-missing rule ask for the same one.
  let cached = LADDER_CACHE.get(files);
  if (!cached) LADDER_CACHE.set(files, (cached = computeLevelEvidence(files)));
  return cached;
}

const LADDER_CACHE = new WeakMap<readonly RootFile[], EvidenceItem[]>();

function computeLevelEvidence(files: readonly RootFile[]): EvidenceItem[] {
  const found = new Map<EvidenceItemId, Where>();
  const hit = (item: EvidenceItemId, where: Where) => {
    if (!found.has(item)) found.set(item, where);
  };
  const fromHit = (f: RootFile, h: EvidenceHit): Where => ({ file: f.path, line: h.line, ...(h.cell !== undefined ? { cell: h.cell } : {}), detail: h.detail });
  const first = (kind: EvidenceKind): Where | undefined => {
    for (const f of files) {
      const h = f.facts.evidence.find((e) => e.kind === kind);
      if (h) return fromHit(f, h);
    }
    return undefined;
  };

  // Scripted: a runnable entry point, or a module inside an importable package (src/ layout or __init__.py).
  const entry = first('entry-point');
  if (entry) hit('code', entry);
  const packages = new Set(files.filter((f) => /(^|\/)__init__\.py$/.test(f.path)).map((f) => dirname(f.path)));
  // A package the notebooks import is a library, not a reproduction: with notebooks, only an entry point counts.
  const notebooks = files.some((f) => f.kind === 'notebook');
  const packaged = notebooks ? undefined : files.find((f) => f.facts.module && (packages.has(dirname(f.path)) || /(^|\/)src\//.test(f.path)));
  if (packaged) hit('code', { file: packaged.path, line: 1, detail: `an importable module (${dirname(packaged.path)})` });
  const deps = files.find((f) => f.facts.deps && f.facts.deps.kind !== 'lock' && !f.facts.deps.error && (f.facts.deps.count > 0 || f.facts.deps.kind === 'setup'));
  if (deps) hit('dependencies', { file: deps.path, line: 1, detail: `${deps.facts.deps!.count} dependenc${deps.facts.deps!.count === 1 ? 'y' : 'ies'} declared` });
  const installs = files.find((f) => f.facts.pipInstalls);
  if (installs) hit('dependencies', { file: installs.path, line: installs.facts.pipInstalls!.line, detail: `${installs.facts.pipInstalls!.count} packages installed by the image build (RUN pip install)` });

  // Pipelined: CI, with what it hands to task targets, scripts, compose and job files.
  for (const f of files.filter((x) => x.facts.ci && !x.facts.ci.error)) {
    const c = f.facts.ci!;
    const { all, reached, via } = whatCiRuns(f, files);
    const how = via.length ? ` through ${via.slice(0, 2).join(', ')}` : '';
    const tests = ciTests(f, files);
    if (tests) hit('ci-tests', { file: f.path, line: 1, detail: tests });
    const what = [all.trains && 'trains', all.buildsImage && 'builds the image', all.deploys && 'deploys', !all.trains && reached.runsPython && 'runs the pipeline steps'].filter(Boolean);
    if (what.length) hit('automated-pipeline', { file: f.path, line: 1, detail: `${c.provider} CI/CD that ${what.join(', ')}${how}` });
    if (c.scheduled && (all.trains || reached.runsPython)) hit('retraining', { file: f.path, line: 1, detail: `a scheduled ${c.provider} pipeline that ${all.trains ? 'trains' : 'runs the pipeline steps'}` });
  }
  const pipeline = first('pipeline');
  if (pipeline) hit('automated-pipeline', pipeline);

  // Continuous.
  for (const [item, kind] of [['retraining', 'retraining'], ['monitoring', 'monitoring'], ['model-registry', 'registry']] as const) {
    const w = first(kind);
    if (w) hit(item, w);
  }

  return LADDER.flatMap(({ level, items }) => items.map(({ item, label }) => ({ level, item, label, present: found.has(item), ...(found.get(item) ?? {}) })));
}

/**
 * What a CI file runs, following the work it hands on: task-runner targets (`make ci`), scripts
 * (`bash deploy/run.sh`), compose and job files (`docker compose -f test.yaml up`, `anyscale job
 * submit job.yaml`) — to a bounded depth. `reached` is what the indirections alone run.
 */
export function whatCiRuns(ci: RootFile, files: readonly RootFile[]): CiReach {
  // One evaluation asks four times per CI file (the level, ci-no-tests, ci-no-container-build, ciRunsUnknown).
  let byCi = REACH_CACHE.get(files);
  if (!byCi) REACH_CACHE.set(files, (byCi = new Map()));
  let reach = byCi.get(ci);
  if (!reach) byCi.set(ci, (reach = followCi(ci, files)));
  return reach;
}

interface CiReach {
  all: CommandFacts;
  reached: CommandFacts;
  via: string[];
  /** Those of `via` whose own commands run the tests (the evidence names these, not every task CI runs). */
  testsVia: string[];
  unresolved: string[];
}

const REACH_CACHE = new WeakMap<readonly RootFile[], Map<RootFile, CiReach>>();

function followCi(ci: RootFile, files: readonly RootFile[]): CiReach {
  const { tasks, scripts } = indexOf(files);
  const all = emptyCommandFacts();
  mergeCommandFacts(all, ci.facts.ci!);
  const reached = emptyCommandFacts();
  const via: string[] = [];
  const testsVia: string[] = [];
  const seenTargets = new Set<string>();
  const seenRefs = new Set<string>();
  const unresolved: string[] = [];
  for (let depth = 0; depth < 5; depth++) {
    let grew = false;
    for (const t of [...all.targets]) {
      if (seenTargets.has(t)) continue;
      seenTargets.add(t);
      if (!tasks.has(t)) unresolved.push(t);
      for (const f of tasks.get(t) ?? []) {
        const task = f.facts.tasks![t];
        via.push(`\`${t}\` in ${f.path}`);
        if (task.runsTests) testsVia.push(via[via.length - 1]);
        mergeCommandFacts(reached, task);
        grew = mergeCommandFacts(all, task) || grew;
      }
    }
    for (const ref of [...all.refs]) {
      if (seenRefs.has(ref)) continue;
      seenRefs.add(ref);
      const target = scripts.get(ref) ?? scripts.get(join(dirname(ci.path), ref)) ?? [...scripts.values()].find((f) => f.path.endsWith(`/${ref}`));
      if (!target) {
        unresolved.push(ref);
        continue;
      }
      via.push(target.path);
      // `docker compose -f test.yaml up` builds the services that have a `build:` section.
      // A local reusable workflow hands on what its own steps run.
      const commands = target.facts.script ?? target.facts.ci ?? emptyCommandFacts();
      const script = { ...commands, buildsImage: !!target.facts.composeBuild || !!commands.buildsImage };
      if (script.runsTests) testsVia.push(target.path);
      // A reusable workflow is more CI, not a definition of pipeline steps: a Python step in it
      // (a README check) counts no more than one in the calling workflow would.
      mergeCommandFacts(reached, target.facts.script ? script : { ...script, runsPython: false });
      grew = mergeCommandFacts(all, script) || grew;
    }
    if (!grew) break;
  }
  return { all, reached, via, testsVia, unresolved };
}

/** The workspace's paths, listed once per evaluation of a root (each CI file may ask). */
function workspacePathsOf(files: readonly RootFile[], workspacePaths: () => Iterable<string>): readonly string[] {
  let paths = PATHS_CACHE.get(files);
  if (!paths) PATHS_CACHE.set(files, (paths = [...workspacePaths()]));
  return paths;
}

const PATHS_CACHE = new WeakMap<readonly RootFile[], readonly string[]>();

const TASK_FILE = /(?:^|\/)(?:[Mm]akefile|GNUmakefile|[Jj]ustfile|Taskfile\.ya?ml|tasks\.py|noxfile\.py|pyproject\.toml|\.mise\.toml|mise\.toml)$/;

/**
 * Does CI hand work to something this PoC cannot read: an included template or reusable
 * workflow, an unnamed script, a target while a task file lies outside the PoC's files, or a
 * script that exists in the workspace but not among them? Then what CI runs is unknown, and the
 * CI rules stay quiet. A script that exists nowhere runs nothing.
 */
export function ciRunsUnknown(ci: RootFile, files: readonly RootFile[], workspacePaths?: () => Iterable<string>): boolean {
  if (ci.facts.ci!.delegates) return true;
  const { all, unresolved } = whatCiRuns(ci, files);
  // A script it follows hands work on in turn (`bash ci.sh` running `./run_checks`).
  if (all.delegates) return true;
  if (!unresolved.length) return false;
  if (!workspacePaths) return true;
  const paths = workspacePathsOf(files, workspacePaths);
  // Shell scripts are followed; a Python entry point or a job file is code CI runs, not work handed on.
  const scripts = unresolved.filter((u) => /\.(?:sh|bash)$/.test(u));
  // A task-runner target (`make ci`) nothing defines here may be defined where this PoC cannot
  // see (a Makefile above it, a generated one): unknown. A program a project runner starts
  // (`uv run mda deploy`) is a task only if one is defined, and else the program itself; it is
  // unknown only while a task file lies outside the PoC's files.
  const targets = unresolved.filter((u) => !/\.(?:sh|bash|ya?ml|py)$/.test(u));
  if (targets.some((t) => !all.programs.includes(t))) return true;
  const own = new Set(files.map((f) => f.path));
  if (targets.length && paths.some((p) => TASK_FILE.test(p) && !own.has(p))) return true;
  return scripts.some((ref) => paths.some((p) => p === ref || p === join(dirname(ci.path), ref) || p.endsWith(`/${ref}`)));
}

/**
 * Does this CI file run the tests (directly or through what it hands work to)? The words for the
 * level's evidence, or undefined; ci-no-tests asks the same question.
 */
export function ciTests(ci: RootFile, files: readonly RootFile[]): string | undefined {
  const c = ci.facts.ci!;
  const { all, testsVia } = whatCiRuns(ci, files);
  // A step of its own runs them, or the tasks and scripts it hands on to that do (`make test`, not `make requirements`).
  const via = c.runsTests ? [] : testsVia;
  if (all.runsTests) return `${c.provider} runs the tests${via.length ? ` through ${via.slice(0, 2).join(', ')}` : ''}`;
  // A workflow or job named as a test run whose steps run the project's scripts: smoke tests.
  if (c.namedTest && all.runsPython) return `${c.provider} runs smoke tests of the scripts`;
  return undefined;
}

/** Task targets by name and scripts / compose files by path, indexed once per set of root files. */
function indexOf(files: readonly RootFile[]): { tasks: Map<string, RootFile[]>; scripts: Map<string, RootFile> } {
  let index = INDEX_CACHE.get(files);
  if (index) return index;
  index = { tasks: new Map(), scripts: new Map() };
  for (const f of files) {
    for (const t of Object.keys(f.facts.tasks ?? {})) index.tasks.set(t, [...(index.tasks.get(t) ?? []), f]);
    if (f.facts.script || f.facts.composeBuild || f.facts.ci) index.scripts.set(f.path, f);
  }
  INDEX_CACHE.set(files, index);
  return index;
}

const INDEX_CACHE = new WeakMap<readonly RootFile[], ReturnType<typeof indexOf>>();

/** One rung item for the files of a root (the pipeline-missing rule reads the level's own evidence). */
export function levelEvidenceOf(files: readonly RootFile[], item: EvidenceItemId): EvidenceItem | undefined {
  const e = levelEvidence(files).find((x) => x.item === item);
  return e?.present ? e : undefined;
}

/** The highest rung whose items, and those of every rung below, are all present. */
export function levelOf(evidence: readonly EvidenceItem[]): Level {
  let level: Level = 'manual';
  for (const { level: rung } of LADDER) {
    if (!evidence.filter((e) => e.level === rung).every((e) => e.present)) break;
    level = rung;
  }
  return level;
}

/** The next rung and the labels of what it still needs. */
export function nextLevel(level: Level, evidence: readonly EvidenceItem[]): { level: Level; missing: string[] } | undefined {
  const rung = LADDER.find((r) => LEVELS.indexOf(r.level) === LEVELS.indexOf(level) + 1);
  if (!rung) return undefined;
  return { level: rung.level, missing: evidence.filter((e) => e.level === rung.level && !e.present).map((e) => e.label) };
}
