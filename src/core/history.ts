// Readiness over time, pure: the score and level of every PoC root at sampled commits. The
// face hands in the commits and, per commit, the files that changed (path → blob id); the
// files live in a TreeFileSystem (an in-memory FileSystem of blob ids, read on demand) and
// one Engine is reused across commits, so a commit costs what changed: a file whose blob did
// not change keeps its analysis (same size and "mtime", the commit it last changed in).

import { Engine } from './engine';
import type { DirEntry, FileStat, FileSystem } from './fs';
import type { RepositoryInfo } from './portfolio';
import type { Level } from './types';

export type Every = 'commit' | 'day' | 'week';
export const EVERY: readonly Every[] = ['commit', 'day', 'week'];

export interface CommitRef {
  commit: string;
  /** ISO 8601 committer date. */
  date: string;
}

export interface HistoryPoint extends CommitRef {
  roots: Array<{ root: string; total: number; level: Level }>;
}

/** What `poc-readiness history --format json` prints. */
export interface HistoryReport {
  version: 1;
  repository?: Pick<RepositoryInfo, 'name' | 'url'>;
  every: Every;
  /** Date of the repository's first commit (absent when --since cut the history). */
  firstCommitDate?: string;
  points: HistoryPoint[];
}

export function isHistoryReport(json: unknown): json is HistoryReport {
  const j = json as HistoryReport;
  return !!j && typeof j === 'object' && j.version === 1 && Array.isArray(j.points);
}

/** One changed path at a commit: its new blob, or null when it was deleted. */
export interface TreeChange {
  path: string;
  blob: string | null;
}

export interface BlobSource {
  size(blob: string): Promise<number>;
  read(blob: string): Promise<Uint8Array>;
}

/** The last commit of each UTC day or ISO week (Monday start), or every commit; oldest first. */
export function sampleCommits(commits: readonly CommitRef[], every: Every): CommitRef[] {
  if (every === 'commit') return [...commits];
  const bucket = (iso: string) => {
    const t = Date.parse(iso);
    const day = Math.floor(t / 86_400_000);
    // 1970-01-01 was a Thursday: shift so that weeks start on Monday.
    return every === 'day' ? day : Math.floor((day + 3) / 7);
  };
  const out: CommitRef[] = [];
  for (let i = 0; i < commits.length; i++) {
    const next = commits[i + 1];
    if (!next || bucket(next.date) !== bucket(commits[i].date)) out.push(commits[i]);
  }
  return out;
}

/**
 * What changed between consecutive sampled commits, composed from each commit's own changes
 * (last change of a path wins). `commits` holds every commit in order, `sampled` a subset.
 */
export function changesBetweenSamples(commits: ReadonlyArray<CommitRef & { changes: readonly TreeChange[] }>, sampled: readonly CommitRef[]): Map<string, TreeChange[]> {
  const wanted = new Set(sampled.map((c) => c.commit));
  const out = new Map<string, TreeChange[]>();
  let pending = new Map<string, string | null>();
  for (const c of commits) {
    for (const change of c.changes) pending.set(change.path, change.blob);
    if (!wanted.has(c.commit)) continue;
    out.set(c.commit, [...pending].map(([path, blob]) => ({ path, blob })));
    pending = new Map();
  }
  return out;
}

interface Entry {
  blob: string;
  /** Index of the sampled commit the blob last changed at: the Engine's change detector. */
  version: number;
  size?: number;
}

/** A git tree as a FileSystem, rooted at `root` ("/repo"). Blobs are read only when the Engine reads a file. */
export class TreeFileSystem implements FileSystem {
  private readonly entries = new Map<string, Entry>();
  private readonly dirs = new Map<string, Map<string, DirEntry['type']>>();
  /** Blob reads (files the Engine analysed). */
  reads = 0;

  constructor(readonly root: string, private readonly blobs: BlobSource) {
    this.dirs.set(root, new Map());
  }

  apply(changes: readonly TreeChange[], version: number): void {
    for (const c of changes) {
      const abs = `${this.root}/${c.path}`;
      if (c.blob === null) this.remove(abs);
      else {
        const prev = this.entries.get(abs);
        if (prev?.blob === c.blob) continue;
        this.entries.set(abs, { blob: c.blob, version });
        this.link(abs);
      }
    }
  }

  private link(abs: string): void {
    let child = abs;
    let type: DirEntry['type'] = 'file';
    while (child !== this.root) {
      const parent = child.slice(0, child.lastIndexOf('/'));
      let listing = this.dirs.get(parent);
      const known = !!listing;
      if (!listing) this.dirs.set(parent, (listing = new Map()));
      listing.set(child.slice(parent.length + 1), type);
      if (known) return;
      child = parent;
      type = 'directory';
    }
  }

  private remove(abs: string): void {
    if (!this.entries.delete(abs)) return;
    let child = abs;
    while (child !== this.root) {
      const parent = child.slice(0, child.lastIndexOf('/'));
      const listing = this.dirs.get(parent)!;
      listing.delete(child.slice(parent.length + 1));
      if (listing.size || parent === this.root) return;
      this.dirs.delete(parent);
      child = parent;
    }
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
    const listing = this.dirs.get(path);
    if (!listing) throw new Error(`ENOENT: ${path}`);
    return [...listing].map(([name, type]) => ({ name, type }));
  }

  async stat(path: string): Promise<FileStat> {
    if (this.dirs.has(path)) return { type: 'directory', size: 0 };
    const e = this.entries.get(path);
    if (!e) throw new Error(`ENOENT: ${path}`);
    e.size ??= await this.blobs.size(e.blob);
    return { type: 'file', size: e.size, mtime: e.version };
  }

  async readFile(path: string): Promise<Uint8Array> {
    const e = this.entries.get(path);
    if (!e) throw new Error(`ENOENT: ${path}`);
    this.reads++;
    return this.blobs.read(e.blob);
  }

  async exists(path: string): Promise<boolean> {
    return this.dirs.has(path) || this.entries.has(path);
  }
}

export interface HistoryOptions {
  /** The files that changed at `commit` since `previous` (every file of the tree when previous is undefined). */
  changes(previous: string | undefined, commit: string): Promise<TreeChange[]>;
  blobs: BlobSource;
  /**
   * 'incremental' (default) reuses one Engine; 'full' lints every sampled commit from scratch
   * with a fresh Engine (the baseline the benchmark compares against).
   */
  mode?: 'incremental' | 'full';
}

export interface HistoryRun {
  points: HistoryPoint[];
  /** Files read and analysed over the whole run. */
  filesRead: number;
}

export async function scoreHistory(commits: readonly CommitRef[], options: HistoryOptions): Promise<HistoryRun> {
  const fs = new TreeFileSystem('/repo', options.blobs);
  // decision-overdue judges each commit by its own date, not by today.
  const engineOptions = { today: new Date() };
  let engine = new Engine(fs, fs.root, engineOptions);
  const points: HistoryPoint[] = [];
  let previous: string | undefined;
  for (let i = 0; i < commits.length; i++) {
    const { commit, date } = commits[i];
    fs.apply(await options.changes(previous, commit), i + 1);
    previous = commit;
    engineOptions.today = new Date(date);
    if (options.mode === 'full') engine = new Engine(fs, fs.root, engineOptions);
    const result = await engine.lintWorkspace();
    points.push({ commit, date, roots: result.roots.map((r) => ({ root: r.root, total: r.score.total, level: r.score.level })) });
  }
  return { points, filesRead: fs.reads };
}
