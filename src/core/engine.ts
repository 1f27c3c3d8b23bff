// The engine: walk → per-file analysis (cached by content) → per-root evaluation (repository
// rules, severities from config, score). The CLI calls `lintWorkspace` once; the extension keeps
// one Engine per workspace folder and calls `updateFile` on every edit, then `evaluate`.

import ignore from 'ignore';
import { layerFromObject, mergeLayers, overridesLayer, parsePolicy, parsePyprojectConfig, type ConfigLayer, type LintConfig, type LintOverrides, type ParsedConfigFile } from './config';
import { rawColumnsOf } from './parsers/notebook';
import { lineFingerprint, messageFingerprint } from './fingerprint';
import { readEnvironments, type EnvironmentCache, type PythonEnvironment } from './environment';
import { extractFacts, factsByName, type FileFacts } from './facts';
import { decodeText, type FileSystem } from './fs';
import { parseManifest, type ManifestInfo } from './manifest';
import { classify, isReadableKind, parseFile, type FileKind, type ParsedFile } from './parsed';
import { basename, dirname, isInside, join, normalize, relative } from './path';
import type { FileRule, RepoContext, RepoReport, RootFile, Rule, RuleOptions } from './rule';
import { FILE_RULES, REPO_RULES, RULES } from './rules';
import { levelEvidence } from './level';
import { redactFinding, redactText } from './redact';
import { computeScore, ruleOutcomes } from './score';
import { isSuppressed, isSuppressedAt, suppressionLines } from './suppression';
import type { Finding, LintResult, RootResult, Severity, SeveritySetting, Skip } from './types';
import { isOversizedReason, mapLimit, oversizedReason, sizeLimit, walk, type WalkOptions } from './walker';

export interface EngineOptions extends WalkOptions {
  overrides?: LintOverrides;
  /** How `configOf` names the overrides layer (`settings` in the editor, `command line` in the CLI). */
  overridesSource?: string;
  /** "Today" for `decision-overdue`; injectable for deterministic tests. */
  today?: Date;
  /** Analyses files elsewhere during a full scan (worker threads in Node); see `Offload`. */
  offload?: Offload;
  /** Analyses of earlier runs by file content (the CLI's `--cache`); see `AnalysisCache`. */
  cache?: AnalysisCache;
}

/**
 * Per-file analyses kept between runs, keyed by path, content and the options that shape the
 * analysis. A hit skips parsing and every file rule; repository rules and the score are always
 * evaluated afresh, so a cached run reports exactly what an uncached one does.
 */
export interface AnalysisCache {
  /** A key for the file's bytes (a content hash). */
  keyOf(bytes: Uint8Array): string;
  get(path: string, kind: FileKind, contentKey: string, optionsKey: string): TextAnalysis | undefined;
  set(path: string, kind: FileKind, contentKey: string, optionsKey: string, analysis: TextAnalysis): void;
}

/** One file to read and analyse elsewhere: everything `analyzeText` needs, as plain data. */
export interface AnalysisJob {
  /** Absolute path in the file system's namespace (read by the helper unless `text` is given). */
  abs: string;
  /** The file's text, when the engine has read it already (a cache miss). */
  text?: string;
  /** Workspace-relative path. */
  path: string;
  kind: FileKind;
  /** Bytes above which the file is skipped as oversized. */
  limit: number;
  options: RuleOptions;
}

/** What became of an offloaded file: its analysis, or why there is none. */
export interface OffloadedAnalysis {
  size: number;
  mtime?: number;
  analysis?: TextAnalysis;
  oversized?: boolean;
  binary?: boolean;
  unreadable?: string;
  /** The helper could not do it (a worker stopped): analyse it here. */
  retry?: string;
}

/**
 * Takes a file off the scanning thread when it has room (returns undefined otherwise, and the
 * engine analyses the file itself), so a scan never waits on a queue.
 */
export interface Offload {
  /** Starts the helpers ahead of the first job (the engine calls it once a walk has found a big tree), so their start-up overlaps the walk. */
  prepare?(): void;
  analyze(job: AnalysisJob): Promise<OffloadedAnalysis> | undefined;
  /** Resolves after a turn of the event loop, in which finished analyses arrive (when none is awaited, most calls resolve at once). */
  turn(): Promise<void>;
  /**
   * Shares a list of jobs through one queue: the helpers and the calling thread each claim the
   * next job until none is left, so the work splits by how fast each goes, with no request per
   * file. What a helper finishes arrives through `onResult`. Undefined when there are no helpers.
   */
  share?(jobs: readonly AnalysisJob[], onResult: (index: number, outcome: OffloadedAnalysis) => void): SharedJobs | undefined;
}

/** A queue of jobs shared with the helpers (see `Offload.share`). */
export interface SharedJobs {
  /** The index of the next job for the calling thread to analyse itself, or -1 when every job is claimed. */
  claim(): number;
  /** Hands out no more jobs (a cancelled scan). */
  stop(): void;
  /**
   * Resolves when every job a helper claimed has its outcome delivered; the jobs of a helper
   * that stopped come back with `retry`.
   */
  settled: Promise<void>;
}

/** Each file finding as the last evaluation reported it (severity and place decide whether it still is). */
const FILE_FINDINGS = new WeakMap<RawFinding, { severity: Severity; file: string; finding: Finding }>();

/** Each repository finding by the report object it came from (see the report callback in evaluateRoot). */
const REPO_FINDINGS = new WeakMap<object, { severity: SeveritySetting; lines?: Map<string, string>; allowInlineIgnore: boolean; finding?: Finding }>();

/** Below this many files a scan is too short to pay for starting workers. */
const OFFLOAD_MIN_FILES = 400;
/** Kinds worth a worker: the bulk of a repository, and none whose text the engine keeps (manifests). */
const OFFLOADED_KINDS: ReadonlySet<FileKind> = new Set(['python', 'notebook']);

export interface RawFinding {
  ruleId: string;
  range: { line: number; column: number; endLine: number; endColumn: number };
  cell?: number;
  rawLine?: number;
  rawColumns?: [number, number];
  message: string;
  data?: Finding['data'];
  /** Fingerprint of the line's content (baseline, GitLab report). */
  lineHash?: string;
  /** A `poc-readiness-ignore` comment covers it: dropped unless a policy forbids inline ignores. */
  suppressed?: true;
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
  /** Lines holding a `poc-readiness-ignore` comment (for repository findings placed in this file), by `suppressionKey`. */
  suppressions?: Map<string, string>;
  findings: RawFinding[];
  facts: FileFacts;
  manifest?: ManifestInfo;
  /** pyproject.toml: its `[tool.poc-readiness]` table. */
  toolConfig?: ParsedConfigFile;
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
  /** Paths skipped with their reason, by path (a refresh replaces, never piles up). */
  private skipped = new Map<string, Skip>();
  private overrides: LintOverrides | undefined;
  private readonly pending = new Set<Promise<void>>();
  /** Checklists named by `data_requirements:` in a poc.yaml, workspace-relative. */
  private namedChecklists = new Set<string>();
  private readonly rootOfCache = new Map<string, string | undefined>();
  /** The last `outsideFindings` and what it was computed from (dropped with the roots' results). */
  private outsideResult?: { version: number; overrides: unknown; grouping: unknown; findings: Finding[] };
  private rootOfFor: readonly string[] | undefined;
  private rootSetFor: ReadonlySet<string> | undefined;
  private readonly rootResults = new Map<string, RootCacheEntry>();
  /**
   * Files grouped by PoC root (and the shared repository-level files), kept up to date as
   * analyses are replaced so a keystroke does not regroup 20,000 files. Rebuilt when files
   * appear or go, or when the roots change.
   */
  private grouping?: { byRoot: Map<string, FileAnalysis[]>; shared: FileAnalysis[]; outside: FileAnalysis[]; at: Map<string, { list: FileAnalysis[]; i: number }> };
  /** Bumped when a file of the root (or, under SHARED, outside every root) changes. */
  private readonly versions = new Map<string, number>();
  /** Bumped when a path appears in or leaves the workspace (analysed or skipped). */
  private pathsVersion = 0;
  /** By root, then rule id: the last outcome of each repository rule that declares `reads`. */
  private readonly repoOutcomes = new Map<string, Map<string, RepoOutcome>>();
  /** The workspace's own Python environments (read at each scan; unchanged metadata is not re-read). */
  private environments: PythonEnvironment[] = [];
  private readonly environmentCache: EnvironmentCache = new Map();
  /** Shared policies named by `extends`, by absolute path, with the policies they extend in turn. */
  private readonly policies = new Map<string, PolicyChain>();
  private readonly policiesLoading = new Set<string>();

  constructor(
    private readonly fs: FileSystem,
    /** Absolute path of the workspace folder in the file system's namespace. */
    readonly rootAbs: string,
    private readonly options: EngineOptions = {},
  ) {
    this.overrides = options.overrides;
  }

  /**
   * New settings. Per-file analysis does not depend on them (severities, ignores and the
   * local-path allow-list apply in evaluate), so nothing is re-read or re-parsed.
   */
  reconfigure(overrides: LintOverrides | undefined): void {
    this.overrides = overrides;
    this.forgetResults();
  }

  /** Background re-reads are running (after a new PoC root or a renamed checklist). */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  /** Resolves when background re-reads are done. */
  async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /** Full scan: walk the workspace, analyse every file, evaluate every PoC root. */
  async lintWorkspace(progress: Progress = {}): Promise<LintResult> {
    await this.scan(progress);
    return this.evaluate();
  }

  /**
   * Walks and analyses without evaluating (the extension evaluates once, after re-applying
   * unsaved editor text). A cancelled scan leaves the previous state untouched.
   */
  async scan(progress: Progress = {}): Promise<void> {
    // With a cache most files are hits, analysed by no one: helpers start on the first miss instead.
    const prepare = this.options.cache ? undefined : this.options.offload?.prepare?.bind(this.options.offload);
    const onFileCount = prepare && ((files: number) => {
      if (files >= OFFLOAD_MIN_FILES) prepare();
    });
    const walked = await walk(this.fs, this.rootAbs, { ...this.options, isCancelled: progress.isCancelled, onFileCount });
    if (progress.isCancelled?.()) return;
    this.skipped = new Map(walked.skipped.map((s) => [s.path, s]));
    this.pathsVersion++;
    this.manifestDirs = walked.manifestDirs;
    const seen = new Set(walked.files.map((f) => f.path));
    for (const path of [...this.files.keys()]) if (!seen.has(path)) this.deleteAnalysis(path);
    this.rootsChanged();
    let done = 0;
    const offload = this.options.offload && walked.files.length >= OFFLOAD_MIN_FILES ? this.options.offload : undefined;
    let localTurn = Promise.resolve();
    type Walked = (typeof walked.files)[number];
    // Unchanged on disk since the last scan (and not overridden by editor text): keep the analysis.
    const unchanged = (f: Walked) => f.mtime !== undefined && this.sameOnDisk(f.path, f.size, f.mtime);
    // Manifests first, to completion: a poc.yaml's `lint:` block shapes how the other files of its root are checked.
    const step = async (f: Walked) => {
      if (progress.isCancelled?.()) return;
      if (!unchanged(f)) {
        // A file analysed before stays here: the read tells whether it changed (sizeUnchanged).
        const offloadable = offload && OFFLOADED_KINDS.has(f.kind) && !this.parseKindOf(f.path) && !this.files.has(f.path);
        // With a cache the engine reads and hashes each file first, and hands only misses on.
        const offloaded = offloadable && !this.options.cache && f.size < 0 ? this.offloaded(offload, f.path, f.kind) : undefined;
        if (offloaded) await offloaded;
        else {
          // Analysis here is synchronous: one file per turn of the event loop, so the workers'
          // results come in (and they get the next files) between any two local ones.
          if (offload) await (localTurn = localTurn.then(() => offload.turn()));
          await this.readAndAnalyze(f.path, f.size, f.kind, f.mtime, undefined, offloadable ? offload : undefined);
        }
      }
      done++;
      if (done % 200 === 0) progress.onProgress?.(done, walked.files.length);
    };
    await mapLimit(walked.files.filter((f) => MANIFEST.test(f.path)), READ_CONCURRENCY, step);
    this.refreshNamedChecklists();
    const rest = walked.files.filter((f) => !MANIFEST.test(f.path));
    // The bulk (Python, notebooks) goes on a queue the workers share with this thread, which
    // first does the other files while they start on it. (With a cache the engine reads and
    // hashes each file itself first: those go one by one, misses only.)
    const queued = offload?.share && !this.options.cache ? rest.filter((f) => f.size < 0 && OFFLOADED_KINDS.has(f.kind) && !this.parseKindOf(f.path) && !this.files.has(f.path)) : [];
    const retries: Walked[] = [];
    const jobs = queued.map((f) => this.jobOf(f.path, f.kind));
    const shared = queued.length
      ? offload!.share!(jobs, (index, outcome) => {
          const f = queued[index];
          // Recorded under the options it was analysed with: a poc.yaml that appears meanwhile
          // moves the file to another root, and reanalyzeMovedFiles must see it as out of date.
          if (this.applyOffloaded(f.path, f.kind, jobs[index].options, outcome) === 'retry') retries.push(f);
          else done++;
        })
      : undefined;
    const onQueue = new Set(shared ? queued : []);
    await mapLimit(shared ? rest.filter((f) => !onQueue.has(f)) : rest, READ_CONCURRENCY, step);
    if (shared) {
      for (let i = shared.claim(), sinceTurn = 0; i >= 0; i = shared.claim()) {
        if (progress.isCancelled?.()) {
          shared.stop();
          break;
        }
        const f = queued[i];
        await this.readAndAnalyze(f.path, f.size, f.kind, f.mtime);
        done++;
        // A turn of the event loop now and then, so the workers' results are taken in as they come.
        if (++sinceTurn === 8) {
          sinceTurn = 0;
          await offload!.turn();
          progress.onProgress?.(done, walked.files.length);
        }
      }
      await shared.settled;
      for (const f of retries) if (!progress.isCancelled?.()) await this.readAndAnalyze(f.path, -1, f.kind);
      if (progress.isCancelled?.()) return;
    }
    const environments = await readEnvironments(this.fs, this.rootAbs, walked.environments, this.environmentCache);
    if (environmentsKey(environments) !== environmentsKey(this.environments)) this.forgetResults();
    this.environments = environments;
    // Policies may live outside the workspace, where no watcher sees them change: re-read on every scan.
    this.policies.clear();
    await Promise.all(this.roots().flatMap((root) => this.configFiles(root)).filter((c) => c.policy).map((c) => this.loadPolicy(c.policy!)));
    this.forgetResults();
    progress.onProgress?.(walked.files.length, walked.files.length);
  }

  private parseKindOf(path: string): 'manifest' | 'data-requirements' | undefined {
    return MANIFEST.test(path) ? 'manifest' : DATA_REQUIREMENTS.test(path) || this.namedChecklists.has(path) ? 'data-requirements' : undefined;
  }

  /**
   * Re-reads one file from the file system (created, changed on disk). With `ifStill`, the result
   * is dropped when the file's analysis changed meanwhile (newer editor text wins over a
   * background re-read).
   */
  async refreshFile(path: string, ifStill?: FileAnalysis): Promise<void> {
    try {
      const st = await this.fs.stat(join(this.rootAbs, path));
      if (st.type !== 'file') return this.removeFile(path);
      const kind = classify(path);
      const limit = sizeLimit(kind, this.options.maxFileSize);
      if (ifStill && this.files.get(path) !== ifStill) return;
      if (isReadableKind(kind) && st.size > limit) {
        this.skipOversized(path, st.size, limit);
        return;
      }
      if (basename(path) === 'poc.yaml') this.trackManifest(path, true);
      await this.readAndAnalyze(path, st.size, kind, st.mtime, ifStill);
    } catch {
      this.removeFile(path);
    }
  }

  removeFile(path: string): void {
    this.deleteAnalysis(path);
    for (const key of [...this.files.keys()]) if (key.startsWith(path + '/')) this.deleteAnalysis(key);
    for (const key of [...this.skipped.keys()]) if ((key === path || key.startsWith(path + '/')) && this.skipped.delete(key)) this.pathsVersion++;
    this.trackManifest(path, false);
  }

  /** Incremental path for an open editor: analyse unsaved text without touching the disk. */
  updateFile(path: string, text: string): void {
    const kind = classify(path);
    if (!isReadableKind(kind)) return;
    // A new poc.yaml registers its root first, so its `data_requirements:` resolves against it.
    this.trackManifest(path, true);
    this.analyze(path, text.length, kind, text, undefined, true);
  }

  /** Did the walk accept this workspace-relative path (not ignored; a file too big to read is judged by its name and size)? */
  isKnown(path: string): boolean {
    return this.files.has(path);
  }

  /** Is this path's text linted: known, and not too big to read? An editor's text of any other file is left alone. */
  lintsText(path: string): boolean {
    return this.files.has(path) && !this.isOversized(path);
  }

  /** Files read and linted: the analyses less the oversized files' name-only ones. */
  private lintedCount(): number {
    let oversized = 0;
    for (const path of this.skipped.keys()) if (this.files.has(path) && this.isOversized(path)) oversized++;
    return this.files.size - oversized;
  }

  /** Skipped as too big to read: judged by its name and size only (skipOversized), never linted from an editor's text. */
  private isOversized(path: string): boolean {
    const skip = this.skipped.get(path);
    return !!skip && isOversizedReason(skip.reason);
  }

  private trackManifest(path: string, present: boolean): void {
    if (basename(path) !== 'poc.yaml') return;
    const dir = dirname(path) === '.' ? '.' : dirname(path);
    const has = this.manifestDirs.includes(dir);
    if (present && !has) this.manifestDirs = [...this.manifestDirs, dir].sort();
    if (!present && has) this.manifestDirs = this.manifestDirs.filter((d) => d !== dir);
    if (present !== has) {
      this.rootsChanged();
      this.reanalyzeMovedFiles();
      this.refreshNamedChecklists();
    }
  }

  /** A file that could not be read or is over its size limit: skipped with the reason, no analysis (skipOversized adds a name-only one). */
  private skipUnread(path: string, reason: string): void {
    if (!this.skipped.has(path)) this.pathsVersion++;
    this.skipped.set(path, { path, reason });
    this.deleteAnalysis(path);
  }

  /**
   * Too big to read: skipped, still judged by its name and size (a 25 MB JSON of training data
   * is committed data). No time is kept, so every scan looks again and the skip stays reported.
   */
  private skipOversized(path: string, size: number, limit: number): void {
    this.skipUnread(path, oversizedReason(size, limit));
    this.setAnalysis({ path, size, kind: 'other', optionsKey: '', findings: [], facts: factsByName(path) });
  }

  /** A text-kind file with NUL bytes: skipped, still judged by its name. */
  private skipBinary(path: string, size: number, mtime?: number): void {
    if (!this.skipped.has(path)) this.pathsVersion++;
    this.skipped.set(path, { path, reason: 'binary content (NUL bytes) in a text file type' });
    this.setAnalysis({ path, size, mtime, kind: 'other', optionsKey: '', findings: [], facts: factsByName(path) });
  }

  private jobOf(path: string, kind: FileKind, text?: string): AnalysisJob {
    return { abs: join(this.rootAbs, path), path, kind, limit: sizeLimit(kind, this.options.maxFileSize), options: this.ruleOptions(path), ...(text !== undefined ? { text } : {}) };
  }

  /** Hands one file to `offload`; undefined when it has no room (the caller analyses it). */
  private offloaded(offload: Offload, path: string, kind: FileKind, read?: { text: string; contentKey: string; size: number; mtime?: number }): Promise<void> | undefined {
    const job = this.jobOf(path, kind, read?.text);
    return offload.analyze(job)?.then((outcome) => {
      if (read && !outcome.retry) {
        // The helper analysed text it was given: size and time are those of the read here.
        outcome = { ...outcome, size: read.size, mtime: read.mtime };
        if (outcome.analysis) this.options.cache?.set(path, kind, read.contentKey, optionsKeyOf(job.options), outcome.analysis);
      }
      if (this.applyOffloaded(path, kind, job.options, outcome) === 'retry') return this.readAndAnalyze(path, -1, kind);
    });
  }

  /** Records what a helper made of a file; 'retry' when it could not (the caller analyses it here). */
  private applyOffloaded(path: string, kind: FileKind, options: RuleOptions, outcome: OffloadedAnalysis): 'retry' | undefined {
    if (outcome.retry) return 'retry';
    if (outcome.unreadable !== undefined) {
      this.skipUnread(path, `unreadable: ${outcome.unreadable}`);
    } else if (outcome.oversized) {
      this.skipOversized(path, outcome.size, sizeLimit(kind, this.options.maxFileSize));
    } else if (outcome.binary || !outcome.analysis) {
      this.skipBinary(path, outcome.size, outcome.mtime);
    } else {
      this.skipped.delete(path);
      const { findings, facts, suppressions } = outcome.analysis;
      this.setAnalysis({ path, size: outcome.size, mtime: outcome.mtime, kind, optionsKey: optionsKeyOf(options), findings, facts, suppressions });
    }
    return undefined;
  }

  private async readAndAnalyze(path: string, size: number, kind: FileKind, mtime?: number, ifStill?: FileAnalysis, offload?: Offload): Promise<void> {
    if (!isReadableKind(kind)) {
      this.setAnalysis({ path, size, mtime, kind, optionsKey: '', findings: [], facts: factsByName(path) });
      return;
    }
    let bytes: Uint8Array;
    try {
      const abs = join(this.rootAbs, path);
      if (size < 0 && this.fs.readFileWithin) {
        const limit = sizeLimit(kind, this.options.maxFileSize);
        const got = await this.fs.readFileWithin(abs, limit);
        size = got.size;
        mtime = got.mtime;
        if (!got.data) {
          this.skipOversized(path, got.size, limit);
          return;
        }
        // The walk left the time to the read (no stat per file): an unchanged file keeps its analysis.
        if (!ifStill && this.sameOnDisk(path, size, mtime)) return;
        bytes = got.data;
      } else bytes = await this.fs.readFile(abs);
    } catch (err) {
      this.skipUnread(path, `unreadable: ${(err as Error).message}`);
      return;
    }
    if (ifStill && this.files.get(path) !== ifStill) return;
    // A binary key bundle (.p12) is still judged by its name.
    const decoded = decodeText(bytes) ?? (kind === 'keyfile' ? { text: '', lossy: true } : undefined);
    if (!decoded) {
      this.skipBinary(path, size, mtime);
      return;
    }
    this.skipped.delete(path);
    const cache = this.options.cache;
    const contentKey = cache?.keyOf(bytes);
    const cached = contentKey !== undefined ? { contentKey, analysis: cache!.get(path, kind, contentKey, optionsKeyOf(this.ruleOptions(path))) } : undefined;
    if (cached && !cached.analysis && offload) {
      const offloaded = this.offloaded(offload, path, kind, { text: decoded.text, contentKey: cached.contentKey, size, mtime });
      if (offloaded) return offloaded;
    }
    this.analyze(path, size, kind, decoded.text, mtime, false, cached);
  }

  /** The file's analysis was made from a file of this size and time, under today's options. */
  private sameOnDisk(path: string, size: number, mtime: number | undefined): boolean {
    const known = this.files.get(path);
    return (
      !!known &&
      mtime !== undefined &&
      known.mtime === mtime &&
      known.size === size &&
      known.optionsKey === optionsKeyOf(this.ruleOptions(path)) &&
      known.manifest?.kind === this.parseKindOf(path)
    );
  }

  private analyze(path: string, size: number, kind: FileKind, text: string, mtime?: number, fromEditor = false, cached?: { contentKey: string; analysis?: TextAnalysis }): FileAnalysis {
    const options = this.ruleOptions(path);
    const optionsKey = optionsKeyOf(options);
    const previous = this.files.get(path);
    const wanted = this.parseKindOf(path);
    if (previous && previous.text === text && previous.optionsKey === optionsKey && previous.manifest?.kind === wanted) {
      previous.mtime = mtime;
      return previous;
    }
    // From the cache when the content and the options are those of an earlier run.
    const fresh = cached?.analysis ?? analyzeText(path, kind, text, options);
    if (cached && !cached.analysis) this.options.cache?.set(path, kind, cached.contentKey, optionsKey, fresh);
    const { findings, facts, suppressions } = fresh;
    const analysis: FileAnalysis = { path, size, mtime, kind, optionsKey, findings, facts, suppressions };
    if (wanted) analysis.manifest = parseManifest(path, text, wanted);
    if (basename(path) === 'pyproject.toml') analysis.toolConfig = parsePyprojectConfig(text);
    // A shared policy inside the workspace was edited: re-read the chains that include it (the old
    // chain applies until then, so findings do not flicker).
    const abs = join(this.rootAbs, path);
    for (const [key, chain] of this.policies) {
      if (chain.files.includes(abs)) this.inBackground(this.loadPolicy(key, true).then(() => this.forgetResults()));
    }
    // Text is kept only where it is needed again: manifests and files the editor owns (to skip
    // re-analysing an unchanged buffer). Everything else lives on as findings and facts.
    if (fromEditor || analysis.manifest) analysis.text = text;
    this.setAnalysis(analysis);
    if (analysis.manifest?.kind === 'manifest') this.refreshNamedChecklists();
    return analysis;
  }

  /**
   * A poc.yaml may name its checklist (`data_requirements:`): that file is parsed as one, and a
   * file no longer named stops being one.
   */
  private refreshNamedChecklists(): void {
    const named = new Set<string>();
    for (const dir of this.manifestDirs) {
      const data = this.files.get(dir === '.' ? 'poc.yaml' : `${dir}/poc.yaml`)?.manifest?.data;
      if (typeof data?.data_requirements === 'string') named.add(join(dir, data.data_requirements));
    }
    const previous = this.namedChecklists;
    this.namedChecklists = named;
    const changed = [...named].filter((p) => !previous.has(p)).concat([...previous].filter((p) => !named.has(p)));
    for (const path of changed) {
      const a = this.files.get(path);
      if (!a || !isReadableKind(a.kind)) continue;
      if (a.text !== undefined) this.analyze(path, a.size, a.kind, a.text, a.mtime);
      else this.inBackground(this.refreshFile(path, a));
    }
  }

  /** The PoC roots changed (a poc.yaml appeared or went): files whose root name moved are checked again. */
  private reanalyzeMovedFiles(): void {
    for (const a of [...this.files.values()]) {
      if (!isReadableKind(a.kind) || optionsKeyOf(this.ruleOptions(a.path)) === a.optionsKey) continue;
      if (a.text !== undefined) this.analyze(a.path, a.size, a.kind, a.text, a.mtime);
      else this.inBackground(this.refreshFile(a.path, a));
    }
  }

  private inBackground(work: Promise<void>): void {
    const p = work.finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  private setAnalysis(analysis: FileAnalysis): void {
    const fresh = !this.files.has(analysis.path);
    if (fresh) this.pathsVersion++;
    this.files.set(analysis.path, analysis);
    const at = this.grouping?.at.get(analysis.path);
    if (fresh || !at) this.grouping = undefined;
    else at.list[at.i] = analysis;
    this.touch(analysis.path);
  }

  private deleteAnalysis(path: string): void {
    if (!this.files.delete(path)) return;
    this.pathsVersion++;
    this.grouping = undefined;
    this.touch(path);
  }

  private touch(path: string): void {
    const key = this.rootOf(path) ?? SHARED;
    this.versions.set(key, (this.versions.get(key) ?? 0) + 1);
  }

  /** Every root's cached result, and the outside findings, are computed afresh at the next evaluate. */
  private forgetResults(): void {
    this.rootResults.clear();
    this.outsideResult = undefined;
  }

  private rootsChanged(): void {
    this.grouping = undefined;
    this.forgetResults();
    this.repoOutcomes.clear();
  }

  private groups(): NonNullable<Engine['grouping']> {
    if (this.grouping) return this.grouping;
    const byRoot = new Map<string, FileAnalysis[]>(this.roots().map((r) => [r, []]));
    const shared: FileAnalysis[] = [];
    const outside: FileAnalysis[] = [];
    const at = new Map<string, { list: FileAnalysis[]; i: number }>();
    // Files outside every PoC root (a shared library beside several PoCs) belong to no PoC's
    // score, but their findings are reported (`outside`). Repository-level files outside every
    // root (CI configs, .gitattributes, a top-level requirements or lock file in a monorepo)
    // also serve the PoCs below their folder (`sharedWith`).
    // Path order, not the order reads happened to finish in: results must not depend on timing.
    const sorted = [...this.files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const analysis of sorted) {
      const root = this.rootOf(analysis.path);
      if (!root) {
        // Not indexed in `at`: a keystroke in such a file regroups (rare, and the lists are short).
        outside.push(analysis);
        if (analysis.facts.ci || analysis.facts.lfsPatterns || analysis.facts.deps || analysis.facts.gitignore) shared.push(analysis);
        continue;
      }
      const list = byRoot.get(root)!;
      at.set(analysis.path, { list, i: list.length });
      list.push(analysis);
    }
    return (this.grouping = { byRoot, shared, outside, at });
  }

  /** Plain data of a PoC root's poc.yaml (undefined when absent or not valid YAML), for reports. */
  manifestData(root: string): unknown {
    return this.files.get(root === '.' ? 'poc.yaml' : `${root}/poc.yaml`)?.manifest?.data;
  }

  /** PoC roots: every folder with a poc.yaml, else the workspace root. */
  roots(): string[] {
    return this.manifestDirs.length ? this.manifestDirs : WORKSPACE_ROOT_ONLY;
  }

  rootOf(path: string): string | undefined {
    // Memoised per set of roots (manifestDirs is replaced, never mutated, when it changes):
    // evaluate() asks for every file on every keystroke.
    const roots = this.roots();
    if (this.rootOfFor !== roots) {
      this.rootOfCache.clear();
      this.rootOfFor = roots;
      this.rootSetFor = undefined;
    }
    const cached = this.rootOfCache.get(path);
    if (cached !== undefined || this.rootOfCache.has(path)) return cached;
    // The deepest root among the path and its folders, else the workspace root when it is one:
    // a look-up per folder of the path, not a comparison with every root.
    const rootSet = (this.rootSetFor ??= new Set(roots));
    let best: string | undefined = rootSet.has(path) ? path : undefined;
    for (let cut = path.lastIndexOf('/'); best === undefined && cut > 0; cut = path.lastIndexOf('/', cut - 1)) {
      const folder = path.slice(0, cut);
      if (rootSet.has(folder)) best = folder;
    }
    if (best === undefined && rootSet.has('.')) best = '.';
    this.rootOfCache.set(path, best);
    return best;
  }

  private ruleOptions(path: string): RuleOptions {
    // Only the root's name shapes a file's own analysis (local-path's repository-relative
    // suggestion); configuration applies in evaluate.
    const root = this.rootOf(path) ?? '.';
    return { localPathAllow: [], rootName: basename(root === '.' ? this.rootAbs : root) };
  }

  /** Repository rules, severities and scores from the cached analyses. Cheap: no I/O, no parsing. */
  evaluate(): LintResult {
    const roots = this.roots();
    const { byRoot, shared, outside } = this.groups();
    // Rule failures are reported per evaluation, so repeated evaluations do not pile them up.
    const ruleFailures: Skip[] = [];
    const results: RootResult[] = roots.map((root) => this.evaluateRootCached(root, byRoot.get(root)!, shared.filter((a) => sharedWith(a, root)), ruleFailures));
    // Path order, not the order reads happened to finish in (workers, concurrency).
    const skipped = [...[...this.skipped.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), ...ruleFailures].map((s) => ({ ...s, reason: redactText(s.reason) }));
    const outsideFindings = outside.length ? this.outsideFindings(outside) : [];
    return { roots: results, ...(outsideFindings.length ? { outside: outsideFindings } : {}), skipped, filesLinted: this.lintedCount() };
  }

  /**
   * The file rules' findings in files outside every PoC root, under the workspace's own
   * configuration. Kept while no such file changed (SHARED version; the workspace's pyproject.toml
   * is one of them), the settings are the same and nothing dropped the results (a shared policy
   * read, new environments, new roots): a keystroke in a PoC re-evaluates that PoC only.
   */
  private outsideFindings(analyses: FileAnalysis[]): Finding[] {
    const key = { version: this.versions.get(SHARED) ?? 0, overrides: this.overrides, grouping: this.grouping };
    const hit = this.outsideResult;
    if (hit && hit.version === key.version && hit.overrides === key.overrides && hit.grouping === key.grouping) return hit.findings;
    const { config } = this.configOf('.');
    const ig = config.ignore.length ? ignore().add(config.ignore) : undefined;
    const findings: Finding[] = [];
    this.pushFileFindings(ig ? analyses.filter((a) => !ig.ignores(a.path)) : analyses, config, findings);
    findings.sort(compareFindings);
    this.outsideResult = { ...key, findings };
    return findings;
  }

  /**
   * evaluateRoot, skipped when nothing it reads changed since the last evaluation of this root:
   * no file of the root nor any shared file changed (version counters), and the same settings,
   * data-requirements file and day. A keystroke then re-evaluates only the root of the edited file.
   */
  private evaluateRootCached(root: string, analyses: FileAnalysis[], shared: FileAnalysis[], ruleFailures: Skip[]): RootResult {
    const manifest = this.files.get(root === '.' ? 'poc.yaml' : `${root}/poc.yaml`)?.manifest;
    const dataReqName = typeof manifest?.data?.data_requirements === 'string' ? manifest.data.data_requirements : undefined;
    const dataReq = dataReqName ? this.files.get(join(root, dataReqName)) : undefined;
    const day = utcDayKey(this.options.today ?? new Date());
    const hit = this.rootResults.get(root);
    if (
      hit &&
      hit.overrides === this.overrides &&
      hit.day === day &&
      hit.dataReq === dataReq &&
      hit.version === (this.versions.get(root) ?? 0) &&
      hit.sharedVersion === (this.versions.get(SHARED) ?? 0)
    ) {
      ruleFailures.push(...hit.failures);
      return hit.result;
    }
    const failures: Skip[] = [];
    const result = this.evaluateRoot(root, analyses, shared, failures);
    ruleFailures.push(...failures);
    this.rootResults.set(root, { version: this.versions.get(root) ?? 0, sharedVersion: this.versions.get(SHARED) ?? 0, overrides: this.overrides, day, dataReq, result, failures });
    return result;
  }

  /**
   * The effective configuration of a PoC root and the layers it was merged from (lowest
   * precedence first); `problems` are broken `extends` chains.
   */
  configOf(root: string): { config: LintConfig; layers: ConfigLayer[]; problems: ConfigProblem[] } {
    // Every shared policy sits below every file of the root, whichever file names it.
    const policies: ConfigLayer[] = [];
    const layers: ConfigLayer[] = [];
    const problems: ConfigProblem[] = [];
    for (const ref of this.configFiles(root)) {
      if (ref.policy) {
        const chain = this.policies.get(ref.policy);
        if (chain) {
          policies.push(...chain.layers);
          if (chain.error) problems.push({ file: ref.file, range: ref.range, message: `extends: ${chain.error}; the shared policy is not fully applied` });
        } else if (!this.policiesLoading.has(ref.policy)) {
          // Named by an edit in the editor: read in the background, then evaluate again.
          this.inBackground(this.loadPolicy(ref.policy).then(() => this.forgetResults()));
        }
      }
      if (ref.parsed?.layer) layers.push({ source: basename(ref.file) === 'pyproject.toml' ? 'pyproject.toml' : 'poc.yaml', ...ref.parsed.layer });
    }
    layers.unshift(...policies);
    if (this.overrides) layers.push(overridesLayer(this.overrides, this.options.overridesSource));
    return { config: mergeLayers(layers), layers, problems };
  }

  /** The root's pyproject.toml `[tool.poc-readiness]`, then its poc.yaml `lint:` (increasing precedence). */
  private configFiles(root: string): ConfigFileRef[] {
    const out: ConfigFileRef[] = [];
    const firstLine = { line: 1, column: 1, endLine: 1, endColumn: 2 };
    const pyprojectPath = join(root, 'pyproject.toml');
    const tool = this.files.get(pyprojectPath)?.toolConfig;
    if (tool) {
      const line = tool.extendsLine ?? 1;
      out.push({ file: pyprojectPath, parsed: tool, policy: tool.extends ? this.policyPath(pyprojectPath, tool.extends) : undefined, range: { line, column: 1, endLine: line, endColumn: 2 } });
    }
    const manifestPath = join(root, 'poc.yaml');
    const manifest = this.files.get(manifestPath)?.manifest;
    if (manifest?.data) {
      const lint = manifest.data.lint;
      const ref = lint && typeof lint === 'object' && typeof lint.extends === 'string' ? (lint.extends as string) : undefined;
      out.push({
        file: manifestPath,
        parsed: { layer: layerFromObject(lint) },
        policy: ref ? this.policyPath(manifestPath, ref) : undefined,
        range: ref ? manifest.locate(['lint', 'extends'], true) : firstLine,
      });
    }
    return out;
  }

  private policyPath(fromFile: string, ref: string): string {
    return ref.startsWith('/') ? normalize(ref) : normalize(join(this.rootAbs, dirname(fromFile), ref));
  }

  /** Reads a policy and what it extends (cycles and depth bounded); never throws. */
  private async loadPolicy(abs: string, reload = false): Promise<void> {
    if ((!reload && this.policies.has(abs)) || this.policiesLoading.has(abs)) return;
    this.policiesLoading.add(abs);
    const chain: PolicyChain = { layers: [], files: [] };
    const seen: string[] = [];
    let next: string | undefined = abs;
    try {
      while (next) {
        const at: string = next;
        next = undefined;
        if (seen.includes(at)) {
          chain.error = `extends cycle: ${[...seen, at].map((p) => displayPolicy(this.rootAbs, p)).join(' -> ')}`;
          break;
        }
        if (seen.length >= POLICY_MAX_DEPTH) {
          chain.error = `extends chain deeper than ${POLICY_MAX_DEPTH} policies`;
          break;
        }
        seen.push(at);
        chain.files.push(at);
        let text: string;
        try {
          const st = await this.fs.stat(at);
          if (st.type !== 'file') throw new Error('not a file');
          if (st.size > POLICY_MAX_BYTES) throw new Error(oversizedReason(st.size, POLICY_MAX_BYTES));
          const decoded = decodeText(await this.fs.readFile(at));
          if (!decoded) throw new Error('binary content');
          text = decoded.text;
        } catch (err) {
          chain.error = `cannot read ${displayPolicy(this.rootAbs, at)}: ${(err as { code?: string }).code ?? (err as Error).message}`;
          break;
        }
        const parsed = parsePolicy(at, text);
        if (parsed.error) {
          chain.error = `${displayPolicy(this.rootAbs, at)}: ${parsed.error}`;
          break;
        }
        // The policy it extends sits below it.
        chain.layers.unshift({ source: `policy ${displayPolicy(this.rootAbs, at)}`, ...parsed.layer! });
        if (parsed.extends) next = parsed.extends.startsWith('/') ? normalize(parsed.extends) : normalize(join(dirname(at), parsed.extends));
      }
    } finally {
      this.policies.set(abs, chain);
      this.policiesLoading.delete(abs);
    }
  }

  /** The file rules' findings of these files, under `config` (severities, allow-list, inline ignores). */
  private pushFileFindings(analyses: readonly FileAnalysis[], config: LintConfig, findings: Finding[]): void {
    const severityOf = (rule: Rule) => severityIn(config, rule);
    const allowed = (raw: RawFinding) =>
      raw.ruleId === 'local-path' && typeof raw.data?.path === 'string' && config.localPathAllow.some((prefix) => prefix && (raw.data!.path as string).startsWith(prefix));
    for (const a of analyses) {
      for (const raw of a.findings) {
        if (allowed(raw) || (raw.suppressed && config.allowInlineIgnore)) continue;
        const rule = RULES_BY_ID.get(raw.ruleId)!;
        const severity = severityOf(rule);
        if (severity === 'off') continue;
        // The finding of an unchanged file is the same object as in the last evaluation: a
        // keystroke re-evaluates the PoC without masking every other file's messages again.
        const known = FILE_FINDINGS.get(raw);
        if (known && known.severity === severity && known.file === a.path) {
          findings.push(known.finding);
          continue;
        }
        const message = raw.suppressed ? raw.message + FORBIDDEN : raw.message;
        const finding = redactFinding({ ruleId: rule.id, pillar: rule.pillar, severity, file: a.path, ...raw.range, ...(raw.cell !== undefined ? { cell: raw.cell } : {}), ...(raw.rawLine ? { rawLine: raw.rawLine } : {}), ...(raw.rawColumns ? { rawColumns: raw.rawColumns } : {}), message, ...(raw.data ? { data: raw.data } : {}), ...(raw.lineHash ? { fingerprint: raw.lineHash } : {}) });
        FILE_FINDINGS.set(raw, { severity, file: a.path, finding });
        findings.push(finding);
      }
    }
  }

  private evaluateRoot(root: string, analyses: FileAnalysis[], shared: FileAnalysis[], ruleFailures: Skip[]): RootResult {
    const manifestPath = root === '.' ? 'poc.yaml' : `${root}/poc.yaml`;
    const manifest = this.files.get(manifestPath)?.manifest;
    const { config, problems } = this.configOf(root);
    const ig = config.ignore.length ? ignore().add(config.ignore) : undefined;
    const own = analyses.filter((a) => !ig || !ig.ignores(relative(root, a.path)));
    // Shared files sit outside every root, so lint.ignore (relative to the root) cannot match them.
    const inScope = [...own, ...shared];

    const dataReqName = typeof manifest?.data?.data_requirements === 'string' ? manifest.data.data_requirements : undefined;
    const dataReqPath = dataReqName ? join(root, dataReqName) : undefined;
    let dataRequirements = dataReqPath ? this.files.get(dataReqPath)?.manifest : undefined;
    // A checklist named in poc.yaml is the only one that counts; otherwise the root's own, then any in the root.
    if (!dataRequirements && !dataReqPath) {
      dataRequirements = inScope.find((a) => a.manifest?.kind === 'data-requirements' && dirname(a.path) === root)?.manifest
        ?? own.find((a) => a.manifest?.kind === 'data-requirements')?.manifest;
    }

    const severityOf = (rule: Rule) => severityIn(config, rule);
    const findings: Finding[] = [];
    const push = (rule: Rule, f: Omit<Finding, 'ruleId' | 'pillar' | 'severity'>) => {
      const severity = severityOf(rule);
      if (severity === 'off') return;
      // The one door every finding leaves by: secrets in messages and data are masked here.
      findings.push(redactFinding({ ruleId: rule.id, pillar: rule.pillar, severity, ...f }));
    };

    for (const p of problems) push(RULES_BY_ID.get('invalid-file')!, { file: p.file, ...p.range, message: p.message, fingerprint: messageFingerprint(p.message) });

    this.pushFileFindings(own, config, findings);

    const rootFiles: RootFile[] = inScope.map((a) => ({ path: a.path, rel: relative(root, a.path), size: a.size, kind: a.kind, facts: a.facts }));
    const ctx: RepoContext = { root, files: rootFiles, manifest, dataRequirements, config, environments: this.environments, today: this.options.today ?? new Date(), workspacePaths: () => [...this.files.keys(), ...this.skipped.keys()] };
    const inputs: RepoInputs = { files: rootFiles, manifest, dataRequirements, environments: this.environments, config: JSON.stringify(config), day: ctx.today.toDateString(), paths: this.pathsVersion };
    let outcomes = this.repoOutcomes.get(root);
    if (!outcomes) this.repoOutcomes.set(root, (outcomes = new Map()));
    for (const rule of REPO_RULES) {
      if (severityOf(rule) === 'off') continue;
      try {
        const take = (r: RepoReport) => {
          const lines = r.file && r.range ? this.files.get(r.file)?.suppressions : undefined;
          // A rule that reuses its reports between evaluations (import-undeclared) gets its
          // findings back as they were, while nothing that shapes them changed.
          const severity = severityOf(rule);
          const known = REPO_FINDINGS.get(r);
          if (known && known.severity === severity && known.lines === lines && known.allowInlineIgnore === config.allowInlineIgnore) {
            if (known.finding) findings.push(known.finding);
            return;
          }
          let message = r.message;
          let suppressed = false;
          if (lines && isSuppressedAt(lines, r.range!.line, rule.id, r.cell)) {
            if (config.allowInlineIgnore) suppressed = true;
            else message += FORBIDDEN;
          }
          const before = findings.length;
          if (!suppressed) push(rule, { ...(r.file ? { file: r.file } : {}), ...(r.range ?? {}), ...(r.cell !== undefined ? { cell: r.cell } : {}), ...(r.rawLine !== undefined ? { rawLine: r.rawLine } : {}), message, ...(r.data ? { data: r.data } : {}), fingerprint: messageFingerprint(r.fingerprintText ?? r.message) });
          REPO_FINDINGS.set(r, { severity, lines, allowInlineIgnore: config.allowInlineIgnore, finding: findings.length > before ? findings[findings.length - 1] : undefined });
        };
        const last = rule.reads ? outcomes.get(rule.id) : undefined;
        if (last && sameInputs(last.inputs, inputs, rule.reads!)) {
          // Kept with the newest inputs: the next comparison finds the same file objects.
          last.inputs = inputs;
          if (last.notApplicable === undefined) last.reports.forEach(take);
          continue;
        }
        // A rule whose subject does not exist is not applicable, and says nothing (issue: no
        // owner-missing without a poc.yaml: manifest-missing is the one finding that says so).
        const notApplicable = rule.notApplicable?.(ctx);
        const reports: RepoReport[] = [];
        if (rule.reads) outcomes.set(rule.id, { inputs, notApplicable, reports });
        if (notApplicable !== undefined) continue;
        rule.check(ctx, (r) => {
          if (rule.reads) reports.push(r);
          take(r);
        });
      } catch (err) {
        outcomes.delete(rule.id);
        // A rule bug must not take the whole lint down; surface it as a skip with its reason.
        ruleFailures.push({ path: root, reason: `rule ${rule.id} failed: ${(err as Error).message}` });
      }
    }

    findings.sort(compareFindings);
    const rules = ruleOutcomes(RULES, ctx, severityOf, findings);
    return { root, score: computeScore(rules, levelEvidence(rootFiles), RULE_TITLES), findings, anchor: anchorOf(root, analyses), rules };
  }
}

/** What a repository rule that declares `reads` may depend on, as of one evaluation. */
interface RepoInputs {
  files: readonly RootFile[];
  manifest?: ManifestInfo;
  dataRequirements?: ManifestInfo;
  environments: readonly PythonEnvironment[];
  /** The merged configuration, serialized (a fresh object at every evaluation). */
  config: string;
  day: string;
  paths: number;
}

interface RepoOutcome {
  inputs: RepoInputs;
  notApplicable?: string;
  reports: RepoReport[];
}

/**
 * Did nothing a rule reads change? Unchanged files keep their facts object, so most files cost
 * one comparison; a re-analysed file compares the listed facts by value.
 */
function sameInputs(a: RepoInputs, b: RepoInputs, reads: ReadonlyArray<keyof FileFacts | 'size'>): boolean {
  if (a.manifest !== b.manifest || a.dataRequirements !== b.dataRequirements || a.environments !== b.environments || a.config !== b.config || a.day !== b.day || a.paths !== b.paths) return false;
  if (a.files === b.files) return true;
  if (a.files.length !== b.files.length) return false;
  for (let i = 0; i < a.files.length; i++) {
    const x = a.files[i];
    const y = b.files[i];
    if (x.path !== y.path || x.kind !== y.kind) return false;
    if (x.facts === y.facts && x.size === y.size) continue;
    for (const key of reads) {
      if (key === 'size') {
        if (x.size !== y.size) return false;
      } else if (x.facts[key] !== y.facts[key] && JSON.stringify(x.facts[key]) !== JSON.stringify(y.facts[key])) return false;
    }
  }
  return true;
}

const RULES_BY_ID = new Map(RULES.map((r) => [r.id, r]));
const RULE_TITLES = new Map(RULES.map((r) => [r.id, r.title]));
const POLICY_MAX_DEPTH = 8;
const POLICY_MAX_BYTES = 256 * 1024;

/** A policy and, lowest first, the policies it extends; `error` when the chain is broken. */
interface PolicyChain {
  layers: ConfigLayer[];
  error?: string;
  /** Absolute paths of the policy files read, so an edit to one of them re-reads the chain. */
  files: string[];
}

interface ConfigFileRef {
  file: string;
  parsed?: ParsedConfigFile;
  /** Absolute path of the policy it extends. */
  policy?: string;
  /** Where the `extends` reference (or the file's own problem) is shown. */
  range: { line: number; column: number; endLine: number; endColumn: number };
}

export interface ConfigProblem {
  file: string;
  range: { line: number; column: number; endLine: number; endColumn: number };
  message: string;
}

function environmentsKey(envs: readonly PythonEnvironment[]): string {
  return envs.map((e) => `${e.path}:${e.distributions.map((d) => `${d.name}@${d.version ?? ''}`).join(',')}`).join('|');
}
const WORKSPACE_ROOT_ONLY = ['.'];

/** A policy path as a person reads it: relative to the workspace when inside it. */
function displayPolicy(rootAbs: string, abs: string): string {
  const prefix = rootAbs.endsWith('/') ? rootAbs : rootAbs + '/';
  return abs.startsWith(prefix) ? abs.slice(prefix.length) : abs;
}

/** Version key of the files outside every root. */
const SHARED = '\u0000shared';

/** Appended to a finding whose inline ignore a shared policy does not allow. */
const FORBIDDEN = ' (poc-readiness-ignore is not honoured: the shared policy sets allow_inline_ignore: false)';

function severityIn(config: LintConfig, rule: Rule): SeveritySetting {
  return config.rules[rule.id] ?? rule.severity;
}

/**
 * Does a repository-level file outside every root serve this PoC? A CI config serves every PoC
 * (CI lives at the top, whatever it builds); a dependency, ignore or attributes file serves the
 * PoCs below its own folder, not a sibling folder's.
 */
function sharedWith(analysis: FileAnalysis, root: string): boolean {
  return !!analysis.facts.ci || isInside(dirname(analysis.path), root);
}

interface RootCacheEntry {
  version: number;
  sharedVersion: number;
  overrides: LintOverrides | undefined;
  day: string;
  dataReq: FileAnalysis | undefined;
  result: RootResult;
  failures: Skip[];
}


/**
 * What of "today" the repository rules can see. decision-overdue compares it with decide-by dates
 * (a string date means 23:59:59Z of that day, a YAML date midnight) and counts calendar days:
 * the result only changes when one of these three day counters moves.
 */
function utcDayKey(d: Date): string {
  const t = d.getTime();
  const DAY = 86_400_000;
  return `${Math.floor(t / DAY)}|${Math.floor((t - 1) / DAY)}|${Math.floor((t - 86_399_001) / DAY)}`;
}


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

/** What one file's text yields, independent of any engine state (pure: no I/O, no caches). */
export interface TextAnalysis {
  findings: RawFinding[];
  facts: FileFacts;
  suppressions?: Map<string, string>;
}

/**
 * Never throws: whatever a parser, a rule or the facts extraction throws on this file becomes an
 * `invalid-file` finding for it, so one bad file costs only its own findings — in the CLI, the
 * extension and the language server alike (they all come through here).
 */
export function analyzeText(path: string, kind: FileKind, text: string, options: RuleOptions): TextAnalysis {
  const findings: RawFinding[] = [];
  const failed = (what: string, err: unknown): void => {
    findings.push({ ruleId: 'invalid-file', range: FIRST_CHARACTER, message: `${what}: ${errorLine(err)}` });
  };
  let parsed: ParsedFile;
  try {
    parsed = parseFile(path, text);
  } catch (err) {
    failed('This file could not be parsed, so no rule checked it', err);
    return { findings, facts: { evidence: [] } };
  }
  for (const rule of FILE_RULES) {
    if (rule.kinds.includes(kind)) runFileRule(rule, parsed, options, findings);
  }
  let facts: FileFacts = { evidence: [] };
  try {
    facts = extractFacts(parsed);
  } catch (err) {
    failed('What this file declares (CI steps, dependencies, Dockerfile) could not be read', err);
  }
  const result: TextAnalysis = { findings, facts };
  try {
    if (text.includes('poc-readiness-ignore')) result.suppressions = suppressionLines(parsed, parsed.kind === 'notebook');
  } catch (err) {
    failed('The poc-readiness-ignore comments of this file could not be read', err);
  }
  return result;
}

const FIRST_CHARACTER = { line: 1, column: 1, endLine: 1, endColumn: 2 };

function errorLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}

/**
 * Findings one rule lists for one file; past it, one finding says how many more there are. A
 * hostile or generated file (60,000 unpinned lines) would otherwise cost hundreds of MB in
 * findings and output, and nobody reads past the first few hundred.
 */
export const MAX_FINDINGS_PER_RULE_AND_FILE = 500;

function runFileRule(rule: FileRule, parsed: ParsedFile, options: RuleOptions, out: RawFinding[]): void {
  let listed = 0;
  let omitted = 0;
  let firstOmitted: RawFinding['range'] | undefined;
  try {
    rule.check(
      parsed,
      (r) => {
        const lines = r.cell !== undefined ? parsed.segments.find((s) => s.cell === r.cell)?.lines ?? parsed.lines : parsed.lines;
        if (listed >= MAX_FINDINGS_PER_RULE_AND_FILE) {
          if (!omitted++) firstOmitted = r.cell === undefined ? r.range : undefined;
          return;
        }
        listed++;
        const rawLine = r.cell !== undefined ? parsed.notebook?.cells[r.cell]?.rawLines?.[r.range.line - 1] : undefined;
        // Where it sits in the .ipynb text itself, for clients that show the notebook as JSON.
        const rawColumns = rawLine !== undefined && rawLine <= parsed.lines.lineCount ? rawColumnsOf(parsed.lines.lineText(rawLine).replace(/\r$/, ''), r.range.column, r.range.endColumn, r.range.endLine === r.range.line) : undefined;
        const lineHash = lineFingerprint(r.range.line <= lines.lineCount ? lines.lineText(r.range.line) : '');
        out.push({ ruleId: rule.id, range: r.range, cell: r.cell, rawLine, ...(rawColumns ? { rawColumns } : {}), message: r.message, data: r.data, lineHash, ...(isSuppressed(lines, r.range.line, rule.id) ? { suppressed: true as const } : {}) });
      },
      options,
    );
  } catch (err) {
    out.push({ ruleId: 'invalid-file', range: FIRST_CHARACTER, message: `${rule.id} could not check this file: ${errorLine(err)}` });
  }
  if (omitted) {
    out.push({ ruleId: rule.id, range: firstOmitted ?? FIRST_CHARACTER, message: `${omitted} more ${rule.id} finding${omitted === 1 ? '' : 's'} in this file are not listed (the first ${MAX_FINDINGS_PER_RULE_AND_FILE} are)` });
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

/** One-shot lint of a folder, as the CLI does it. */
export async function lintWorkspace(fs: FileSystem, rootAbs: string, options: EngineOptions = {}): Promise<LintResult> {
  return new Engine(fs, rootAbs, options).lintWorkspace();
}
