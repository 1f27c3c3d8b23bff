// Repository identity for `lint --format json`, read statically from `.git` (HEAD, refs,
// packed-refs, config, the commit object): lint never runs git, so nothing configured in the
// repository (hooks, fsmonitor, filters) can execute. Everything is best effort: a missing or
// odd piece is left out, never an error.

import { promises as fsp } from 'node:fs';
import * as nodePath from 'node:path';
import { inflateSync } from 'node:zlib';
import type { RepositoryInfo } from '../core/portfolio';

interface GitDirs {
  /** The work tree's own git dir (HEAD, logs/HEAD). */
  gitDir: string;
  /** Shared objects, refs and config (differs from gitDir in a linked worktree). */
  commonDir: string;
  workTree: string;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fsp.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The closest `.git` at or above `dir` (a folder, or a file `gitdir: …` for worktrees and submodules). */
export async function findGitDirs(dir: string): Promise<GitDirs | undefined> {
  let current = nodePath.resolve(dir);
  for (let i = 0; i < 100; i++) {
    const dotGit = nodePath.join(current, '.git');
    const st = await fsp.stat(dotGit).catch(() => undefined);
    if (st?.isDirectory()) return { gitDir: dotGit, commonDir: dotGit, workTree: current };
    if (st?.isFile()) {
      const m = /^gitdir:\s*(.+?)\s*$/m.exec((await readText(dotGit)) ?? '');
      if (!m) return undefined;
      const gitDir = nodePath.resolve(current, m[1]);
      const common = (await readText(nodePath.join(gitDir, 'commondir')))?.trim();
      return { gitDir, commonDir: common ? nodePath.resolve(gitDir, common) : gitDir, workTree: current };
    }
    const parent = nodePath.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
  return undefined;
}

const SHA = /^[0-9a-f]{40}$/;

async function resolveRef(commonDir: string, ref: string): Promise<string | undefined> {
  if (!/^refs\/[A-Za-z0-9._\/-]+$/.test(ref) || ref.includes('..')) return undefined;
  const loose = (await readText(nodePath.join(commonDir, ref)))?.trim();
  if (loose && SHA.test(loose)) return loose;
  const packed = (await readText(nodePath.join(commonDir, 'packed-refs'))) ?? '';
  for (const line of packed.split('\n')) {
    const [sha, name] = line.trim().split(' ');
    if (name === ref && SHA.test(sha)) return sha;
  }
  return undefined;
}

/** `[remote "origin"] url`, else the first remote's url. */
function remoteUrl(config: string): string | undefined {
  let section = '';
  const urls: Array<[string, string]> = [];
  for (const raw of config.split('\n')) {
    const line = raw.trim();
    const header = /^\[\s*remote\s+"([^"]+)"\s*\]$/.exec(line);
    if (header) section = header[1];
    else if (line.startsWith('[')) section = '';
    else if (section) {
      const m = /^url\s*=\s*(.+)$/.exec(line);
      if (m) urls.push([section, m[1].replace(/^"|"$/g, '')]);
    }
  }
  return (urls.find(([name]) => name === 'origin') ?? urls[0])?.[1];
}

/**
 * A remote as a browsable https URL without credentials: `git@host:org/repo.git` and
 * `ssh://git@host/org/repo` become `https://host/org/repo`; user:token@ is dropped so no
 * secret reaches a report.
 */
export function browsableUrl(remote: string): string | undefined {
  const scp = /^(?:[^@\/]+@)?([^:\/]+):(?!\/)(.+)$/.exec(remote);
  let host: string;
  let path: string;
  if (scp && !/^[a-z]+:\/\//i.test(remote)) {
    host = scp[1];
    path = scp[2];
  } else {
    let url: URL;
    try {
      url = new URL(remote);
    } catch {
      return undefined;
    }
    if (!['http:', 'https:', 'ssh:', 'git:'].includes(url.protocol)) return undefined;
    host = url.hostname + (url.protocol === 'https:' || url.protocol === 'http:' ? (url.port ? `:${url.port}` : '') : '');
    path = url.pathname.replace(/^\//, '');
  }
  path = path.replace(/\.git\/?$/, '').replace(/\/$/, '');
  return host && path ? `https://${host}/${path}` : undefined;
}

/** Committer date of a commit: the loose object, else the pack (non-delta entries). */
async function commitDate(commonDir: string, sha: string): Promise<string | undefined> {
  const body = (await looseObject(commonDir, sha)) ?? (await packedObject(commonDir, sha));
  if (!body) return undefined;
  const m = /^committer .* (\d+) ([+-]\d{4})$/m.exec(body.toString('utf8', 0, Math.min(body.length, 4096)));
  return m ? new Date(Number(m[1]) * 1000).toISOString() : undefined;
}

async function looseObject(commonDir: string, sha: string): Promise<Buffer | undefined> {
  try {
    const raw = inflateSync(await fsp.readFile(nodePath.join(commonDir, 'objects', sha.slice(0, 2), sha.slice(2))));
    const nul = raw.indexOf(0);
    return raw.subarray(0, nul).toString().startsWith('commit ') ? raw.subarray(nul + 1) : undefined;
  } catch {
    return undefined;
  }
}

/** Looks the commit up in each pack's version-2 index; delta-encoded commits are left to the caller's fallback. */
async function packedObject(commonDir: string, sha: string): Promise<Buffer | undefined> {
  const packDir = nodePath.join(commonDir, 'objects', 'pack');
  const names = await fsp.readdir(packDir).catch(() => [] as string[]);
  const wanted = Buffer.from(sha, 'hex');
  for (const idxName of names.filter((n) => n.endsWith('.idx'))) {
    try {
      const idx = await fsp.readFile(nodePath.join(packDir, idxName));
      if (idx.readUInt32BE(0) !== 0xff744f63 || idx.readUInt32BE(4) !== 2) continue;
      const fanout = (i: number) => (i < 0 ? 0 : idx.readUInt32BE(8 + i * 4));
      const count = fanout(255);
      let lo = fanout(wanted[0] - 1);
      let hi = fanout(wanted[0]);
      const shaAt = (i: number) => idx.subarray(1032 + i * 20, 1032 + i * 20 + 20);
      let found = -1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const c = Buffer.compare(shaAt(mid), wanted);
        if (c === 0) {
          found = mid;
          break;
        }
        if (c < 0) lo = mid + 1;
        else hi = mid;
      }
      if (found < 0) continue;
      const offsetsAt = 1032 + count * 24;
      let offset = idx.readUInt32BE(offsetsAt + found * 4);
      if (offset & 0x80000000) offset = Number(idx.readBigUInt64BE(offsetsAt + count * 4 + (offset & 0x7fffffff) * 8));
      const handle = await fsp.open(nodePath.join(packDir, idxName.replace(/\.idx$/, '.pack')), 'r');
      try {
        const chunk = Buffer.alloc(64 * 1024);
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, offset);
        let i = 0;
        let byte = chunk[i++];
        const type = (byte >> 4) & 7;
        while (byte & 0x80 && i < bytesRead) byte = chunk[i++];
        if (type !== 1) return undefined; // 1 = commit; 6/7 = delta
        return inflateSync(chunk.subarray(i, bytesRead), { finishFlush: 2 /* Z_SYNC_FLUSH: the chunk may end mid-stream */ });
      } finally {
        await handle.close();
      }
    } catch {
      continue;
    }
  }
  return undefined;
}

/** The newest reflog entry's time (logs/HEAD), the fallback when the commit object is delta-encoded. */
async function reflogDate(gitDir: string): Promise<string | undefined> {
  const log = (await readText(nodePath.join(gitDir, 'logs', 'HEAD')))?.trimEnd();
  const last = log?.split('\n').pop();
  const m = last ? /> (\d+) [+-]\d{4}\t/.exec(last) : null;
  return m ? new Date(Number(m[1]) * 1000).toISOString() : undefined;
}

export async function repositoryInfo(dir: string): Promise<RepositoryInfo | undefined> {
  const dirs = await findGitDirs(dir);
  if (!dirs) return undefined;
  const head = (await readText(nodePath.join(dirs.gitDir, 'HEAD')))?.trim();
  if (!head) return undefined;
  const info: RepositoryInfo = {};
  const config = (await readText(nodePath.join(dirs.commonDir, 'config'))) ?? '';
  const remote = remoteUrl(config);
  const url = remote ? browsableUrl(remote) : undefined;
  info.name = url ? url.split('/').pop() : nodePath.basename(dirs.workTree);
  if (url) info.url = url;
  // A PoC folder inside a larger repository (monorepo): where it sits.
  const inside = nodePath.relative(dirs.workTree, nodePath.resolve(dir)).split(nodePath.sep).join('/');
  if (inside && !inside.startsWith('..')) info.path = inside;
  let commit: string | undefined;
  if (head.startsWith('ref:')) {
    const ref = head.slice(4).trim();
    if (ref.startsWith('refs/heads/')) info.branch = ref.slice('refs/heads/'.length);
    commit = await resolveRef(dirs.commonDir, ref);
  } else if (SHA.test(head)) commit = head;
  // CI checkouts are detached; the runner names the branch.
  if (!info.branch && process.env.GITHUB_REF_NAME) info.branch = process.env.GITHUB_REF_NAME;
  else if (!info.branch && process.env.CI_COMMIT_REF_NAME) info.branch = process.env.CI_COMMIT_REF_NAME;
  if (commit) {
    info.commit = commit;
    const date = (await commitDate(dirs.commonDir, commit)) ?? (await reflogDate(dirs.gitDir));
    if (date) info.lastCommitDate = date;
  }
  return info;
}
