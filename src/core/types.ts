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
  /** Where the file most likely lives relative to the repository (forward slashes). */
  relativePath: string;
  /** Text that replaces the whole string literal (language-aware), when we know how. */
  replacement?: string;
  /** Module the replacement needs imported (Python: `os`). */
  requiresImport?: string;
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
  /** Facts behind the maturity level, for reports and tooltips. */
  evidence: LevelEvidence;
}

export interface LintResult {
  roots: RootResult[];
  skipped: Skip[];
  filesLinted: number;
}

export interface LevelEvidence {
  modules: boolean;
  dependenciesDeclared: boolean;
  dependenciesPinned: boolean;
  tests: boolean;
  ciRunsTests: boolean;
  containerBuilt: boolean;
  pipelineDefinition: boolean;
  retrainingAutomated: boolean;
  monitoring: boolean;
  modelRegistry: boolean;
}
