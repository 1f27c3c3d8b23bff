import ignore, { type Ignore } from 'ignore';
import type { ContextSource } from '../parsers/dockerfile';
import { basename, dirname, isInside, join, normalize, relative } from '../path';
import type { RepoRule, RootFile } from '../rule';
import { ALWAYS_SKIPPED } from '../walker';
import { isDeploymentDockerfile } from './util';

// A COPY / ADD of a source that is not in the build context fails the build ("not found").
// The build context is not written in the Dockerfile: it is the Dockerfile's folder or one
// above it (`docker build -f docker/Dockerfile .`). A source counts as present when it exists
// in any of them; it is reported only when none has it and nothing says it could appear
// (gitignored build output, a DVC pointer, a file the walk skipped). Precision over recall.

/** Files that exist in a clean checkout only after a build step, not in the repository. */
const BUILD_OUTPUT = /(^|\/)(dist|build|target|wheels?)(\/|$)|\.(whl|egg)$/;
const WILDCARD = /[*?[]/;

/**
 * Paths in sorted order: a file, or a folder's files, are found by binary search, so the rule
 * costs per source, not per file of the workspace (it runs on every re-evaluation of the root).
 */
class PathIndex {
  private readonly paths: string[];

  constructor(paths: string[]) {
    let sorted = true;
    for (let i = 1; i < paths.length && sorted; i++) if (paths[i - 1] > paths[i]) sorted = false;
    this.paths = sorted ? paths : [...paths].sort();
  }

  /** Index of the first path not below `p`. */
  private lowerBound(p: string): number {
    let lo = 0;
    let hi = this.paths.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.paths[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  has(p: string): boolean {
    return this.paths[this.lowerBound(p)] === p;
  }

  /** The paths starting with `prefix`, in order. */
  *startingWith(prefix: string): Iterable<string> {
    for (let i = this.lowerBound(prefix); i < this.paths.length && this.paths[i].startsWith(prefix); i++) yield this.paths[i];
  }

  /** Files at or under `p` (a file itself, or a folder's files). */
  filesAt(p: string, limit = Infinity): string[] {
    if (p === '.') return this.paths.slice(0, Math.min(this.paths.length, limit));
    if (this.has(p)) return [p];
    const out: string[] = [];
    for (const f of this.startingWith(p + '/')) {
      out.push(f);
      if (out.length >= limit) break;
    }
    return out;
  }

  /** A wildcard source relative to `context`: the files it matches (Go's filepath.Match, like gitignore's anchored patterns). */
  globMatches(context: string, pattern: string): string[] {
    // Only the folder before the first wildcard can hold a match.
    const literal = pattern.slice(0, pattern.search(WILDCARD));
    const folder = literal.includes('/') ? literal.slice(0, literal.lastIndexOf('/') + 1) : '';
    const prefix = (context === '.' ? '' : context + '/') + folder;
    const ig = ignore().add('/' + pattern);
    const out: string[] = [];
    for (const f of this.startingWith(prefix)) if (ig.ignores(relative(context, f))) out.push(f);
    return out;
  }

  find(predicate: (p: string) => boolean): string | undefined {
    return this.paths.find(predicate);
  }
}

/**
 * A .dockerignore as gitignore patterns: Docker anchors every pattern at the context root
 * (`*.csv` is the root's CSV files only). Undefined when it re-includes with `!`: Docker lets
 * `!` reach into an excluded folder, gitignore does not, and guessing could report a file wrongly.
 */
function dockerignoreOf(patterns: readonly string[]): Ignore | undefined {
  if (patterns.some((p) => p.startsWith('!'))) return undefined;
  return ignore().add(patterns.map((p) => {
    const body = p.replace(/^\/+/, '');
    return body.startsWith('**') ? body : '/' + body;
  }));
}

export const dockerfileCopyMissing: RepoRule = {
  id: 'dockerfile-copy-missing',
  pillar: 'abstract-infrastructure',
  severity: 'warning',
  weight: 1,
  title: 'A Dockerfile COPY / ADD source that is not in the build context',
  scope: 'repository',
  reads: ['dockerfile', 'gitignore', 'dockerignore', 'composeContexts'],
  notApplicable: (ctx) => (ctx.files.some((f) => f.facts.dockerfile?.contextSources?.length && isDeploymentDockerfile(f)) ? undefined : 'no Dockerfile copies files from its build context'),
  check(ctx, report) {
    // One pass over the root's files: it runs on every re-evaluation of the root.
    const dockerfiles: RootFile[] = [];
    const paths: string[] = [];
    const gitignores: Array<{ base: string; ig: Ignore }> = [];
    const byPath = new Map<string, RootFile>();
    const composeContexts: string[] = [];
    for (const f of ctx.files) {
      paths.push(f.path);
      const facts = f.facts;
      if (facts.dockerfile?.contextSources?.length && isDeploymentDockerfile(f)) dockerfiles.push(f);
      else if (facts.gitignore?.length) gitignores.push({ base: dirname(f.path), ig: ignore().add(facts.gitignore) });
      else if (facts.dockerignore) byPath.set(f.path, f);
      // Compose can build any Dockerfile from any folder (`context: ./app`, `dockerfile: ../docker/Dockerfile`).
      else if (facts.composeContexts) for (const c of facts.composeContexts) composeContexts.push(normalize(join(dirname(f.path), c)));
    }
    if (!dockerfiles.length) return;
    const own = new PathIndex(paths);
    let workspace: PathIndex | undefined;
    const everywhere = () => (workspace ??= ctx.workspacePaths ? new PathIndex([...ctx.workspacePaths()]) : own);
    const lintIgnore = ctx.config.ignore.length ? ignore().add(ctx.config.ignore) : undefined;

    /** Could `p` exist without the walk seeing it? Gitignored, a DVC output, skipped, lint-ignored, build output. */
    const unknowable = (p: string): boolean => {
      if (BUILD_OUTPUT.test(p) || p.split('/').some((s) => ALWAYS_SKIPPED.has(s))) return true;
      for (let d = p; d !== '.' && d !== '/'; d = dirname(d)) {
        if (own.has(`${d}.dvc`) || everywhere().has(d)) return true;
      }
      if (lintIgnore && isInside(ctx.root, p) && lintIgnore.ignores(relative(ctx.root, p))) return true;
      return gitignores.some(({ base, ig }) => isInside(base, p) && p !== base && ig.ignores(relative(base, p)));
    };

    for (const f of dockerfiles) {
      const dir = dirname(f.path);
      // Nearest first: the Dockerfile's folder, then each folder above it.
      const contexts: string[] = [];
      for (let d = dir; ; d = dirname(d)) {
        contexts.push(d);
        if (d === '.' || d === '/') break;
      }
      for (const c of composeContexts) if (!contexts.includes(c) && !c.startsWith('..') && !c.startsWith('/')) contexts.push(c);
      const ignoreFile = (context: string) => byPath.get(join(dir, `${basename(f.path)}.dockerignore`)) ?? byPath.get(join(context, '.dockerignore'));
      for (const src of f.facts.dockerfile!.contextSources) {
        const verdict = judge(src, contexts, ignoreFile);
        if (verdict) report({ file: f.path, range: { line: src.line, column: src.column, endLine: src.line, endColumn: src.endColumn }, message: verdict, data: { source: src.path } });
      }
    }

    function judge(src: ContextSource, contexts: string[], ignoreFile: (context: string) => RootFile | undefined): string | undefined {
      const rel = src.path.replace(/^\/+/, '') || '.';
      if (rel === '.' || normalize(rel) === '.') return undefined;
      const wildcard = WILDCARD.test(rel);
      let excludedBy: string | undefined;
      for (const context of contexts) {
        const target = normalize(join(context, rel));
        const inRoot = isInside(ctx.root, context);
        const index = inRoot && isInside(ctx.root, target) ? own : everywhere();
        const ignoreList = ignoreFile(context)?.facts.dockerignore;
        const ig = ignoreList?.length ? dockerignoreOf(ignoreList) : undefined;
        // Without a .dockerignore to judge against, one file is proof enough.
        const found = wildcard ? index.globMatches(context, rel) : index.filesAt(target, ig ? Infinity : 1);
        if (!found.length) {
          if (!wildcard && unknowable(target)) return undefined;
          continue;
        }
        if (!ig || found.some((p) => !ig.ignores(relative(context, p)))) return undefined;
        excludedBy ??= ignoreFile(context)!.path;
      }
      if (wildcard && (BUILD_OUTPUT.test(rel) || contexts.some((c) => unknowable(normalize(join(c, rel.slice(0, rel.search(WILDCARD)) || '.')))))) return undefined;
      const where = contexts[0] === '.' ? 'the repository root' : `${contexts[0]}/`;
      if (excludedBy) {
        return `${src.instruction} ${src.path}: excluded from the build context by ${excludedBy}, so the build fails with "not found". Remove the matching pattern, or stop copying it.`;
      }
      const elsewhere = wildcard ? undefined : own.find((p) => p.endsWith('/' + rel) && isInside(ctx.root, p));
      const hint = elsewhere ? ` ${elsewhere} exists: copy it by its path in the build context.` : '';
      return wildcard
        ? `${src.instruction} ${src.path} matches no file in the build context (${where} or a folder above it): the build fails.${hint}`
        : `${src.instruction} ${src.path}: no such file or folder in the build context (${where} or a folder above it), so the build fails with "not found".${hint}`;
    }
  },
};
