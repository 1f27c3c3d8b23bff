// The engine: walk → per-file analysis (cached by content) → per-root evaluation (repository
// rules, severities from config, score). The CLI calls `lintWorkspace` once; the extension keeps
// one Engine per workspace folder and calls `updateFile` on every edit, then `evaluate`.

import ignore from 'ignore';
import { configFromManifest, mergeConfig, type LintConfig, type LintOverrides } from './config';
import { extractFacts, type FileFacts } from './facts';
import { decodeText, type FileSystem } from './fs';
import { parseManifest, type ManifestInfo } from './manifest';
import { classify, isReadableKind, parseFile, type FileKind, type ParsedFile } from './parsed';
import { basename, dirname, isInside, join, relative } from './path';
import type { FileRule, RepoContext, RootFile, Rule, RuleOptions } from './rule';
import { FILE_RULES, REPO_RULES, RULES } from './rules';
import { computeScore } from './score';
import { isSuppressed } from './suppression';
import { LineIndex } from './text';
import type { Finding, LevelEvidence, LintResult, RootResult, Severity, SeveritySetting, Skip } from './types';
import { mapLimit, walk, type WalkOptions } from './walker';

export interface EngineOptions extends WalkOptions {
  overrides?: LintOverrides;
  /** "Today" for `decision-overdue`; injectable for deterministic tests. */
  today?: Date;
}

interface RawFinding {
  ruleId: string;
  range: { line: number; column: number; endLine: number; endColumn: number };
  cell?: number;
  rawLine?: number;
  message: string;
  data?: Finding['data'];
}

interface FileAnalysis {
  path: string;
  size: number;
  /** Disk modification time when read from disk; unset for editor text. */
  mtime?: number;
  kind: FileKind;
  /** Content fingerprint: re-analysis is skipped when it matches. */
  text?: string;
  optionsKey: string;
  findings: RawFinding[];
  facts: FileFacts;
  manifest?: ManifestInfo;
}

export interface Progress {
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
}

const MANIFEST = /(^|\/)poc\.yaml$/;
const DATA_REQUIREMENTS = /(^|\/)data[-_]requirements\.ya?ml$/;
const READ_CONCURRENCY = 32;

export class Engine {
  private readonly files = new Map<string, FileAnalysis>();
  private manifestDirs: string[] = [];
  private skipped: Skip[] = [];
  private overrides: LintOverrides | undefined;

  constructor(
    private readonly fs: FileSystem,
    /** Absolute path of the workspace folder in the file system's namespace. */
    readonly rootAbs: string,
    private readonly options: EngineOptions = {},
  ) {
    this.overrides = options.overrides;
  }

  /** New settings: re-check the files whose rule options changed (from their cached text, no I/O). */
  reconfigure(overrides: LintOverrides | undefined): void {
    this.overrides = overrides;
    for (const a of [...this.files.values()]) {
      if (a.text !== undefined && optionsKeyOf(this.ruleOptions(a.path)) !== a.optionsKey) this.analyze(a.path, a.size, a.kind, a.text, a.mtime);
    }
  }

  /** Full scan: walk the workspace, analyse every file, evaluate every PoC root. */
  async lintWorkspace(progress: Progress = {}): Promise<LintResult> {
    const walked = await walk(this.fs, this.rootAbs, { ...this.options, isCancelled: progress.isCancelled });
    this.skipped = walked.skipped;
    this.manifestDirs = walked.manifestDirs;
    const seen = new Set(walked.files.map((f) => f.path));
    for (const path of [...this.files.keys()]) if (!seen.has(path)) this.files.delete(path);
    let done = 0;
    // Manifests first, to completion: a poc.yaml's `lint:` block shapes how the other files of its root are checked.
    const step = async (f: (typeof walked.files)[number]) => {
      if (progress.isCancelled?.()) return;
      const known = this.files.get(f.path);
      // Unchanged on disk since the last scan (and not overridden by editor text): keep the analysis.
      if (!(known && f.mtime !== undefined && known.mtime === f.mtime && known.size === f.size)) await this.readAndAnalyze(f.path, f.size, f.kind, f.mtime);
      done++;
      if (done % 200 === 0) progress.onProgress?.(done, walked.files.length);
    };
    await mapLimit(walked.files.filter((f) => MANIFEST.test(f.path)), READ_CONCURRENCY, step);
    await mapLimit(walked.files.filter((f) => !MANIFEST.test(f.path)), READ_CONCURRENCY, step);
    progress.onProgress?.(walked.files.length, walked.files.length);
    return this.evaluate();
  }

  /** Re-reads one file from the file system (created, changed on disk). */
  async refreshFile(path: string): Promise<void> {
    try {
      const st = await this.fs.stat(join(this.rootAbs, path));
      if (st.type !== 'file') return this.removeFile(path);
      await this.readAndAnalyze(path, st.size, classify(path), st.mtime);
      this.trackManifest(path, true);
    } catch {
      this.removeFile(path);
    }
  }

  removeFile(path: string): void {
    this.files.delete(path);
    this.trackManifest(path, false);
    for (const key of [...this.files.keys()]) if (key.startsWith(path + '/')) this.files.delete(key);
  }

  /** Incremental path for an open editor: analyse unsaved text without touching the disk. */
  updateFile(path: string, text: string): void {
    const kind = classify(path);
    if (!isReadableKind(kind)) return;
    this.analyze(path, text.length, kind, text);
    this.trackManifest(path, true);
  }

  /** Does the engine lint this workspace-relative path (not ignored, a kind it reads)? */
  isKnown(path: string): boolean {
    return this.files.has(path);
  }

  private trackManifest(path: string, present: boolean): void {
    if (basename(path) !== 'poc.yaml') return;
    const dir = dirname(path) === '.' ? '.' : dirname(path);
    const has = this.manifestDirs.includes(dir);
    if (present && !has) this.manifestDirs = [...this.manifestDirs, dir].sort();
    if (!present && has) this.manifestDirs = this.manifestDirs.filter((d) => d !== dir);
  }

  private async readAndAnalyze(path: string, size: number, kind: FileKind, mtime?: number): Promise<void> {
    if (!isReadableKind(kind)) {
      this.files.set(path, { path, size, mtime, kind, optionsKey: '', findings: [], facts: { signals: [] } });
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = await this.fs.readFile(join(this.rootAbs, path));
    } catch (err) {
      this.skipped.push({ path, reason: `unreadable: ${(err as Error).message}` });
      this.files.delete(path);
      return;
    }
    const decoded = decodeText(bytes);
    if (!decoded) {
      this.skipped.push({ path, reason: 'binary content (NUL bytes) in a text file type' });
      this.files.set(path, { path, size, mtime, kind: 'other', optionsKey: '', findings: [], facts: { signals: [] } });
      return;
    }
    this.analyze(path, size, kind, decoded.text, mtime);
  }

  private analyze(path: string, size: number, kind: FileKind, text: string, mtime?: number): FileAnalysis {
    const options = this.ruleOptions(path);
    const optionsKey = optionsKeyOf(options);
    const previous = this.files.get(path);
    if (previous && previous.text === text && previous.optionsKey === optionsKey) {
      previous.mtime = mtime;
      return previous;
    }
    const parsed = parseFile(path, text);
    const findings: RawFinding[] = [];
    for (const rule of FILE_RULES) {
      if (!rule.kinds.includes(kind)) continue;
      runFileRule(rule, parsed, options, findings);
    }
    const analysis: FileAnalysis = { path, size, mtime, kind, text, optionsKey, findings, facts: extractFacts(parsed) };
    if (MANIFEST.test(path)) analysis.manifest = parseManifest(path, text, 'manifest');
    else if (DATA_REQUIREMENTS.test(path)) analysis.manifest = parseManifest(path, text, 'data-requirements');
    this.files.set(path, analysis);
    if (analysis.manifest?.kind === 'manifest') this.reanalyzeRootIfOptionsChanged(path);
    return analysis;
  }

  /** An edited poc.yaml can change the allow-list its files are checked with: redo those whose options moved. */
  private reanalyzeRootIfOptionsChanged(manifestPath: string): void {
    const root = dirname(manifestPath);
    for (const a of [...this.files.values()]) {
      if (a.text === undefined || a.path === manifestPath || this.rootOf(a.path) !== root) continue;
      const options = this.ruleOptions(a.path);
      if (optionsKeyOf(options) !== a.optionsKey) this.analyze(a.path, a.size, a.kind, a.text, a.mtime);
    }
  }

  /** PoC roots: every folder with a poc.yaml, else the workspace root. */
  roots(): string[] {
    return this.manifestDirs.length ? this.manifestDirs : ['.'];
  }

  rootOf(path: string): string | undefined {
    let best: string | undefined;
    for (const root of this.roots()) {
      if (isInside(root, path) && (!best || root.length > best.length || best === '.')) best = root;
    }
    return best;
  }

  private ruleOptions(path: string): RuleOptions {
    const root = this.rootOf(path) ?? '.';
    const manifest = this.files.get(root === '.' ? 'poc.yaml' : `${root}/poc.yaml`)?.manifest;
    const config = mergeConfig(configFromManifest(manifest?.data), this.overrides);
    return { localPathAllow: config.localPathAllow, rootName: basename(root === '.' ? this.rootAbs : root) };
  }

  /** Repository rules, severities and scores from the cached analyses. Cheap: no I/O, no parsing. */
  evaluate(): LintResult {
    const roots = this.roots();
    const byRoot = new Map<string, FileAnalysis[]>(roots.map((r) => [r, []]));
    // Files outside every PoC root (a shared library beside several PoCs) belong to none.
    for (const analysis of this.files.values()) {
      const root = this.rootOf(analysis.path);
      if (root) byRoot.get(root)!.push(analysis);
    }
    // Repository-level files outside every PoC root (CI configs, .gitattributes, a top-level
    // requirements or lock file in a monorepo) serve every PoC.
    const shared = [...this.files.values()].filter((a) => (a.facts.ci || a.facts.lfsPatterns || a.facts.deps) && !this.rootOf(a.path));
    const results: RootResult[] = roots.map((root) => this.evaluateRoot(root, byRoot.get(root)!, shared));
    return { roots: results, skipped: [...this.skipped], filesLinted: this.files.size };
  }

  private evaluateRoot(root: string, analyses: FileAnalysis[], shared: FileAnalysis[]): RootResult {
    const manifestPath = root === '.' ? 'poc.yaml' : `${root}/poc.yaml`;
    const manifest = this.files.get(manifestPath)?.manifest;
    const config = mergeConfig(configFromManifest(manifest?.data), this.overrides);
    const ig = config.ignore.length ? ignore().add(config.ignore) : undefined;
    const inScope = analyses.filter((a) => !ig || !ig.ignores(relative(root, a.path)));
    for (const s of shared) if (!inScope.includes(s) && !(ig && isInside(root, s.path) && ig.ignores(relative(root, s.path)))) inScope.push(s);

    const dataReqName = typeof manifest?.data?.data_requirements === 'string' ? manifest.data.data_requirements : undefined;
    const dataReqPath = dataReqName ? join(root, dataReqName) : undefined;
    let dataRequirements = dataReqPath ? this.files.get(dataReqPath)?.manifest : undefined;
    if (dataReqPath && !dataRequirements) {
      const analysis = this.files.get(dataReqPath);
      if (analysis?.text !== undefined) dataRequirements = analysis.manifest = parseManifest(dataReqPath, analysis.text, 'data-requirements');
    }
    // A checklist named in poc.yaml is the only one that counts; otherwise the root's own, then any in the root.
    if (!dataRequirements && !dataReqPath) {
      dataRequirements = inScope.find((a) => a.manifest?.kind === 'data-requirements' && dirname(a.path) === root)?.manifest
        ?? inScope.find((a) => a.manifest?.kind === 'data-requirements' && analyses.includes(a))?.manifest;
    }

    const severityOf = (rule: Rule): SeveritySetting => config.rules[rule.id] ?? rule.severity;
    const findings: Finding[] = [];
    const push = (rule: Rule, f: Omit<Finding, 'ruleId' | 'pillar' | 'severity'>) => {
      const severity = severityOf(rule);
      if (severity === 'off') return;
      findings.push({ ruleId: rule.id, pillar: rule.pillar, severity, ...f });
    };

    for (const a of inScope) {
      if (!analyses.includes(a)) continue; // shared files' own findings belong to their root
      for (const raw of a.findings) {
        const rule = RULES_BY_ID.get(raw.ruleId)!;
        push(rule, { file: a.path, ...raw.range, ...(raw.cell !== undefined ? { cell: raw.cell } : {}), ...(raw.rawLine ? { rawLine: raw.rawLine } : {}), message: raw.message, ...(raw.data ? { data: raw.data } : {}) });
      }
    }

    const rootFiles: RootFile[] = inScope.map((a) => ({ path: a.path, rel: relative(root, a.path), size: a.size, kind: a.kind, facts: a.facts }));
    const ctx: RepoContext = { root, files: rootFiles, manifest, dataRequirements, config, today: this.options.today ?? new Date() };
    for (const rule of REPO_RULES) {
      if (severityOf(rule) === 'off') continue;
      try {
        rule.check(ctx, (r) => {
          if (r.file && r.range) {
            const text = this.files.get(r.file)?.text;
            if (text !== undefined && isSuppressed(new LineIndex(text), r.range.line, rule.id)) return;
          }
          push(rule, { ...(r.file ? { file: r.file } : {}), ...(r.range ?? {}), ...(r.cell !== undefined ? { cell: r.cell } : {}), message: r.message, ...(r.data ? { data: r.data } : {}) });
        });
      } catch (err) {
        // A rule bug must not take the whole lint down; surface it as a skip with its reason.
        this.skipped.push({ path: root, reason: `rule ${rule.id} failed: ${(err as Error).message}` });
      }
    }

    findings.sort(compareFindings);
    const fired = new Map<string, Severity>();
    for (const f of findings) {
      const prev = fired.get(f.ruleId);
      if (!prev || rank(f.severity) > rank(prev)) fired.set(f.ruleId, f.severity);
    }
    const evidence = levelEvidence(rootFiles, fired);
    return { root, score: computeScore(RULES, severityOf, fired, evidence), findings, anchor: anchorOf(root, analyses), evidence };
  }
}

const RULES_BY_ID = new Map(RULES.map((r) => [r.id, r]));


function optionsKeyOf(options: RuleOptions): string {
  return options.localPathAllow.join('\u0000') + '|' + options.rootName;
}

function anchorOf(root: string, analyses: readonly FileAnalysis[]): string | undefined {
  const inRoot = (name: string) => analyses.find((a) => a.path === join(root, name))?.path;
  return (
    inRoot('poc.yaml') ??
    inRoot('README.md') ??
    inRoot('README.rst') ??
    inRoot('README') ??
    analyses.find((a) => a.kind === 'notebook' || a.kind === 'python')?.path ??
    analyses.find((a) => isReadableKind(a.kind))?.path
  );
}

function runFileRule(rule: FileRule, parsed: ParsedFile, options: RuleOptions, out: RawFinding[]): void {
  try {
    rule.check(
      parsed,
      (r) => {
        const lines = r.cell !== undefined ? parsed.segments.find((s) => s.cell === r.cell)?.lines ?? parsed.lines : parsed.lines;
        if (isSuppressed(lines, r.range.line, rule.id)) return;
        const rawLine = r.cell !== undefined ? parsed.notebook?.cells[r.cell]?.rawLines?.[r.range.line - 1] : undefined;
        out.push({ ruleId: rule.id, range: r.range, cell: r.cell, rawLine, message: r.message, data: r.data });
      },
      options,
    );
  } catch (err) {
    out.push({
      ruleId: 'invalid-file',
      range: { line: 1, column: 1, endLine: 1, endColumn: 2 },
      message: `${rule.id} could not check this file: ${(err as Error).message}`,
    });
  }
}

function rank(s: Severity): number {
  return s === 'error' ? 3 : s === 'warning' ? 2 : 1;
}

function compareFindings(a: Finding, b: Finding): number {
  const fa = a.file ?? '';
  const fb = b.file ?? '';
  if (fa !== fb) return fa === '' ? -1 : fb === '' ? 1 : fa < fb ? -1 : 1;
  return (a.cell ?? -1) - (b.cell ?? -1) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

function levelEvidence(files: readonly RootFile[], fired: ReadonlyMap<string, Severity>): LevelEvidence {
  const has = (pred: (f: RootFile) => boolean) => files.some(pred);
  const signal = (s: string) => has((f) => f.facts.signals.includes(s as never));
  const dependenciesDeclared = has((f) => !!f.facts.deps && f.facts.deps.kind !== 'lock');
  return {
    modules: has((f) => !!f.facts.module),
    dependenciesDeclared,
    dependenciesPinned: dependenciesDeclared && !fired.has('unpinned-dependency'),
    tests: has((f) => !!f.facts.test),
    ciRunsTests: has((f) => !!f.facts.ci?.runsTests),
    containerBuilt: has((f) => !!f.facts.ci?.buildsImage) && has((f) => !!f.facts.dockerfile || !!f.facts.composeBuild),
    pipelineDefinition: has((f) => !!f.facts.ci && !f.facts.ci.error) || signal('pipeline'),
    retrainingAutomated: signal('retraining') || (signal('pipeline') && has((f) => !!f.facts.ci?.scheduled)),
    monitoring: signal('monitoring'),
    modelRegistry: signal('model-registry'),
  };
}

/** One-shot lint of a folder, as the CLI does it. */
export async function lintWorkspace(fs: FileSystem, rootAbs: string, options: EngineOptions = {}): Promise<LintResult> {
  return new Engine(fs, rootAbs, options).lintWorkspace();
}
