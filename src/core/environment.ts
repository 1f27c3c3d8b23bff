// A workspace's own Python environments (a virtualenv or conda env inside the folder), read from
// their installed metadata only: `*.dist-info` (top_level.txt, RECORD, METADATA) and `*.egg-info`
// (top_level.txt, requires.txt, PKG-INFO). Read-only; no interpreter is ever started. Gives the
// exact module → distribution mapping, installed versions and what each distribution requires.

import type { FileSystem } from './fs';
import { join } from './path';
import { normalizeDist } from './pythonModules';

export interface InstalledDistribution {
  /** As its metadata spells it (`scikit-learn`, `PyYAML`). */
  name: string;
  version?: string;
  /** Top-level modules and packages it installs (`sklearn`; `google` for namespace packages). */
  modules: string[];
  /** Distributions it requires unconditionally (extras left out), normalised. */
  requires: string[];
}

export interface PythonEnvironment {
  /** Workspace-relative folder of the environment. */
  path: string;
  distributions: InstalledDistribution[];
}

/** Metadata files larger than this are not read (a RECORD lists every file; 4 MiB is far above torch's). */
const MAX_METADATA_BYTES = 4 * 1024 * 1024;
/** An environment with more distributions than this is read up to here. */
const MAX_DISTRIBUTIONS = 5000;

/**
 * Reads the environments among `candidates` (workspace-relative folders the walker saw, see
 * WalkResult.environments). A folder that is not an environment, or cannot be read, is left out;
 * nothing here throws.
 */
export async function readEnvironments(fs: FileSystem, rootAbs: string, candidates: readonly string[], cache: EnvironmentCache = new Map()): Promise<PythonEnvironment[]> {
  const out: PythonEnvironment[] = [];
  for (const rel of [...new Set(candidates)]) {
    const sites = await sitePackages(fs, join(rootAbs, rel));
    if (!sites.length) continue;
    const distributions: InstalledDistribution[] = [];
    for (const site of sites) {
      const folders = (await list(fs, site)).filter((e) => e.type === 'directory' && /\.(dist-info|egg-info)$/.test(e.name)).map((e) => e.name).sort();
      // Installing or removing a package renames these folders: the same list means the same metadata.
      const key = folders.join('\n');
      let dists = cache.get(site)?.key === key ? cache.get(site)!.distributions : undefined;
      if (!dists) {
        dists = [];
        for (const folder of folders.slice(0, MAX_DISTRIBUTIONS)) {
          const dist = await readDistribution(fs, join(site, folder), folder);
          if (dist) dists.push(dist);
        }
        cache.set(site, { key, distributions: dists });
      }
      distributions.push(...dists);
    }
    if (distributions.length) out.push({ path: rel, distributions });
  }
  return out;
}

/** Distributions read per site-packages folder, with the folder listing they were read from. */
export type EnvironmentCache = Map<string, { key: string; distributions: InstalledDistribution[] }>;

async function sitePackages(fs: FileSystem, env: string): Promise<string[]> {
  const names = new Map((await list(fs, env)).map((e) => [e.name, e.type]));
  const out: string[] = [];
  // POSIX venvs and conda envs: lib/pythonX.Y/site-packages; Windows: Lib/site-packages.
  for (const lib of ['lib', 'Lib']) {
    if (names.get(lib) !== 'directory') continue;
    const inLib = await list(fs, join(env, lib));
    if (inLib.some((e) => e.name === 'site-packages')) out.push(join(env, lib, 'site-packages'));
    for (const e of inLib) if (/^python\d/.test(e.name)) out.push(join(env, lib, e.name, 'site-packages'));
  }
  return out;
}

async function readDistribution(fs: FileSystem, dir: string, folder: string): Promise<InstalledDistribution | undefined> {
  const egg = folder.endsWith('.egg-info');
  const metadata = await text(fs, join(dir, egg ? 'PKG-INFO' : 'METADATA'));
  const fromName = /^(.+?)-(\d[^-]*?)(?:-py\d[\d.]*)?\.(?:dist-info|egg-info)$/.exec(folder);
  const name = /^Name:\s*(.+)$/m.exec(metadata ?? '')?.[1].trim() ?? fromName?.[1];
  if (!name) return undefined;
  const version = /^Version:\s*(.+)$/m.exec(metadata ?? '')?.[1].trim() ?? fromName?.[2];
  let modules = (await text(fs, join(dir, 'top_level.txt')))?.split(/\r?\n/).map((l) => l.trim()).filter((l) => /^[A-Za-z_]\w*$/.test(l)) ?? [];
  if (!modules.length && !egg) modules = modulesOfRecord((await text(fs, join(dir, 'RECORD'))) ?? '');
  const requires = egg ? requiresOfEgg((await text(fs, join(dir, 'requires.txt'))) ?? '') : requiresOfMetadata(metadata ?? '');
  return { name, ...(version ? { version } : {}), modules, requires };
}

/** Top-level names of the files a wheel installed (`sklearn/__init__.py,…` → sklearn; `six.py` → six). */
export function modulesOfRecord(record: string): string[] {
  const out = new Set<string>();
  for (const line of record.split(/\r?\n/)) {
    const path = line.split(',')[0];
    if (!path || path.startsWith('..') || path.startsWith('/')) continue;
    const first = path.split('/')[0];
    if (/\.(dist-info|data|egg-info)$/.test(first) || first === '__pycache__') continue;
    const module = path.includes('/') ? first : first.replace(/\.(py|pyd|so|pth)$|\.(cpython|abi3|cp\d+)[^/]*\.(so|pyd)$/, '');
    if (/^[A-Za-z_]\w*$/.test(module) && (path.includes('/') || /\.(py|pyd|so)$/.test(first))) out.add(module);
  }
  return [...out];
}

/** `Requires-Dist: numpy>=1.22` lines without an `extra ==` marker. */
export function requiresOfMetadata(metadata: string): string[] {
  const out: string[] = [];
  for (const m of metadata.matchAll(/^Requires-Dist:\s*([A-Za-z0-9][\w.-]*)([^\n]*)$/gm)) {
    if (/;.*\bextra\s*==/.test(m[2])) continue;
    out.push(normalizeDist(m[1]));
  }
  return out;
}

/** An egg's requires.txt: the lines before its first `[extra]` section. */
function requiresOfEgg(requires: string): string[] {
  const out: string[] = [];
  for (const line of requires.split(/\r?\n/)) {
    if (/^\s*\[/.test(line)) break;
    const m = /^\s*([A-Za-z0-9][\w.-]*)/.exec(line);
    if (m) out.push(normalizeDist(m[1]));
  }
  return out;
}

async function list(fs: FileSystem, dir: string): Promise<Array<{ name: string; type: string }>> {
  try {
    return await fs.readDirectory(dir);
  } catch {
    return [];
  }
}

async function text(fs: FileSystem, path: string): Promise<string | undefined> {
  try {
    if (fs.readFileWithin) {
      const got = await fs.readFileWithin(path, MAX_METADATA_BYTES);
      return got.data ? new TextDecoder().decode(got.data) : undefined;
    }
    const data = await fs.readFile(path);
    return data.length <= MAX_METADATA_BYTES ? new TextDecoder().decode(data) : undefined;
  } catch {
    return undefined;
  }
}
