// Workspace walk: nested .gitignore files, always-skipped folders (VCS, virtualenvs, caches),
// symlinks never followed out of the root nor into loops, oversized files skipped with a reason.

import ignore, { type Ignore } from 'ignore';
import type { DirEntry, FileSystem } from './fs';
import { MAX_INDEX_BYTES, trackedFolders, trackedPaths } from './gitIndex';
import { classify, isReadableKind, type FileKind } from './parsed';
import { join } from './path';
import type { Skip } from './types';

export interface WalkedFile {
  /** Workspace-relative, "/" separators. */
  path: string;
  /** Bytes; -1 when the walk left sizing to the read (`FileSystem.readFileWithin`) or the size does not matter. */
  size: number;
  mtime?: number;
  kind: FileKind;
}

export interface WalkOptions {
  /** Largest text file read, in bytes (notebooks get 10× this, they carry outputs). */
  maxFileSize?: number;
  isCancelled?: () => boolean;
  /** Told the number of files found so far as each folder is listed (the engine starts its workers early on a big tree). */
  onFileCount?: (files: number) => void;
}

export interface WalkResult {
  files: WalkedFile[];
  skipped: Skip[];
  /** Workspace-relative folders holding a poc.yaml. */
  manifestDirs: string[];
  /** Workspace-relative Python environments seen and not walked (`.venv`, `venv`, `.conda`, any folder with a pyvenv.cfg). */
  environments: string[];
}

export const ALWAYS_SKIPPED = new Set([
  '.git', '.hg', '.svn', 'node_modules', '.venv', 'venv', '.ipynb_checkpoints', '__pycache__', '.mypy_cache',
  '.pytest_cache', '.ruff_cache', '.tox', '.nox', '.dvc', '.vscode-test', 'site-packages', '.eggs', '.cache', '.conda',
  // jupyter-lsp's shadow copies of open notebooks: linting them would count every finding twice.
  '.virtual_documents',
]);

/** Skipped folders that are Python environments: their metadata is read apart (environment.ts). */
const ENVIRONMENT_NAMES = new Set(['.venv', 'venv', '.conda']);

export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;
const CONCURRENCY = 16;

interface IgnoreLayer {
  base: string;
  ig: Ignore;
}

/** What git tracks in a repository whose root is the workspace (`.git/index`); undefined elsewhere or when unreadable. */
async function trackedAt(fs: FileSystem, rootAbs: string): Promise<Set<string> | undefined> {
  try {
    const st = await fs.stat(join(rootAbs, '.git/index'));
    if (st.type !== 'file' || st.size > MAX_INDEX_BYTES) return undefined;
    return trackedPaths(await fs.readFile(join(rootAbs, '.git/index')));
  } catch {
    return undefined;
  }
}

export async function walk(fs: FileSystem, rootAbs: string, options: WalkOptions = {}): Promise<WalkResult> {
  const maxSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const result: WalkResult = { files: [], skipped: [], manifestDirs: [], environments: [] };
  const rootReal = fs.realPath ? await fs.realPath(rootAbs).catch(() => rootAbs) : rootAbs;
  const queue: Array<{ rel: string; layers: IgnoreLayer[] }> = [{ rel: '', layers: [] }];

  // git ignores only untracked files: a tracked one (`git add -f`) is walked whatever .gitignore says.
  const tracked = await trackedAt(fs, rootAbs);
  const trackedDirs = tracked && trackedFolders(tracked);
  const ignoredBy = (layers: IgnoreLayer[], rel: string, isDir: boolean): boolean => {
    if (tracked && (isDir ? trackedDirs!.has(rel) : tracked.has(rel))) return false;
    for (const { base, ig } of layers) {
      const local = base ? rel.slice(base.length + 1) : rel;
      if (local && ig.ignores(isDir ? local + '/' : local)) return true;
    }
    return false;
  };

  const visitDir = async (rel: string, parentLayers: IgnoreLayer[]): Promise<void> => {
    const abs = rel ? join(rootAbs, rel) : rootAbs;
    let entries;
    try {
      entries = await fs.readDirectory(abs);
    } catch (err) {
      result.skipped.push({ path: rel || '.', reason: `unreadable folder: ${(err as Error).message}` });
      return;
    }
    if (rel && entries.some((e) => e.name === 'pyvenv.cfg')) {
      result.skipped.push({ path: rel, reason: 'virtualenv (pyvenv.cfg)' });
      result.environments.push(rel);
      return;
    }
    let layers = parentLayers;
    if (entries.some((e) => e.name === '.gitignore' && e.type === 'file')) {
      try {
        const text = new TextDecoder().decode(await fs.readFile(join(abs, '.gitignore')));
        layers = [...parentLayers, { base: rel, ig: ignore().add(text) }];
      } catch (err) {
        result.skipped.push({ path: join(rel, '.gitignore'), reason: `unreadable .gitignore: ${(err as Error).message}` });
      }
    }
    if (entries.some((e) => e.name === 'poc.yaml' && e.type !== 'directory')) result.manifestDirs.push(rel || '.');

    // Most entries are decided from their name and type alone: those are taken here, in one
    // loop; only symlinks and files that need a stat go through an awaited call each.
    // A plain file here was judged (not ignored, its kind) in the loop; a symlink is judged once resolved.
    const needsCall: Array<{ entry: DirEntry; childRel: string; kind?: FileKind }> = [];
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (ALWAYS_SKIPPED.has(entry.name) && entry.type !== 'file') {
        if (ENVIRONMENT_NAMES.has(entry.name) && entry.type === 'directory') result.environments.push(childRel);
        continue;
      }
      if (entry.type === 'directory') {
        if (!ignoredBy(layers, childRel, true)) queue.push({ rel: childRel, layers });
        continue;
      }
      if (entry.type !== 'file') {
        if (entry.type === 'symlink') needsCall.push({ entry, childRel });
        continue;
      }
      if (ignoredBy(layers, childRel, false)) continue;
      const kind = classify(childRel);
      // Files judged by name only need no size; text files are sized when read, if the file system can.
      if (kind === 'other' || (isReadableKind(kind) && !!fs.readFileWithin)) result.files.push({ path: childRel, size: -1, kind });
      else needsCall.push({ entry, childRel, kind });
    }
    options.onFileCount?.(result.files.length);

    await mapLimit(needsCall, CONCURRENCY, async ({ entry, childRel, kind: judged }) => {
      let type = entry.type;
      let size = 0;
      let mtime: number | undefined;
      if (type === 'symlink') {
        if (!fs.realPath) {
          result.skipped.push({ path: childRel, reason: 'symlink not followed (the file system cannot resolve it)' });
          return;
        }
        try {
          const real = await fs.realPath(join(abs, entry.name));
          if (real !== rootReal && !real.startsWith(rootReal + '/')) {
            result.skipped.push({ path: childRel, reason: 'symlink points outside the workspace' });
            return;
          }
          const st = await fs.stat(join(abs, entry.name));
          if (st.type === 'directory') {
            result.skipped.push({ path: childRel, reason: 'symlinked folder not followed (its target inside the workspace is linted where it lives; following could loop)' });
            return;
          }
          type = st.type === 'file' ? 'file' : 'other';
          size = st.size;
          mtime = st.mtime;
        } catch (err) {
          result.skipped.push({ path: childRel, reason: `broken symlink or symlink loop: ${(err as Error).message}` });
          return;
        }
      }
      if (type !== 'file') return;
      if (!judged && ignoredBy(layers, childRel, false)) return;
      const kind = judged ?? classify(childRel);
      if (entry.type !== 'symlink') {
        try {
          const st = await fs.stat(join(abs, entry.name));
          size = st.size;
          mtime = st.mtime;
        } catch (err) {
          result.skipped.push({ path: childRel, reason: `unreadable: ${(err as Error).message}` });
          return;
        }
      }
      const limit = sizeLimit(kind, maxSize);
      if (kind !== 'data' && kind !== 'other' && size > limit) {
        result.skipped.push({ path: childRel, reason: oversizedReason(size, limit) });
        // Not read, still judged by its name and size (committed-data), as the engine does when a read finds it too big.
        result.files.push({ path: childRel, size, mtime, kind: 'other' });
        return;
      }
      result.files.push({ path: childRel, size, mtime, kind });
    });
  };

  while (queue.length) {
    if (options.isCancelled?.()) break;
    const batch = queue.splice(0, CONCURRENCY);
    await Promise.all(batch.map((d) => visitDir(d.rel, d.layers)));
  }
  result.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  result.manifestDirs.sort();
  return result;
}

/**
 * Largest file of this kind that is read. Notebooks carry outputs, so they get more room;
 * Dockerfiles get less: real ones are a few KB, and the Dockerfile parser is slow per byte
 * on pathological input (a 200 KB file of `$` takes seconds).
 */
const OVERSIZED = 'oversized: ';

/** The skip reason of a file too big to read (the walker's and the engine's alike). */
export function oversizedReason(size: number, limit: number): string {
  return `${OVERSIZED}${formatBytes(size)} > ${formatBytes(limit)}`;
}

export function isOversizedReason(reason: string): boolean {
  return reason.startsWith(OVERSIZED);
}

export function sizeLimit(kind: FileKind, maxFileSize = DEFAULT_MAX_FILE_SIZE): number {
  if (kind === 'notebook') return maxFileSize * 10;
  if (kind === 'dockerfile') return Math.min(maxFileSize, 64 * 1024);
  return maxFileSize;
}

export async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(workers);
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} B`;
}
