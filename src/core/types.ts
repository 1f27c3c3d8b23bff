// Shared vocabulary of the core. Nothing here knows about VS Code or Node's fs.

export const PILLARS = [
  'production-data',
  'code-quality',
  'abstract-infrastructure',
  'business-involvement',
  'failure-criteria',
] as const;
export type PillarId = (typeof PILLARS)[number];

export const PILLAR_TITLES: Record<PillarId, string> = {
  'production-data': 'Use production data',
  'code-quality': "Don't compromise on code quality",
  'abstract-infrastructure': 'Abstract infrastructure',
  'business-involvement': 'Involve business units early',
  'failure-criteria': 'Set failure criteria in advance',
};

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['off', 'info', 'warning', 'error'];

export type Level = 'manual' | 'scripted' | 'pipelined' | 'continuous';
export const LEVELS: readonly Level[] = ['manual', 'scripted', 'pipelined', 'continuous'];
export const LEVEL_TITLES: Record<Level, string> = {
  manual: 'Manual',
  scripted: 'Scripted',
  pipelined: 'Pipelined',
  continuous: 'Continuous',
};

/** 1-based line and column; `endColumn` points just past the last character (as SARIF and VS Code do). */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A replacement the editor can offer for a `local-path` literal. */
export interface PathSuggestion {
  /** Environment variable the code should read instead. */
  envVar: string;
  /** Where the file most likely lives relative to the PoC root (forward slashes). */
  relativePath: string;
  /** The whole Python string literal can be replaced (not an f-string, not part of a command). */
  literal?: boolean;
  /** The path is put on `sys.path` (a code folder, not data). */
  importPath?: boolean;
}

export interface FindingData {
  suggestion?: PathSuggestion;
  /** Scaffold command that fixes a repository finding (e.g. `dockerfile`, `manifest`). */
  scaffold?: string;
  [key: string]: unknown;
}

export interface Finding {
  ruleId: string;
  pillar: PillarId;
  severity: Severity;
  /** Workspace-relative, "/" separators. Absent for repository findings. */
  file?: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** 0-based index into the notebook's `cells` array (Markdown cells counted). */
  cell?: number;
  /** Notebook findings: the line in the raw .ipynb JSON (SARIF needs a line of the file itself). */
  rawLine?: number;
  /** Notebook findings: 0-based start and end (exclusive) of the range in that raw JSON line. */
  rawColumns?: [number, number];
  message: string;
  data?: FindingData;
  /** Fingerprint of the finding's line content (see core/fingerprint.ts): stable when lines move. */
  fingerprint?: string;
  /** Set when a baseline is applied: 'unchanged' findings are in it and do not fail a gate. */
  baselineState?: 'new' | 'unchanged';
}

export interface PillarScores {
  'production-data': number;
  'code-quality': number;
  'abstract-infrastructure': number;
  'business-involvement': number;
  'failure-criteria': number;
}

export interface Score {
  total: number;
  level: Level;
  pillars: PillarScores;
  weakest: PillarId;
  /** Every item of every rung above Manual, present or not, with where it was seen. */
  evidence: EvidenceItem[];
  /** The next rung and what it still needs (absent at Continuous). */
  next?: { level: Level; missing: string[] };
  /** The failing rules whose fix raises the total most, best first (at most three). */
  improvements: Improvement[];
}

/** How one rule ended for one PoC root, as OpenSSF Scorecard reports a check. */
export type RuleStatus = 'pass' | 'fail' | 'n/a';

export interface RuleOutcome {
  id: string;
  pillar: PillarId;
  status: RuleStatus;
  /** The rule's weight in its pillar (0 when not applicable or switched off). */
  weight: number;
  /** Weight lost: the full weight on failure, half for info severity, a share for partial failures. */
  lost: number;
  reason: string;
}

export interface Improvement {
  ruleId: string;
  pillar: PillarId;
  /** Points the total gains when this rule passes (one decimal). */
  points: number;
  title: string;
}

export type EvidenceItemId = 'code' | 'dependencies' | 'ci-tests' | 'automated-pipeline' | 'retraining' | 'monitoring' | 'model-registry';

export interface EvidenceItem {
  level: Exclude<Level, 'manual'>;
  item: EvidenceItemId;
  /** What the rung asks for, in words ("CI that runs the tests"). */
  label: string;
  present: boolean;
  /** Where it was seen (workspace-relative), and what. */
  file?: string;
  line?: number;
  cell?: number;
  detail?: string;
}

export interface Skip {
  path: string;
  reason: string;
}

export interface RootResult {
  /** Workspace-relative path of the PoC root; "." for the workspace itself. */
  root: string;
  score: Score;
  findings: Finding[];
  /** Workspace-relative file that repository findings are shown on: poc.yaml, else a README, else a notebook or module. */
  anchor?: string;
  /** Pass, fail or not applicable for every rule, with the reason and the weight it lost. */
  rules: RuleOutcome[];
}

export interface LintResult {
  roots: RootResult[];
  /**
   * Findings in files outside every PoC root (a monorepo's shared library, a folder no poc.yaml
   * covers): reported like any other, never scored. Absent when there are none.
   */
  outside?: Finding[];
  skipped: Skip[];
  filesLinted: number;
}

/** Findings as a report lists them: each root's, then those outside every root (under "."). */
export interface FindingGroup {
  /** The PoC root, or "." for the files outside every root ('.' is never a root then). */
  root: string;
  anchor?: string;
  findings: Finding[];
  outside?: true;
}

export function findingGroups(result: LintResult): FindingGroup[] {
  const groups: FindingGroup[] = result.roots.map((r) => ({ root: r.root, ...(r.anchor ? { anchor: r.anchor } : {}), findings: r.findings }));
  if (result.outside?.length) groups.push({ root: '.', findings: result.outside, outside: true });
  return groups;
}

/** Every finding of a result: each root's, then those outside every root. */
export function allFindings(result: LintResult): Finding[] {
  return findingGroups(result).flatMap((g) => g.findings);
}
