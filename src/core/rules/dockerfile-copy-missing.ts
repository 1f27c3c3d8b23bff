import ignore, { type Ignore } from 'ignore';
import type { ContextSource } from '../parsers/dockerfile';
import { basename, dirname, isInside, join, normalize, relative } from '../path';
import type { RepoContext, RepoRule, RootFile } from '../rule';
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

interface Index {
  files: Set<string>;
  dirs: Set<string>;
}

function indexOf(paths: Iterable<string>): Index {
  const files = new Set<string>();
  const dirs = new Set<string>(['.']);
  for (const p of paths) {
    files.add(p);
    for (let d = dirname(p); d !== '.' && d !== '/' && !dirs.has(d); d = dirname(d)) dirs.add(d);
  }
  return { files, dirs };
}

/** Files at or under `p` in the index (a file itself, or a folder's files). */
function filesAt(index: Index, p: string): string[] {
  if (index.files.has(p)) return [p];
  if (!index.dirs.has(p)) return [];
  const prefix = p === '.' ? '' : p + '/';
  return [...index.files].filter((f) => f.startsWith(prefix));
}

/** A wildcard source relative to `context`: the files it matches (Go's filepath.Match, like gitignore's anchored patterns). */
function globMatches(index: Index, context: string, pattern: string): string[] {
  const ig = ignore().add('/' + pattern);
  return [...index.files].filter((f) => isInside(context, f) && f !== context && ig.ignores(relative(context, f)));
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
  notApplicable: (ctx) => (ctx.files.some((f) => isDeploymentDockerfile(f) && f.facts.dockerfile!.contextSources?.length) ? undefined : 'no Dockerfile copies files from its build context'),
  check(ctx, report) {
    const dockerfiles = ctx.files.filter((f) => isDeploymentDockerfile(f) && f.facts.dockerfile!.contextSources?.length);
    if (!dockerfiles.length) return;
    const own = indexOf(ctx.files.map((f) => f.path));
    let workspace: Index | undefined;
    const everywhere = () => (workspace ??= ctx.workspacePaths ? indexOf(ctx.workspacePaths()) : own);
    const gitignores = ctx.files.filter((f) => f.facts.gitignore?.length).map((f) => ({ base: dirname(f.path), ig: ignore().add(f.facts.gitignore!) }));
    const lintIgnore = ctx.config.ignore.length ? ignore().add(ctx.config.ignore) : undefined;
    const byPath = new Map<string, RootFile>(ctx.files.map((f) => [f.path, f]));
    // Compose can build any Dockerfile from any folder (`context: ./app`, `dockerfile: ../docker/Dockerfile`).
    const composeContexts = ctx.files.flatMap((f) => (f.facts.composeContexts ?? []).map((c) => normalize(join(dirname(f.path), c)))).filter((c) => !c.startsWith('..') && !c.startsWith('/'));

    /** Could `p` exist without the walk seeing it? Gitignored, a DVC output, skipped, lint-ignored, build output. */
    const unknowable = (p: string): boolean => {
      if (BUILD_OUTPUT.test(p) || p.split('/').some((s) => ALWAYS_SKIPPED.has(s))) return true;
      for (let d = p; d !== '.' && d !== '/'; d = dirname(d)) {
        if (own.files.has(`${d}.dvc`) || everywhere().files.has(d)) return true;
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
      for (const c of composeContexts) if (!contexts.includes(c)) contexts.push(c);
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
        const found = wildcard ? globMatches(index, context, rel) : filesAt(index, target);
        if (!found.length) {
          if (!wildcard && unknowable(target)) return undefined;
          continue;
        }
        const ignoreList = ignoreFile(context)?.facts.dockerignore;
        const ig = ignoreList?.length ? dockerignoreOf(ignoreList) : undefined;
        if (!ig || found.some((p) => !ig.ignores(relative(context, p)))) return undefined;
        excludedBy ??= ignoreFile(context)!.path;
      }
      if (wildcard && (BUILD_OUTPUT.test(rel) || contexts.some((c) => unknowable(normalize(join(c, rel.slice(0, rel.search(WILDCARD)) || '.')))))) return undefined;
      const where = contexts[0] === '.' ? 'the repository root' : `${contexts[0]}/`;
      if (excludedBy) {
        return `${src.instruction} ${src.path}: excluded from the build context by ${excludedBy}, so the build fails with "not found". Remove the matching pattern, or stop copying it.`;
      }
      const elsewhere = wildcard ? undefined : [...own.files].find((p) => p.endsWith('/' + rel) && isInside(ctx.root, p));
      const hint = elsewhere ? ` ${elsewhere} exists: copy it by its path in the build context.` : '';
      return wildcard
        ? `${src.instruction} ${src.path} matches no file in the build context (${where} or a folder above it): the build fails.${hint}`
        : `${src.instruction} ${src.path}: no such file or folder in the build context (${where} or a folder above it), so the build fails with "not found".${hint}`;
    }
  },
};
