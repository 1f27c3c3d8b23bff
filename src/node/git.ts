// The git CLI, read-only, for `history`: commits and what each changed (one log --raw), the
// first tree (ls-tree), blobs (one long-lived cat-file --batch). Never a checkout, and the
// repository's configuration cannot make git run anything: no fsmonitor, hooks, external diff
// or textconv, no pager, no prompt.

import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { BlobSource, CommitRef, TreeChange } from '../core/history';

const SAFE = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '--no-pager', '--literal-pathspecs'];
const ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat' };

export function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', [...SAFE, ...args], { cwd, env: ENV, maxBuffer: 512 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(stderr.trim().split('\n')[0] || err.message));
      else resolve(stdout);
    });
  });
}

/** Top of the work tree and the path of `dir` inside it ("" at the top), as git sees them. */
export async function gitLocation(dir: string): Promise<{ top: string; prefix: string }> {
  const [top, prefix] = (await git(dir, ['rev-parse', '--show-toplevel', '--show-prefix'])).split('\n');
  return { top, prefix: prefix.replace(/\/$/, '') };
}

const REGULAR = /^100(644|755)$/;

export interface CommitChanges extends CommitRef {
  /** Files under prefix (relative to it) that changed against the first parent. */
  changes: TreeChange[];
}

/**
 * First-parent commits of HEAD touching `prefix`, oldest first, each with what it changed: one
 * `git log --raw` for the whole range (a process per commit would cost more than the analysis).
 */
export async function commitsWithChanges(top: string, prefix: string, since?: Date): Promise<CommitChanges[]> {
  const args = ['log', '--first-parent', '--diff-merges=first-parent', '--reverse', '--raw', '-z', '--root', '--no-renames', '--no-abbrev', '--no-ext-diff', '--no-textconv', '--format=%x01%H%x09%cI'];
  if (since) args.push(`--since=${since.toISOString()}`);
  args.push('HEAD');
  if (prefix) args.push('--', prefix);
  const strip = (p: string) => (prefix ? p.slice(prefix.length + 1) : p);
  const commits: CommitChanges[] = [];
  const tokens = (await git(top, args)).split('\0');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i].replace(/^\n/, '');
    if (token.startsWith('\x01')) {
      const [commit, date] = token.slice(1).split('\t');
      commits.push({ commit, date: new Date(date).toISOString(), changes: [] });
      continue;
    }
    const m = /^:(\d+) (\d+) [0-9a-f]+ ([0-9a-f]+) (\w)/.exec(token);
    if (!m || !commits.length) continue;
    const path = strip(tokens[++i] ?? '');
    commits[commits.length - 1].changes.push({ path, blob: m[4] === 'D' || !REGULAR.test(m[2]) ? null : m[3] });
  }
  return commits;
}

/** Every regular file under `prefix` at `commit` (relative to prefix). Symlinks and submodules are left out. */
export async function treeAt(top: string, prefix: string, commit: string): Promise<TreeChange[]> {
  const out = await git(top, ['ls-tree', '-r', '-z', '--full-tree', commit, ...(prefix ? ['--', prefix] : [])]);
  const files: TreeChange[] = [];
  for (const rec of out.split('\0')) {
    const m = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(rec);
    if (m && m[2] === 'blob' && REGULAR.test(m[1])) files.push({ path: prefix ? m[4].slice(prefix.length + 1) : m[4], blob: m[3] });
  }
  return files;
}

/** One `git cat-file --batch` (contents) and one `--batch-check` (sizes) for the whole run; answers come in request order. */
export class CatFile implements BlobSource {
  private readonly batch: Batch;
  private readonly check: Batch;
  private readonly cache = new Map<string, Uint8Array>();

  constructor(top: string) {
    this.batch = new Batch(top, '--batch', true);
    this.check = new Batch(top, '--batch-check', false);
  }

  async size(blob: string): Promise<number> {
    const cached = this.cache.get(blob);
    return cached ? cached.length : (await this.check.ask(blob)).size;
  }

  async read(blob: string): Promise<Uint8Array> {
    let data = this.cache.get(blob);
    if (!data) {
      data = (await this.batch.ask(blob)).data!;
      // Small files recur across commits (the same blob at many points of a full scan): keep them.
      if (data.length < 256 * 1024) this.cache.set(blob, data);
    }
    return data;
  }

  close(): void {
    this.batch.close();
    this.check.close();
  }
}

class Batch {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Array<{ resolve: (r: { size: number; data?: Uint8Array }) => void; reject: (e: Error) => void }> = [];
  private buffer: Buffer = Buffer.alloc(0);
  private failed?: Error;

  constructor(cwd: string, mode: string, private readonly withData: boolean) {
    this.child = spawn('git', [...SAFE, 'cat-file', mode], { cwd, env: ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.drain();
    });
    const fail = (err: Error) => {
      this.failed = err;
      for (const w of this.waiting.splice(0)) w.reject(err);
    };
    this.child.on('error', fail);
    this.child.on('exit', (code) => code && fail(new Error(`git cat-file exited ${code}`)));
  }

  private drain(): void {
    while (this.waiting.length) {
      const nl = this.buffer.indexOf(10);
      if (nl < 0) return;
      const header = this.buffer.subarray(0, nl).toString();
      const m = /^[0-9a-f]+ \w+ (\d+)$/.exec(header);
      if (!m) {
        this.buffer = this.buffer.subarray(nl + 1);
        this.waiting.shift()!.reject(new Error(`git cat-file: ${header}`));
        continue;
      }
      const size = Number(m[1]);
      if (!this.withData) {
        this.buffer = this.buffer.subarray(nl + 1);
        this.waiting.shift()!.resolve({ size });
        continue;
      }
      if (this.buffer.length < nl + 1 + size + 1) return;
      const data = Uint8Array.prototype.slice.call(this.buffer, nl + 1, nl + 1 + size);
      this.buffer = this.buffer.subarray(nl + 1 + size + 1);
      this.waiting.shift()!.resolve({ size, data });
    }
  }

  ask(blob: string): Promise<{ size: number; data?: Uint8Array }> {
    if (this.failed) return Promise.reject(this.failed);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(`${blob}\n`);
    });
  }

  close(): void {
    this.child.stdin.end();
  }
}
