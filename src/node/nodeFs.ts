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

  async writeFileExclusive(path: string, data: Uint8Array): Promise<void> {
    await fsp.mkdir(nodePath.dirname(path), { recursive: true });
    // 'wx' fails with EEXIST instead of overwriting: scaffolding never clobbers a file.
    await fsp.writeFile(path, data, { flag: 'wx' });
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

export function toPosix(p: string): string {
  return p.split(nodePath.sep).join('/');
}

/** Absolute, "/"-separated form of a path given on the command line. */
export function absolutePosix(p: string): string {
  return toPosix(nodePath.resolve(p));
}
