// Node implementation of the core's FileSystem. Paths are absolute with "/" separators.

import { closeSync, fstatSync, openSync, promises as fsp, readdirSync, readFile, readSync } from 'fs';
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
  /**
   * File names that are not UTF-8 (`caf\xe9.py` from a Latin-1 system) reach the core as a string
   * with `\xNN` escapes; this maps such paths (and every path below such a folder) back to their
   * bytes, so the file is read, not lost as ENOENT.
   */
  private readonly rawPaths = new Map<string, Buffer>();

  private native(path: string): string | Buffer {
    return this.rawPaths.get(path) ?? path;
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
    const raw = this.rawPaths.get(path);
    // Synchronous, as reads are (see readFileWithin): a directory listing is one getdents call.
    const entries = readdirSync(raw ?? path, { withFileTypes: true, encoding: 'buffer' });
    return entries.map((e) => {
      const bytes = e.name as unknown as Buffer;
      const name = decodeFileName(bytes);
      if (raw || name.odd) this.rawPaths.set(`${path.replace(/\/$/, '')}/${name.text}`, Buffer.concat([raw ?? Buffer.from(path), Buffer.from(path.endsWith('/') ? '' : '/'), bytes]));
      return {
        name: name.text,
        type: e.isSymbolicLink() ? 'symlink' : e.isDirectory() ? 'directory' : e.isFile() ? 'file' : 'other',
      };
    });
  }

  async stat(path: string): Promise<FileStat> {
    const s = await fsp.stat(this.native(path));
    return { type: s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other', size: s.size, mtime: s.mtimeMs };
  }

  readFile(path: string): Promise<Uint8Array> {
    // The callback API: fs.promises.readFile reads through a FileHandle in several round trips
    // (open, fstat, read…, close) and costs about twice as much per small file.
    return new Promise((resolve, reject) => readFile(this.native(path), (err, data) => (err ? reject(err) : resolve(data))));
  }

  async readFileWithin(path: string, maxBytes: number): Promise<{ size: number; mtime?: number; data?: Uint8Array }> {
    // Synchronous system calls, one open: open → fstat → read (only when small enough) → close.
    // The callback API costs a thread-pool round trip per call; on the bench tree (20,000 small
    // files) the synchronous calls scan 20% faster, and a file takes tens of microseconds, so
    // the event loop is not held up noticeably.
    const fd = openSync(this.native(path), 'r');
    try {
      const st = fstatSync(fd);
      if (st.size > maxBytes) return { size: st.size, mtime: st.mtimeMs };
      const granted = await this.budget.acquire(st.size);
      try {
        const data = readOpenFile(fd, st.size);
        return { size: data.length, mtime: st.mtimeMs, data };
      } finally {
        // The caller analyses the content as soon as the promise resolves; the budget comes
        // back after that turn.
        setImmediate(() => this.budget.release(granted));
      }
    } finally {
      closeSync(fd);
    }
  }

  async realPath(path: string): Promise<string> {
    return toPosix(decodeFileName(await fsp.realpath(this.native(path), { encoding: 'buffer' })).text);
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
      await fsp.lstat(this.native(path));
      return true;
    } catch {
      return false;
    }
  }
}

/** The `size` bytes of an open file (fewer if it shrank meanwhile), with synchronous reads. */
export function readOpenFile(fd: number, size: number): Buffer {
  const data = Buffer.allocUnsafe(size);
  let offset = 0;
  while (offset < size) {
    const got = readSync(fd, data, offset, size - offset, offset);
    if (got === 0) break;
    offset += got;
  }
  return offset < size ? data.subarray(0, offset) : data;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A name's text: UTF-8 as is; any other byte as a visible `\xNN` (and `odd`, to map it back). */
export function decodeFileName(bytes: Buffer): { text: string; odd: boolean } {
  try {
    return { text: strictUtf8.decode(bytes), odd: false };
  } catch {
    let text = '';
    for (let i = 0; i < bytes.length; ) {
      const length = utf8SequenceLength(bytes, i);
      if (length) {
        text += bytes.toString('utf8', i, i + length);
        i += length;
      } else text += `\\x${bytes[i++].toString(16).padStart(2, '0')}`;
    }
    return { text, odd: true };
  }
}

/** Length of the well-formed UTF-8 sequence at `i`, or 0. */
function utf8SequenceLength(b: Buffer, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const length = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (!length || i + length > b.length) return 0;
  for (let k = 1; k < length; k++) if ((b[i + k] & 0xc0) !== 0x80) return 0;
  try {
    strictUtf8.decode(b.subarray(i, i + length));
    return length;
  } catch {
    return 0;
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
