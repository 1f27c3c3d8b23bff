// Helpers shared by several rules.

import type { EvidenceKind } from '../evidence';
import { placeOf } from '../place';
import type { RepoContext, RepoRule, RootFile, RuleMeta } from '../rule';

const PLACEHOLDER = /^(?:tbd|tba|todo|fixme|n\/?a|none|null|unknown|name|owner|sponsor|someone|\?+|-+|x+|\.\.\.|<[^>]*>|\{\{[^}]*\}\}|\[[^\]]*\]|your[ _-].*|changeme|example.*)$/i;

/** Empty, "TBD", "<name>", "{{owner}}"… */
export function isPlaceholder(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'number') return false;
  if (typeof value !== 'string') return true;
  const v = value.trim();
  return v === '' || PLACEHOLDER.test(v);
}

/** A person given as `{ name: … }` or as a plain string. */
export function personName(value: unknown): string | undefined {
  const name = typeof value === 'string' ? value : value && typeof value === 'object' ? (value as { name?: unknown }).name : undefined;
  return typeof name === 'string' && !isPlaceholder(name) ? name : undefined;
}

/** Files that ship with the PoC's container (not a dev container). */
const DEVCONTAINER = /(^|\/)\.devcontainer\//;

export function isDeploymentDockerfile(f: RootFile): boolean {
  return !!f.facts.dockerfile && !DEVCONTAINER.test(f.path);
}

export function hasContainer(ctx: RepoContext): boolean {
  return ctx.files.some((f) => isDeploymentDockerfile(f) || (f.facts.composeBuild && !DEVCONTAINER.test(f.path)));
}

export function ciFiles(ctx: RepoContext): RootFile[] {
  return ctx.files.filter((f) => f.facts.ci && !f.facts.ci.error);
}

/**
 * Tests and the throwaway clients ML repos keep beside a model server (`test.py`,
 * `predict-test.py`, `test-api.py`): a `test` word in the file name counts.
 */
export function isTestPath(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return /(^|\/)(tests?|testing|__tests__)\//.test(path) || /^(conftest\.py)$/.test(name) || /(^|[-_.])tests?([-_.]|$)/i.test(name.replace(/\.[^.]+$/, '')) ;
}

/** Under a documentation folder (`docs/`, `doc/`): scripts and examples that serve the docs, not the PoC. */
export function isDocsPath(path: string): boolean {
  return /(^|\/)docs?\//.test(path);
}

/** Scripts kept with a CI service's configuration (`.github/workflows/json_to_md.py`): they format reports and label issues, they do not run the PoC. */
export function isCiToolingPath(path: string): boolean {
  return /(^|\/)\.(?:github|gitlab|gitlab-ci|circleci|buildkite|azure-pipelines|azuredevops)\//.test(path);
}

/** Jupyter's and IPython's settings written in Python: server hooks and options, not the PoC's code. */
export function isToolConfigScript(path: string): boolean {
  return /(^|\/)(?:jupyter_(?:notebook|server|lab)_config|ipython(?:_kernel)?_config)\.py$/.test(path);
}

/**
 * Folders that tools generate (MLflow runs, W&B, Hydra, Lightning logs, Great Expectations'
 * validation results and data docs under `uncommitted/`): not code anyone writes.
 */
export function isGeneratedArtifact(path: string): boolean {
  return /(^|\/)(mlruns|mlartifacts|wandb|\.hydra|lightning_logs|multirun|\.ipynb_checkpoints|\.dvc\/tmp|catboost_info|(?:great_expectations|gx)\/uncommitted)\//.test(path);
}

export function manifestList(data: any, key: string): any[] {
  const v = data && typeof data === 'object' ? data[key] : undefined;
  return Array.isArray(v) ? v : [];
}

/** Python files (not tests) or notebooks: the code that the code rules judge. */
export function hasCode(ctx: RepoContext): boolean {
  return ctx.files.some((f) => (f.kind === 'python' && !f.facts.test) || f.kind === 'notebook');
}

/** Why a rule about poc.yaml's content cannot apply: there is none, or it could not be read. */
export function manifestAbsent(ctx: RepoContext): string | undefined {
  if (!ctx.manifest) return 'no poc.yaml (manifest-missing speaks)';
  if (!ctx.manifest.data || typeof ctx.manifest.data !== 'object') return 'poc.yaml could not be read (manifest-invalid speaks)';
  return undefined;
}

/** The first place a kind of positive evidence was seen in the root, as "detail (file:line)". */
export function evidenceAt(ctx: RepoContext, kind: EvidenceKind): string | undefined {
  for (const f of ctx.files) {
    const h = f.facts.evidence.find((e) => e.kind === kind);
    if (h) return `${h.detail} (${placeOf({ file: f.path, line: h.line, cell: h.cell })})`;
  }
  return undefined;
}

/**
 * A rule that looks for one kind of positive evidence in the PoC's code (a data schema, a
 * monitor, a registry, configuration from the environment): it passes with the first place it
 * saw, fails without, and does not apply to a root without Python code or notebooks.
 */
export function positiveEvidenceRule(meta: Omit<RuleMeta, 'scope'>, kind: EvidenceKind, message: string, fingerprintText?: string): RepoRule {
  return {
    ...meta,
    scope: 'repository',
    notApplicable: (ctx) => (hasCode(ctx) ? undefined : 'no Python code or notebooks in this PoC'),
    passReason: (ctx) => evidenceAt(ctx, kind),
    check(ctx, report) {
      if (!evidenceAt(ctx, kind)) report({ message, ...(fingerprintText ? { fingerprintText } : {}) });
    },
  };
}
