// Node implementation of the core's FileSystem. Paths are absolute with "/" separators.

import { close, fstat, open, promises as fsp, read, readFile } from 'fs';
import * as nodePath from 'path';
import type { DirEntry, FileStat, FileSystem } from '../core/fs';

/**
 * Bytes of file content being read at once. The engine reads 32 files concurrently; 32 notebooks
 * of 20 MB would hold 640 MB before the first is analysed. A file larger than the budget is read
 * alone.
 */
const READ_BUDGET_BYTES = 16 * 1024 * 1024;

/** Grants read budget in arrival order; released a turn after a read resolves, once its analysis ran. */
class ByteBudget {
  private free: number;
  private readonly waiting: Array<{ bytes: number; go: () => void }> = [];
  constructor(private readonly total: number) {
    this.free = total;
  }
  acquire(bytes: number): Promise<number> {
    const want = Math.min(bytes, this.total);
    if (!this.waiting.length && want <= this.free) {
      this.free -= want;
      return Promise.resolve(want);
    }
    return new Promise((resolve) => this.waiting.push({ bytes: want, go: () => resolve(want) }));
  }
  release(bytes: number): void {
    this.free += bytes;
    while (this.waiting.length && this.waiting[0].bytes <= this.free) {
      const next = this.waiting.shift()!;
      this.free -= next.bytes;
      next.go();
    }
  }
}

export class NodeFileSystem implements FileSystem {
  private readonly budget = new ByteBudget(READ_BUDGET_BYTES);

  async readDirectory(path: string): Promise<DirEntry[]> {
    const entries = await fsp.readdir(path, { withFileTypes: true });
    return entries.map((e) => ({
      name: e.name,
      type: e.isSymbolicLink() ? 'symlink' : e.isDirectory() ? 'directory' : e.isFile() ? 'file' : 'other',
    }));
  }

  async stat(path: string): Promise<FileStat> {
    const s = await fsp.stat(path);
    return { type: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size, mtime: s.mtimeMs };
  }

  readFile(path: string): Promise<Uint8Array> {
    // The callback API: fs.promises.readFile reads through a FileHandle in several round trips
    // (open, fstat, read…, close) and costs about twice as much per small file.
    return new Promise((resolve, reject) => readFile(path, (err, data) => (err ? reject(err) : resolve(data))));
  }

  readFileWithin(path: string, maxBytes: number): Promise<{ size: number; mtime?: number; data?: Uint8Array }> {
    // Callback API, one open: open → fstat → read (only when small enough) → close.
    return new Promise((resolve, reject) => {
      open(path, 'r', (err, fd) => {
        if (err) return reject(err);
        let granted = 0;
        const done = (error: Error | null, value?: { size: number; mtime?: number; data?: Uint8Array }) =>
          close(fd, () => {
            if (error) reject(error);
            else resolve(value!);
            // The caller analyses the content as soon as the promise resolves; the budget comes
            // back after that turn.
            if (granted) setImmediate(() => this.budget.release(granted));
          });
        fstat(fd, (statErr, st) => {
          if (statErr) return done(statErr);
          if (st.size > maxBytes) return done(null, { size: st.size, mtime: st.mtimeMs });
          void this.budget.acquire(st.size).then((bytes) => {
            granted = bytes;
            const finish = done;
            const data = Buffer.allocUnsafe(st.size);
            const readMore = (offset: number): void => {
              if (offset >= st.size) return finish(null, { size: offset, mtime: st.mtimeMs, data });
              read(fd, data, offset, st.size - offset, offset, (readErr, bytesRead) => {
                if (readErr) return finish(readErr);
                if (bytesRead === 0) return finish(null, { size: offset, mtime: st.mtimeMs, data: data.subarray(0, offset) });
                readMore(offset + bytesRead);
              });
            };
            readMore(0);
          });
        });
      });
    });
  }

  async realPath(path: string): Promise<string> {
    return toPosix(await fsp.realpath(path));
  }

  async writeFileExclusive(path: string, data: Uint8Array, within?: string): Promise<void> {
    const dir = nodePath.dirname(path);
    // Folders that exist on the way may be symlinks: where they resolve outside `within`, the
    // write would land outside the repository. Checked before creating the missing ones.
    if (within !== undefined) await assertResolvesWithin(await deepestExisting(dir), within, path);
    await fsp.mkdir(dir, { recursive: true });
    if (within !== undefined) await assertResolvesWithin(dir, within, path);
    // Written beside the target, then hard-linked into place: link() fails with EEXIST when
    // anything (a file, a dangling symlink) has the name, and the file appears whole or not at all.
    const temp = nodePath.join(dir, `.${nodePath.basename(path)}.${process.pid}.${Date.now()}.poc-readiness-tmp`);
    await fsp.writeFile(temp, data, { flag: 'wx' });
    try {
      await fsp.link(temp, path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw err;
      // A file system without hard links: an exclusive create ('wx' never follows a symlink nor overwrites).
      await fsp.writeFile(path, data, { flag: 'wx' });
    } finally {
      await fsp.unlink(temp).catch(() => undefined);
    }
  }

  async exists(path: string): Promise<boolean> {
    try {
      await fsp.lstat(path);
      return true;
    } catch {
      return false;
    }
  }
}

async function deepestExisting(dir: string): Promise<string> {
  for (let current = dir; ; current = nodePath.dirname(current)) {
    try {
      await fsp.lstat(current);
      return current;
    } catch {
      if (nodePath.dirname(current) === current) return current;
    }
  }
}

async function assertResolvesWithin(dir: string, within: string, target: string): Promise<void> {
  const realWithin = await fsp.realpath(await deepestExisting(within));
  const real = await fsp.realpath(dir);
  if (real !== realWithin && !real.startsWith(realWithin.endsWith(nodePath.sep) ? realWithin : realWithin + nodePath.sep)) {
    throw new Error(`refused: ${toPosix(nodePath.relative(within, dir)) || '.'} resolves to ${toPosix(real)}, outside ${toPosix(within)} (a symlink leaves the repository); ${nodePath.basename(target)} not written`);
  }
}

export function toPosix(p: string): string {
  return p.split(nodePath.sep).join('/');
}

/** Absolute, "/"-separated form of a path given on the command line. */
export function absolutePosix(p: string): string {
  return toPosix(nodePath.resolve(p));
}
