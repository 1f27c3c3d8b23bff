import { BRINGS_ALONG, distributionsFor, NAMESPACE_PACKAGES, normalizeDist, withBroughtAlong } from '../pythonModules';
import { basename, dirname, extname } from '../path';
import type { RepoContext, RepoReport, RepoRule, RootFile } from '../rule';
import { isDocsPath, isGeneratedArtifact } from './util';

/** Provided by the notebook's kernel or hosted runtime, never by a requirements file. */
const NOTEBOOK_RUNTIME = new Set(['IPython', 'ipykernel']);
/** Modules only hosted notebook services provide (Colab, Kaggle): no distribution to declare. */
const HOSTED_RUNTIME = new Set(['google.colab', 'kaggle_secrets', 'kaggle_datasets', 'kaggle_web_client']);
/** Packaging tools present wherever pip is (and build-time imports of setup scripts). */
const TOOLING = new Set(['setuptools', 'pkg_resources', 'pip', 'wheel', '_distutils_hack']);

export const importUndeclared: RepoRule = {
  id: 'import-undeclared',
  pillar: 'code-quality',
  severity: 'warning',
  weight: 2,
  title: 'Third-party import that no declared dependency provides',
  scope: 'repository',
  reads: ['imports', 'deps', 'dockerfile'],
  notApplicable: (ctx) => analyze(ctx).notApplicable,
  // 2 undeclared modules of 20 third-party ones lose 2/20 of the weight.
  failShare(ctx) {
    const { undeclared, judged } = analyze(ctx);
    return judged ? new Set(undeclared.map((r) => r.data!.module)).size / judged : 1;
  },
  check(ctx, report) {
    for (const r of analyze(ctx).undeclared) report(r);
  },
};

interface Analysis {
  notApplicable?: string;
  undeclared: RepoReport[];
  /** Distinct third-party modules judged (declared or not). */
  judged: number;
}

/** One analysis per evaluation: check, notApplicable and failShare all read it. */
const analyses = new WeakMap<RepoContext, Analysis>();

function analyze(ctx: RepoContext): Analysis {
  const known = analyses.get(ctx);
  if (known) return known;
  const result = analyzeUncached(ctx);
  analyses.set(ctx, result);
  return result;
}

function analyzeUncached(ctx: RepoContext): Analysis {
  if (!ctx.files.some((f) => f.kind === 'python' || f.kind === 'notebook')) return { notApplicable: 'no Python code or notebooks in this PoC', undeclared: [], judged: 0 };
  // MLflow and W&B write requirements of logged models under mlruns/ and wandb/: not the project's declarations.
  const depFiles = ctx.files.filter((f) => f.facts.deps && f.facts.deps.kind !== 'lock' && !isGeneratedArtifact(f.path));
  // No dependency file at all is dependencies-undeclared's finding; a file we cannot read
  // (broken TOML, a computed install_requires) leaves the declarations unknown.
  if (!depFiles.length) return { notApplicable: 'no dependency file (dependencies-undeclared reports that)', undeclared: [], judged: 0 };
  const unreadable = depFiles.find((f) => f.facts.deps!.error || (f.facts.deps!.opaque && !depFiles.some((d) => d.facts.deps!.kind === 'requirements')));
  if (unreadable) return { notApplicable: `the declarations of ${unreadable.rel} cannot be read statically`, undeclared: [], judged: 0 };

  const shared = sharedContextOf(ctx, depFiles);
  const undeclared: RepoReport[] = [];
  const judged = new Set<string>();
  for (const f of ctx.files) {
    if (!f.facts.imports?.modules) continue;
    // Most files did not change since the last evaluation, nor did what is declared: their
    // judgement is reused (a keystroke re-evaluates the PoC, not every import of it).
    let judgement = judgements.get(f.facts);
    if (!judgement || judgement.shared !== shared || judgement.rel !== f.rel || judgement.kind !== f.kind) {
      judgement = { shared, rel: f.rel, kind: f.kind, ...(skipsFile(f.rel) ? { reports: [], judged: [] } : judgeFile(f, shared)) };
      judgements.set(f.facts, judgement);
    }
    undeclared.push(...judgement.reports);
    for (const m of judgement.judged) judged.add(m);
  }
  return { undeclared, judged: judged.size };
}

/** What every file of a PoC is judged against: what is declared, installed and first-party. */
interface SharedContext {
  /** The inputs it was built from (identities and paths): equal inputs, same context. */
  inputs: readonly unknown[];
  provided: Set<string>;
  providers: Map<string, string[]>;
  versions: Map<string, string | undefined>;
  firstParty: Set<string>;
  target?: string;
  sources: string;
  declaration: string;
}

/** The last context per PoC root, reused while its inputs are the same objects. */
const contexts = new Map<string, SharedContext>();
const judgements = new WeakMap<RootFile['facts'], { shared: SharedContext; rel: string; kind: RootFile['kind']; reports: RepoReport[]; judged: string[] }>();

function sharedContextOf(ctx: RepoContext, depFiles: readonly RootFile[]): SharedContext {
  const installers = ctx.files.filter((f) => f.kind !== 'notebook' && f.kind !== 'python' && (f.facts.imports?.installs?.length || f.facts.dockerfile));
  const firstPartyFiles = ctx.files.filter(providesModules);
  // Modules notebooks write themselves (`%%writefile helpers.py`), compared by value: a keystroke re-analyses the notebook.
  const written = ctx.files.flatMap((f) => (f.facts.imports?.writes ?? []).map((m) => (f.rel.includes('/') ? `${dirname(f.rel)}/${m}.py` : `${m}.py`).split('/').filter((p) => p !== '..').join('/')));
  const inputs: unknown[] = [ctx.environments, depFiles.length, ...depFiles.map((f) => f.facts.deps), ...depFiles.map((f) => f.rel), installers.length, ...installers.map((f) => f.facts), ...firstPartyFiles.map((f) => f.rel), ...written];
  const known = contexts.get(ctx.root);
  if (known && known.inputs.length === inputs.length && known.inputs.every((v, i) => v === inputs[i])) return known;

  const declared = [
    ...depFiles.flatMap((f) => f.facts.deps!.declared ?? []),
    // `RUN pip install …` in a Dockerfile, a CI step, a setup script or Makefile installs for the whole PoC.
    ...installers.flatMap((f) => f.facts.imports?.installs ?? []),
    // A base image named after a distribution ships it (`FROM gcr.io/tfx-oss-public/tfx:1.2.0`, `FROM pytorch/pytorch`).
    ...installers.flatMap((f) => f.facts.dockerfile?.stages.filter((s) => !s.internal).map((s) => basename(s.image)) ?? []),
  ];
  // A workspace environment's metadata is exact: which distribution installs a module, what it requires, its version.
  const installed = (ctx.environments ?? []).flatMap((e) => e.distributions);
  const providers = new Map<string, string[]>();
  for (const d of installed) for (const m of d.modules) providers.set(m, [...(providers.get(m) ?? []), d.name]);
  const requires = new Map(installed.map((d) => [normalizeDist(d.name), d.requires]));
  const shared: SharedContext = {
    inputs,
    provided: withBroughtAlong(declared, (d) => [...(BRINGS_ALONG[d] ?? []), ...(requires.get(d) ?? [])]),
    providers,
    versions: new Map(installed.map((d) => [normalizeDist(d.name), d.version])),
    firstParty: firstPartyModules([...firstPartyFiles.map((f) => f.rel), ...written]),
    target: suggestionTarget(depFiles),
    sources: depFiles.length > 3 ? `${depFiles.slice(0, 3).map((f) => f.rel).join(', ')} and ${depFiles.length - 3} more` : depFiles.map((f) => f.rel).join(', '),
    // Without a requirements file at the root, the fix goes to the first declaration at the root (pyproject, environment.yml…).
    declaration: (depFiles.find((f) => dirname(f.rel) === '.') ?? depFiles[0])!.rel,
  };
  // Bounded: a language server open on a monorepo holds one per PoC root.
  if (contexts.size >= 256) contexts.clear();
  contexts.set(ctx.root, shared);
  return shared;
}

function judgeFile(f: RootFile, shared: SharedContext): { reports: RepoReport[]; judged: string[] } {
  const { provided, providers, versions, firstParty, target, sources, declaration } = shared;
  const reports: RepoReport[] = [];
  const judged = new Set<string>();
  // `%pip install x` in a notebook, or a module that installs what it imports on demand, provides it
  // for that file (notebook-pip-install asks to declare the notebook's).
  const installedHere = new Set((f.facts.imports?.installs ?? []).map(normalizeDist));
  for (const m of f.facts.imports?.modules ?? []) {
    const top = m.module.split('.')[0];
    if (firstParty.has(top) || TOOLING.has(top) || HOSTED_RUNTIME.has(m.module) || HOSTED_RUNTIME.has(top)) continue;
    // protoc writes `person_pb2.py` at build or run time: generated first-party code, never a distribution.
    if (/_pb2(_grpc)?$/.test(top)) continue;
    if (f.kind === 'notebook' && (NOTEBOOK_RUNTIME.has(m.module) || NOTEBOOK_RUNTIME.has(top))) continue;
    judged.add(m.module);
    // A namespace's top level (`google`) is installed by dozens of distributions: only the table's dotted names decide.
    const exact = NAMESPACE_PACKAGES.has(top) ? [] : providers.get(top) ?? [];
    const candidates = [...exact, ...distributionsFor(m.module)].filter((d, i, all) => all.findIndex((o) => normalizeDist(o) === normalizeDist(d)) === i);
    if (candidates.some((d) => provided.has(normalizeDist(d)) || installedHere.has(normalizeDist(d)))) continue;
    // A distribution named after the module plus a suffix provides it or requires it: variants
    // (cuml-cu12, tensorflow-cpu), renamed projects (chronos-forecasting, tirex-ts) and plugins (dask-ml).
    const family = normalizeDist(top) + '-';
    if (!NAMESPACE_PACKAGES.has(top) && [...provided].some((d) => d.startsWith(family))) continue;
    const distribution = candidates[0];
    const version = versions.get(normalizeDist(distribution));
    const requirement = version ? `${distribution}==${version}` : distribution;
    const named = normalizeDist(distribution) === normalizeDist(top) ? `'${m.module}'` : `'${m.module}' (distribution ${distribution})`;
    const fix = target ? `Add ${requirement} to ${basename(target)}` : `Declare ${requirement} in ${declaration}`;
    reports.push({
      file: f.path,
      range: { line: m.line, column: m.column, endLine: m.line, endColumn: m.endColumn },
      ...(m.cell !== undefined ? { cell: m.cell } : {}),
      ...(m.rawLine !== undefined ? { rawLine: m.rawLine } : {}),
      message: `${named} is imported but no declared dependency provides it (${sources}): an environment built from them fails at this import. ${fix}.`,
      data: { module: m.module, distribution, ...(version ? { version } : {}), alternatives: candidates.slice(1, 4).filter((d) => normalizeDist(d) !== normalizeDist(top) || candidates.length === 1), ...(target ? { requirementsFile: target } : {}) },
    });
  }
  return { reports, judged: [...judged] };
}

/** Build and documentation scripts run with their own tool's environment. */
function skipsFile(rel: string): boolean {
  const name = basename(rel);
  return name === 'setup.py' || name === 'noxfile.py' || isDocsPath(rel);
}

/**
 * Modules the repository itself provides: every package folder and module file of the PoC (so
 * `src/` layouts, scripts run from their own folder and notebooks importing a sibling module
 * all resolve). Generous on purpose: a local module shadows a distribution of the same name.
 */
function firstPartyModules(rels: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const rel of rels) {
    const parts = rel.split('/');
    for (const dir of parts.slice(0, -1)) out.add(dir);
    out.add(parts[parts.length - 1].split('.')[0]);
  }
  return out;
}

/** Python modules and compiled extensions: what an import of the repository's own code resolves to. */
function providesModules(f: RootFile): boolean {
  if (f.kind === 'python') return true;
  const ext = extname(f.rel).toLowerCase();
  return ext === '.pyx' || ext === '.pyd' || ext === '.so' || ext === '.pyi';
}

/** The requirements file a quick fix appends to (workspace-relative): the root's own, else none when only pyproject-style files declare. */
function suggestionTarget(depFiles: readonly RootFile[]): string | undefined {
  const inRoot = depFiles.filter((f) => f.facts.deps!.kind === 'requirements' && dirname(f.rel) === '.');
  return (inRoot.find((f) => basename(f.rel) === 'requirements.txt') ?? inRoot.find((f) => !/dev|test|doc|lint/.test(basename(f.rel))))?.path;
}
