// The rule contract, modelled on ESLint's rule modules: metadata + check, one file per rule,
// ids that never change. File rules see one parsed file; repository rules see the facts of a
// whole PoC root (cheap to re-run on every keystroke because facts are cached per file).

import type { FileKind, ParsedFile } from './parsed';
import type { PythonEnvironment } from './environment';
import type { FileFacts } from './facts';
import type { LintConfig } from './config';
import type { ManifestInfo } from './manifest';
import type { FindingData, PillarId, Range, Severity } from './types';

export const DOCS_BASE = 'https://github.com/poc-readiness/poc-readiness/blob/main/docs/rules/';

export interface RuleMeta {
  id: string;
  pillar: PillarId;
  severity: Severity;
  /** Share of the pillar's score this rule holds (see README, "Score"). */
  weight: number;
  /** One line: what the rule checks. */
  title: string;
  /** Offers a safe automatic fix (used by `source.fixAll.pocReadiness`). */
  fixable?: boolean;
  /** Scaffold that makes the finding disappear (`manifest`, `data-requirements`, `dockerfile`, `ci`, `playbook`). */
  scaffold?: string;
  /**
   * Why the rule does not apply to this PoC root (its subject does not exist: no Dockerfile, no
   * CI, no poc.yaml), or undefined when it applies. A not-applicable rule leaves the score's
   * sums. File rules without it are not applicable when the root has no file of their kinds.
   */
  notApplicable?(ctx: RepoContext): string | undefined;
  /** For a failing rule: the share of its subject that fails (0–1), when partial credit makes sense. */
  failShare?(ctx: RepoContext): number;
  /** For a passing rule: what it saw (the evidence a positive rule found), for the report. */
  passReason?(ctx: RepoContext): string | undefined;
}

export interface FileReport {
  range: Range;
  /** Notebook cell index; the range then counts inside that cell's source. */
  cell?: number;
  message: string;
  data?: FindingData;
}

export interface FileRule extends RuleMeta {
  scope: 'file';
  /** Cheap filter on the kind of file, so the engine skips rules that cannot fire. */
  kinds: readonly FileKind[];
  check(file: ParsedFile, report: (r: FileReport) => void, options: RuleOptions): void;
}

export interface RepoReport {
  message: string;
  /** Workspace-relative file the finding sits in, when it has a natural place (a YAML key, a Dockerfile line). */
  file?: string;
  range?: Range;
  cell?: number;
  /** For a place in a notebook cell: the line of the raw JSON that holds it (what SARIF shows). */
  rawLine?: number;
  /**
   * What the fingerprint of a finding without a line hashes instead of `message`: the message as
   * first worded, so a rewording does not turn a finding a baseline holds into a new one.
   */
  fingerprintText?: string;
  data?: FindingData;
}

export interface RootFile {
  /** Workspace-relative path. */
  path: string;
  /** Path relative to the PoC root. */
  rel: string;
  size: number;
  kind: FileKind;
  facts: FileFacts;
}

export interface RepoContext {
  /** Workspace-relative root ("." for the workspace). */
  root: string;
  files: readonly RootFile[];
  manifest?: ManifestInfo;
  dataRequirements?: ManifestInfo;
  config: LintConfig;
  /** Python environments inside the workspace (virtualenv, conda env), from their metadata; none when absent. */
  environments?: readonly PythonEnvironment[];
  /** Injected so tests and reports are deterministic. */
  today: Date;
  /**
   * Every workspace-relative path the engine walked or skipped (oversized, unreadable, a skipped
   * folder), in any root: for rules that resolve paths beyond this root's files (a Dockerfile's
   * build context). Absent where only the root's files are known.
   */
  workspacePaths?: () => Iterable<string>;
}

export interface RepoRule extends RuleMeta {
  scope: 'repository';
  check(ctx: RepoContext, report: (r: RepoReport) => void): void;
  /**
   * Declared by a rule that reads of each file no more than its path, kind, these facts (and
   * `size` when listed), besides the root's manifest, checklist, configuration, environments,
   * date and workspace paths. The engine then reuses its last outcome while none of those
   * changed: a keystroke that leaves a module's imports as they were does not re-run
   * import-undeclared over the whole PoC. test/unit/repo-rule-reads.test.ts checks each
   * declaration against what the rule really reads.
   */
  reads?: ReadonlyArray<keyof FileFacts | 'size'>;
}

export type Rule = FileRule | RepoRule;

export interface RuleOptions {
  /** Path prefixes that `local-path` accepts (settings / `lint.local_path_allow`). */
  localPathAllow: readonly string[];
  /** Workspace-relative PoC root of the file, used to suggest repository-relative paths. */
  rootName: string;
}

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}
