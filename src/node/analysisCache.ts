// The CLI's `--cache`: per-file analyses of earlier runs, kept on disk and keyed by each file's
// content (SHA-1 of its bytes), so a fresh CI checkout (new modification times, same content)
// hits as well as a local re-run. Only what the run used is written back, so the cache never
// grows past the repository. Like ruff's `.ruff_cache`, the folder holds a `.gitignore` of `*`:
// it is never committed, and the linter's own walk skips it.
//
// The cache is trusted input: whoever can write it can hide findings. Keep it where CI keeps
// its caches (actions/cache), never in the repository.

import { createHash } from 'crypto';
import { promises as fsp, statSync } from 'fs';
import * as nodePath from 'path';
import { deserialize, serialize } from 'v8';
import type { AnalysisCache, TextAnalysis } from '../core/engine';
import type { FileKind } from '../core/parsed';

const CACHE_FILE = 'analyses.v8';
export const DEFAULT_CACHE_DIR = '.poc-readiness-cache';

interface Entry {
  kind: FileKind;
  contentKey: string;
  optionsKey: string;
  analysis: TextAnalysis;
}

interface Stored {
  /** The build that wrote it: a different product version or build never reads it. */
  build: string;
  entries: Map<string, Entry>;
}

export class FileAnalysisCache implements AnalysisCache {
  private readonly used = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  private constructor(
    private readonly dir: string,
    private readonly build: string,
    private readonly stored: Map<string, Entry>,
    /** Why an existing cache file was not used (another build, unreadable), for --verbose. */
    readonly discarded?: string,
  ) {}

  /** Opens the cache in `dir` for this build; a missing, foreign or damaged file is an empty cache. */
  static async open(dir: string, build: string): Promise<FileAnalysisCache> {
    let data: Buffer;
    try {
      data = await fsp.readFile(nodePath.join(dir, CACHE_FILE));
    } catch {
      return new FileAnalysisCache(dir, build, new Map());
    }
    try {
      const stored = deserialize(data) as Stored;
      if (!stored || typeof stored !== 'object' || !(stored.entries instanceof Map)) throw new Error('not a cache file');
      if (stored.build !== build) return new FileAnalysisCache(dir, build, new Map(), `written by another build (${String(stored.build).slice(0, 60)})`);
      return new FileAnalysisCache(dir, build, stored.entries);
    } catch (err) {
      return new FileAnalysisCache(dir, build, new Map(), `unreadable: ${(err as Error).message.split('\n')[0]}`);
    }
  }

  keyOf(bytes: Uint8Array): string {
    return createHash('sha1').update(bytes).digest('base64');
  }

  get(path: string, kind: FileKind, contentKey: string, optionsKey: string): TextAnalysis | undefined {
    const entry = this.stored.get(path);
    if (entry && entry.kind === kind && entry.contentKey === contentKey && entry.optionsKey === optionsKey) {
      this.used.set(path, entry);
      this.hits++;
      return entry.analysis;
    }
    this.misses++;
    return undefined;
  }

  set(path: string, kind: FileKind, contentKey: string, optionsKey: string, analysis: TextAnalysis): void {
    this.used.set(path, { kind, contentKey, optionsKey, analysis });
  }

  /** Writes what this run used (atomically: a temporary file renamed into place), unless it is what was read. */
  async save(): Promise<void> {
    if (!this.misses && this.used.size === this.stored.size) return;
    await fsp.mkdir(this.dir, { recursive: true });
    const ignore = nodePath.join(this.dir, '.gitignore');
    await fsp.writeFile(ignore, '# Written by poc-readiness --cache: never commit this folder.\n*\n', { flag: 'wx' }).catch(() => undefined);
    const temp = nodePath.join(this.dir, `.${CACHE_FILE}.${process.pid}.tmp`);
    const stored: Stored = { build: this.build, entries: this.used };
    await fsp.writeFile(temp, serialize(stored));
    await fsp.rename(temp, nodePath.join(this.dir, CACHE_FILE));
  }
}

/**
 * This build's identity: the product version and the size and time of the script that runs
 * (the CLI bundle), so a rebuilt linter with changed rules never reads an older build's analyses.
 */
export function buildId(version: string, script: string): string {
  try {
    const st = statSync(script);
    return `${version}:${st.size}:${Math.round(st.mtimeMs)}`;
  } catch {
    return `${version}:unknown`;
  }
}
