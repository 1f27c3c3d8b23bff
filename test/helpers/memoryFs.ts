// An in-memory FileSystem for unit tests: a repository described as { path: content }.

import type { DirEntry, FileStat, FileSystem } from '../../src/core/fs';
import { Engine, type EngineOptions } from '../../src/core/engine';
import type { Finding, LintResult } from '../../src/core/types';

export type Tree = Record<string, string | Uint8Array | { symlink: string } | { size: number }>;

export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, string | Uint8Array | { symlink: string } | { size: number }>();

  constructor(tree: Tree, private readonly root = '/ws') {
    for (const [path, content] of Object.entries(tree)) this.files.set(`${root}/${path}`, content);
  }

  private dirs(): Set<string> {
    const out = new Set<string>([this.root]);
    for (const p of this.files.keys()) {
      let d = p.slice(0, p.lastIndexOf('/'));
      while (d.length >= this.root.length) {
        out.add(d);
        d = d.slice(0, d.lastIndexOf('/'));
      }
    }
    return out;
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
    const dirs = this.dirs();
    if (!dirs.has(path)) throw new Error(`ENOENT: ${path}`);
    const names = new Map<string, DirEntry['type']>();
    for (const p of this.files.keys()) {
      if (!p.startsWith(path + '/')) continue;
      const rest = p.slice(path.length + 1);
      const name = rest.split('/')[0];
      const content = this.files.get(p);
      names.set(name, rest.includes('/') ? 'directory' : content && typeof content === 'object' && 'symlink' in content ? 'symlink' : 'file');
    }
    return [...names].map(([name, type]) => ({ name, type }));
  }

  /** Writes a file (workspace-relative), as a save or a new file on disk would. */
  write(rel: string, content: string): void {
    this.files.set(`${this.root}/${rel}`, content);
  }

  async stat(path: string): Promise<FileStat> {
    const content = this.files.get(path);
    if (content === undefined) {
      if (this.dirs().has(path)) return { type: 'directory', size: 0 };
      throw new Error(`ENOENT: ${path}`);
    }
    if (typeof content === 'object' && 'symlink' in content) return this.stat(this.resolve(path, content.symlink));
    if (typeof content === 'object' && 'size' in content && !(content instanceof Uint8Array)) return { type: 'file', size: content.size };
    return { type: 'file', size: typeof content === 'string' ? Buffer.byteLength(content) : content.length };
  }

  async readFile(path: string): Promise<Uint8Array> {
    const content = this.files.get(path);
    if (content === undefined) throw new Error(`ENOENT: ${path}`);
    if (typeof content === 'string') return new TextEncoder().encode(content);
    if (content instanceof Uint8Array) return content;
    if ('symlink' in content) return this.readFile(this.resolve(path, content.symlink));
    return new Uint8Array(content.size);
  }

  async realPath(path: string): Promise<string> {
    const content = this.files.get(path);
    if (content && typeof content === 'object' && 'symlink' in content) return this.resolve(path, content.symlink);
    return path;
  }

  private resolve(from: string, target: string): string {
    return target.startsWith('/') ? target : `${from.slice(0, from.lastIndexOf('/'))}/${target}`;
  }
}

/** Lints an in-memory repository; "today" is fixed so date rules are deterministic. */
export async function lintTree(tree: Tree, options: EngineOptions = {}): Promise<LintResult> {
  return new Engine(new MemoryFileSystem(tree), '/ws', { today: new Date('2026-11-23T12:00:00Z'), ...options }).lintWorkspace();
}

/** Findings of one rule across all roots. */
export async function findingsOf(ruleId: string, tree: Tree, options: EngineOptions = {}): Promise<Finding[]> {
  const result = await lintTree(tree, options);
  return result.roots.flatMap((r) => r.findings.filter((f) => f.ruleId === ruleId));
}

/** A real nbformat-4 notebook from code cells (strings) and markdown cells ({ md }). */
export function notebook(cells: Array<string | { md: string } | { code: string; count: number | null }>, metadata: object = {}): string {
  const toSource = (s: string) => {
    const lines = s.split('\n');
    return lines.map((l, i) => (i < lines.length - 1 ? l + '\n' : l));
  };
  let n = 0;
  return JSON.stringify({
    cells: cells.map((c) =>
      typeof c === 'string'
        ? { cell_type: 'code', execution_count: ++n, metadata: {}, outputs: [], source: toSource(c) }
        : 'md' in c
          ? { cell_type: 'markdown', metadata: {}, source: toSource(c.md) }
          : { cell_type: 'code', execution_count: c.count, metadata: {}, outputs: [], source: toSource(c.code) },
    ),
    metadata: { kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' }, language_info: { name: 'python' }, ...metadata },
    nbformat: 4,
    nbformat_minor: 5,
  }, null, 1);
}
