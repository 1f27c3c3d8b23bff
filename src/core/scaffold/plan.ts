// Plans a scaffold: which files to create with which content, and which to keep because
// something equivalent exists. Reads the workspace through the FileSystem interface and the
// templates through `readTemplate`; writes nothing (see apply.ts).

import { parse as parseYaml } from 'yaml';
import { MAX_YAML_ALIASES, yamlCostProblem } from '../parsers/limits';
import { decodeText, pathExists, type FileSystem } from '../fs';
import { basename, join, normalize } from '../path';
import { render, type TemplateVars } from './render';
import { DEFAULT_PYTHON, detectRepository, type RepoDetection } from './detect';
import {
  DEFAULT_TARGET,
  DEPLOYMENT_TARGETS,
  DECIDE_BY_WEEKS,
  RISK_TIERS,
  TBD,
  TEMPLATE_NAMES,
  USE_CASE_TYPES,
  addWeeks,
  ciProfile,
  dockerParts,
  dockerfileKind,
  isoDate,
  moduleName,
  resolveScaffolds,
  slug,
  validateName,
  validateOptions,
  type CiProvider,
  type DeploymentTarget,
  type ReadTemplate,
  type RiskTier,
  type ScaffoldId,
  type ScaffoldOptions,
  type ScaffoldRequest,
  type UseCaseType,
} from './templates';

export interface PlannedFile {
  scaffold: ScaffoldId;
  /** Absolute path in the FileSystem's namespace. */
  path: string;
  /** Path relative to the PoC root ("/" separators; may start with "../" for CI at the repository root). */
  rel: string;
  content: string;
}

export interface KeptFile {
  scaffold: ScaffoldId;
  /** The existing file that makes this scaffold unnecessary (absolute). */
  path: string;
  rel: string;
  /** E.g. "kept: Dockerfile exists". */
  reason: string;
}

export interface ScaffoldPlan {
  /** Normalized PoC root. */
  root: string;
  /** Where CI files go (the git repository's top, or the PoC root); files are written only inside it or the root. */
  repoRoot?: string;
  create: PlannedFile[];
  kept: KeptFile[];
  /** Things the user should know (defaults taken, what was detected and from where …). */
  notes: string[];
  /** What the Dockerfile and CI were fitted to (present when either was planned). */
  detected?: RepoDetection;
}

/** Values taken from an existing poc.yaml (they fill the playbook and pick defaults). */
interface ManifestValues {
  file?: string;
  name?: string;
  problem?: string;
  useCaseType?: UseCaseType;
  riskTier?: RiskTier;
  businessOwner?: string;
  sponsor?: string;
  deploymentTarget?: DeploymentTarget;
  platform?: string;
  decideBy?: string;
  dataRequirements?: string;
}

const MANIFEST_FILES = ['poc.yaml', 'poc.yml'];
const CONTAINER_FILES = ['Dockerfile', 'Containerfile', 'dockerfile'];
const CI_FILES = [
  '.gitlab-ci.yml',
  'azure-pipelines.yml',
  'azure-pipelines.yaml',
  '.azure-pipelines.yml',
  'Jenkinsfile',
  '.circleci/config.yml',
  'bitbucket-pipelines.yml',
  '.travis.yml',
  '.buildkite/pipeline.yml',
  'cloudbuild.yaml',
  'cloudbuild.yml',
];
const PLAYBOOK_PATH = 'docs/deployment-playbook.md';
const SAFE_DIR = /^(?:\.|[A-Za-z0-9_][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_][A-Za-z0-9._-]*)*)$/;

/**
 * Plans the scaffolds `which` for the PoC rooted at `root`. Throws ScaffoldInputError on bad
 * options before touching the file system; never writes.
 */
export async function planScaffold(
  root: string,
  which: ScaffoldRequest | readonly ScaffoldId[],
  options: ScaffoldOptions,
  fs: FileSystem,
  readTemplate: ReadTemplate,
): Promise<ScaffoldPlan> {
  const opts = validateOptions(options);
  const scaffolds = resolveScaffolds(which);
  root = normalize(root);
  const plan: ScaffoldPlan = { root, create: [], kept: [], notes: [] };
  const existing = async (rel: string) => ((await pathExists(fs, join(root, rel))) ? rel : undefined);
  const firstExisting = async (rels: readonly string[]) => {
    for (const rel of rels) if (await existing(rel)) return rel;
    return undefined;
  };
  const keep = (scaffold: ScaffoldId, path: string) =>
    plan.kept.push({ scaffold, path, rel: relativePath(root, path), reason: `kept: ${relativePath(root, path)} exists` });
  const create = (scaffold: ScaffoldId, path: string, content: string) =>
    plan.create.push({ scaffold, path, rel: relativePath(root, path), content });

  // ---- what the workspace already says ----
  const manifestRel = await firstExisting(MANIFEST_FILES);
  const manifest = manifestRel ? await readManifest(fs, join(root, manifestRel), plan.notes) : {};

  const fromDir = basename(root);
  let name = opts.name ?? manifest.name;
  if (!name) {
    try {
      name = validateName(fromDir);
    } catch {
      name = 'my-poc';
    }
    if (!manifestRel && scaffolds.includes('manifest')) plan.notes.push(`no name given: using "${name}"`);
  }
  const useCaseType = opts.useCaseType ?? manifest.useCaseType ?? 'other';
  if (!opts.useCaseType && !manifest.useCaseType && scaffolds.includes('manifest')) {
    plan.notes.push(
      `no use-case type given: poc.yaml gets the generic KPI block; pass a type (${USE_CASE_TYPES.join(', ')}) for use-case-specific metrics`,
    );
  }
  // The Dockerfile and CI are fitted to the repository; nothing is guessed where nothing was found.
  // Not detected when nothing written needs it: a .dockerignore beside an existing Dockerfile (the
  // dockerignore-missing quick fix) would otherwise read a few hundred modules for nothing.
  const container = scaffolds.includes('dockerfile') ? await firstExisting(CONTAINER_FILES) : undefined;
  const fits = (scaffolds.includes('dockerfile') || scaffolds.includes('ci')) && !(container && scaffolds.every((s) => s === 'dockerfile'));
  const detected: RepoDetection = fits ? await detectRepository(fs, root) : {};
  if (fits) {
    plan.detected = detected;
    plan.notes.push(...detectionNotes(detected));
  }
  let deploymentTarget = opts.deploymentTarget ?? manifest.deploymentTarget ?? DEFAULT_TARGET[useCaseType];
  if (!opts.deploymentTarget && !manifest.deploymentTarget && detected.entry?.value.server && deploymentTarget !== 'online-api') {
    deploymentTarget = 'online-api';
    plan.notes.push('deployment target: online-api (the entry point serves HTTP)');
  }
  const riskTier = opts.riskTier ?? manifest.riskTier ?? 2;
  const newDecideBy = opts.decideBy ?? addWeeks(opts.today, DECIDE_BY_WEEKS);
  const depFile = detected.dependency?.file ?? 'requirements.txt';

  let repoRoot = opts.repoRoot !== undefined ? normalize(opts.repoRoot) : root;
  if (!isAncestorOrSelf(repoRoot, root)) {
    plan.notes.push(`${repoRoot} does not contain ${root}: CI files go to the PoC root`);
    repoRoot = root;
  }
  plan.repoRoot = repoRoot;
  const pocDir = relativePath(repoRoot, root);
  const mod = moduleName(name);
  const image = slug(name);

  const vars: Record<string, string> = {
    name,
    problem: opts.problem ?? TBD,
    use_case_type: useCaseType,
    risk_tier: String(riskTier),
    business_owner: opts.businessOwner ?? TBD,
    sponsor: opts.sponsor ?? TBD,
    deployment_target: deploymentTarget,
    platform: TBD,
    decide_by: newDecideBy,
    kpi: opts.kpi ?? TBD,
    kpi_target: opts.kpiTarget ?? TBD,
    failure_metric: opts.failureMetric ?? TBD,
    failure_threshold: opts.failureThreshold ?? TBD,
    today: isoDate(opts.today),
    stage: opts.stage ?? 'poc',
    started: opts.started ?? isoDate(opts.today),
    budget_poc: String(opts.budgetPoc ?? 0),
    budget_operating: String(opts.budgetOperating ?? 0),
    image,
    module: mod,
    poc_dir: pocDir,
    dependency_file: depFile,
    python_version: detected.python?.value ?? DEFAULT_PYTHON,
    target_hint: TARGET_HINTS[deploymentTarget],
    governance_hint: GOVERNANCE_HINTS[riskTier],
  };
  const renderFile = async (template: string, extra: TemplateVars = {}) =>
    render(await readTemplateOrThrow(readTemplate, template), { ...vars, ...extra }, template);

  for (const scaffold of scaffolds) {
    switch (scaffold) {
      case 'manifest': {
        if (manifestRel) {
          keep(scaffold, join(root, manifestRel));
          break;
        }
        const criteria = await renderFile(TEMPLATE_NAMES.criteria(useCaseType));
        create(scaffold, join(root, 'poc.yaml'), await renderFile(TEMPLATE_NAMES.manifest, { criteria: criteria.trimEnd() }));
        break;
      }
      case 'data-requirements': {
        const target = manifest.dataRequirements ?? 'data-requirements.yaml';
        const found = await firstExisting(target === 'data-requirements.yaml' ? [target, 'data-requirements.yml'] : [target]);
        if (found) keep(scaffold, join(root, found));
        else create(scaffold, join(root, target), await renderFile(TEMPLATE_NAMES.dataRequirements));
        break;
      }
      case 'dockerfile': {
        if (container) keep(scaffold, join(root, container));
        else {
          const parts = dockerParts(detected, deploymentTarget, `["python", "-m", "${mod}.<module>"]`);
          create(
            scaffold,
            join(root, 'Dockerfile'),
            await renderFile(TEMPLATE_NAMES.dockerfile(dockerfileKind(detected.dependency?.installer)), {
              dependency_install: parts.dependencyInstall,
              install_after_copy: parts.afterCopy,
              healthcheck: parts.healthcheck,
              cmd: parts.cmd,
            }),
          );
        }
        if (await existing('.dockerignore')) keep(scaffold, join(root, '.dockerignore'));
        else create(scaffold, join(root, '.dockerignore'), await renderFile(TEMPLATE_NAMES.dockerignore));
        break;
      }
      case 'ci': {
        let ci: CiProvider | undefined = opts.ci;
        if (!ci) {
          const found = await detectCi(fs, repoRoot === root ? [root] : [root, repoRoot]);
          if (found) {
            keep(scaffold, found);
            break;
          }
          ci = 'github';
        }
        if (!SAFE_DIR.test(pocDir)) {
          plan.notes.push(
            `CI not scaffolded: the PoC directory "${pocDir}" has characters that need quoting in CI scripts; rename it or write the pipeline by hand`,
          );
          break;
        }
        const path = ciPath(ci, repoRoot, repoRoot === root ? undefined : image);
        if (await pathExists(fs, path)) {
          keep(scaffold, path);
          break;
        }
        const profile = ciProfile(ci, detected, pocDir);
        create(
          scaffold,
          path,
          await renderFile(TEMPLATE_NAMES.ci[ci], {
            github_setup: profile.setup,
            azure_setup: profile.setup,
            install_commands: profile.installCommands,
            run_prefix: profile.runPrefix,
            ci_image: profile.image,
            lint_step: profile.lintStep,
            test_step: profile.testStep,
          }),
        );
        break;
      }
      case 'playbook': {
        const path = join(root, PLAYBOOK_PATH);
        if (await pathExists(fs, path)) {
          keep(scaffold, path);
          break;
        }
        // Filled from the manifest when there is one (flags win), else from the options.
        const pb = (v: string | undefined) => markdownCell(v ?? TBD);
        create(
          scaffold,
          path,
          await renderFile(TEMPLATE_NAMES.playbook, {
            name: markdownCell(name),
            problem: pb(opts.problem ?? manifest.problem),
            business_owner: pb(opts.businessOwner ?? manifest.businessOwner),
            sponsor: pb(opts.sponsor ?? manifest.sponsor),
            platform: pb(manifest.platform),
            decide_by: opts.decideBy ?? manifest.decideBy ?? newDecideBy,
          }),
        );
        break;
      }
    }
  }
  return plan;
}

async function readTemplateOrThrow(readTemplate: ReadTemplate, name: string): Promise<string> {
  try {
    return await readTemplate(name);
  } catch (err) {
    throw new Error(`cannot read template ${name}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

async function readManifest(fs: FileSystem, path: string, notes: string[]): Promise<ManifestValues> {
  let doc: unknown;
  try {
    const text = decodeText(await fs.readFile(path));
    if (!text) throw new Error('not a text file');
    const tooCostly = yamlCostProblem(text.text);
    if (tooCostly) throw new Error(tooCostly);
    doc = parseYaml(text.text, { maxAliasCount: MAX_YAML_ALIASES, logLevel: 'error' });
  } catch (err) {
    notes.push(`${basename(path)} could not be read (${err instanceof Error ? err.message.split('\n')[0] : String(err)}): defaults used`);
    return {};
  }
  if (!isRecord(doc)) return { file: path };
  const str = (v: unknown) => (typeof v === 'string' && v.trim() ? oneLine(v) : typeof v === 'number' ? String(v) : undefined);
  const person = (v: unknown) => (isRecord(v) ? str(v.name) : str(v));
  const m: ManifestValues = { file: path };
  const name = str(doc.name);
  if (name) {
    try {
      m.name = validateName(name);
    } catch {
      notes.push(`the manifest's name "${name}" is not usable as an identifier: the directory name is used instead`);
    }
  }
  m.problem = str(doc.problem);
  if (typeof doc.use_case_type === 'string' && (USE_CASE_TYPES as readonly string[]).includes(doc.use_case_type)) {
    m.useCaseType = doc.use_case_type as UseCaseType;
  }
  if (typeof doc.risk_tier === 'number' && (RISK_TIERS as readonly number[]).includes(doc.risk_tier)) {
    m.riskTier = doc.risk_tier as RiskTier;
  }
  m.businessOwner = person(doc.business_owner);
  m.sponsor = person(doc.sponsor);
  if (isRecord(doc.deployment)) {
    const t = doc.deployment.target;
    if (typeof t === 'string' && (DEPLOYMENT_TARGETS as readonly string[]).includes(t)) m.deploymentTarget = t as DeploymentTarget;
    m.platform = str(doc.deployment.platform);
  }
  if (Array.isArray(doc.failure_criteria)) {
    const dates = doc.failure_criteria
      .map((c) => (isRecord(c) ? c.decide_by : undefined))
      .map((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d))
      .filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d))
      .sort();
    if (dates.length) m.decideBy = dates[0];
  }
  const dr = doc.data_requirements;
  if (typeof dr === 'string' && isSafeRelative(dr)) m.dataRequirements = normalize(dr);
  return m;
}

async function detectCi(fs: FileSystem, dirs: string[]): Promise<string | undefined> {
  for (const dir of dirs) {
    try {
      const wf = join(dir, '.github/workflows');
      // Checked first: a failed readDirectory is logged as a warning by VS Code's file service.
      if (!(await pathExists(fs, wf))) throw new Error('no workflows directory');
      const entries = await fs.readDirectory(wf);
      const yml = entries.filter((e) => /\.ya?ml$/i.test(e.name)).map((e) => e.name).sort();
      if (yml.length) return join(wf, yml[0]);
    } catch {
      // no workflows directory
    }
    for (const rel of CI_FILES) {
      const p = join(dir, rel);
      if (await pathExists(fs, p)) return p;
    }
  }
  return undefined;
}

function ciPath(ci: CiProvider, repoRoot: string, suffix: string | undefined): string {
  switch (ci) {
    case 'github':
      return join(repoRoot, `.github/workflows/poc-readiness${suffix ? `-${suffix}` : ''}.yml`);
    case 'gitlab':
      return join(repoRoot, '.gitlab-ci.yml');
    case 'azure':
      return join(repoRoot, 'azure-pipelines.yml');
  }
}

/** What was detected and from where, one note per fact; what was not found says what the file gets instead. */
function detectionNotes(d: RepoDetection): string[] {
  const notes: string[] = [];
  const dep = d.dependency;
  if (dep) {
    const how = { requirements: 'pip install -r', 'pip-project': 'pip install', poetry: 'Poetry', uv: 'uv', pipenv: 'Pipenv', conda: 'conda' }[dep.installer];
    notes.push(`dependencies: ${dep.file} (${how}${dep.backend ? `, build backend ${dep.backend}` : ''}${dep.lock ? `, lock ${dep.lock}` : ''})`);
  } else if (d.dependencyTodo) notes.push(`dependencies: unknown, so the Dockerfile and CI get a TODO(poc-readiness) where they are installed: ${d.dependencyTodo}`);
  else notes.push('dependencies: none found (requirements.txt, pyproject.toml, environment.yml, Pipfile, setup.py): the Dockerfile and CI get a TODO(poc-readiness) where they are installed');
  notes.push(d.python ? `python: ${d.python.value} (from ${d.python.source})` : `python: ${DEFAULT_PYTHON} (the default: no .python-version, runtime.txt, requires-python or environment.yml says otherwise)`);
  if (d.entry) {
    notes.push(`entry point: ${d.entry.value.argv.join(' ')} (from ${d.entry.source})`);
    const program = d.entry.value.program;
    if (program && dep && dep.installer !== 'conda' && !dep.declares.includes(program)) notes.push(`${program} is not declared in ${dep.file}: add it, or the container cannot start`);
  } else notes.push(`entry point: unknown, so the Dockerfile gets a TODO(poc-readiness) instead of a CMD: ${d.entryTodo ?? 'nothing runnable found'}`);
  notes.push(d.test ? `tests: ${d.test.value.command} (from ${d.test.source})` : 'tests: none found: CI gets a TODO(poc-readiness) instead of a test step');
  notes.push(d.lint ? `lint: ${d.lint.value.command} (from ${d.lint.source})` : `lint: ${d.lintTodo ?? 'no linter configured'}: CI gets a TODO(poc-readiness) instead of a lint step`);
  return notes;
}

const TARGET_HINTS: Record<DeploymentTarget, string> = {
  batch: 'a scheduled job scores the full population and writes results where the business reads them',
  'online-api': 'a request / response API with a /health endpoint, autoscaling and a latency SLO',
  streaming: 'a consumer scores events as they arrive, with back-pressure and a dead-letter queue',
  edge: 'the model is packaged for the target devices, with an update and rollback channel',
};

const GOVERNANCE_HINTS: Record<RiskTier, string> = {
  1: 'low risk, self-service with guardrails: the platform checks (CI, PoC Readiness gate) are enough',
  2: 'medium risk, light-touch review: a reviewer outside the team signs off the evaluation and data use',
  3: 'high risk, full governance process: model card, fairness and explainability review, audit trail of decisions',
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function markdownCell(s: string): string {
  return oneLine(s).replace(/\|/g, '\\|').replace(/</g, '&lt;');
}

function isSafeRelative(p: string): boolean {
  if (!p || p.startsWith('/') || p.includes('\\') || /^[A-Za-z]:/.test(p)) return false;
  return !p.split('/').includes('..');
}

function isAncestorOrSelf(parent: string, child: string): boolean {
  if (parent === child) return true;
  const prefix = parent.endsWith('/') ? parent : parent + '/';
  return child.startsWith(prefix);
}

/** `to` relative to the directory `from` ("." when equal), with ".." segments when needed. */
export function relativePath(from: string, to: string): string {
  const a = normalize(from).split('/').filter(Boolean);
  const b = normalize(to).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const parts = [...a.slice(i).map(() => '..'), ...b.slice(i)];
  return parts.length ? parts.join('/') : '.';
}
