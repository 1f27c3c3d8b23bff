import { depsKind } from '../parsers/deps';
import { vcsUrlParts } from '../parsers/imports';
import { dirname, isInside } from '../path';
import type { RepoContext, RepoRule, RootFile } from '../rule';
import { isGeneratedArtifact } from './util';

/** Installers and build tools that requirement files list without a pin on purpose. */
const TOOLING = new Set(['pip', 'setuptools', 'wheel', 'build', 'pip-tools', 'uv']);

export const unpinnedDependency: RepoRule = {
  id: 'unpinned-dependency',
  pillar: 'code-quality',
  severity: 'warning',
  weight: 2,
  title: 'Dependency without a version pin and no lock file',
  scope: 'repository',
  reads: ['deps'],
  notApplicable: (ctx) => (judgedDependencyFiles(ctx).length ? undefined : 'no dependency file that a lock file does not already pin'),
  // 2 unpinned lines of 35 lose 2/35 of the weight: pins raise the score line by line.
  failShare(ctx) {
    const files = judgedDependencyFiles(ctx);
    const declared = files.reduce((n, f) => n + f.facts.deps!.count, 0);
    const unpinned = files.reduce((n, f) => n + unpinnedOf(f).length + (f.facts.deps!.unpinnedNotListed ?? 0), 0);
    return declared ? unpinned / declared : 1;
  },
  check(ctx, report) {
    for (const f of judgedDependencyFiles(ctx)) {
      for (const d of unpinnedOf(f)) {
        report({
          file: f.path,
          range: { line: d.line, column: d.column, endLine: d.line, endColumn: d.endColumn },
          message: /^(?:@\s*)?git\+/.test(d.spec)
            ? `'${d.spec.startsWith('@') ? `${d.name} ${d.spec}` : d.spec}' installs whatever its branch holds on the day of the install, and there is no lock file. Pin a commit or a release tag (${d.spec.startsWith('@') ? `${d.name} @ ` : ''}${atCommit(d.spec)}), or require a released version instead.`
            : `'${d.name}${d.spec ? ' ' + d.spec : ''}' is not pinned and there is no lock file: the next install may pull a different version. Pin it (${d.name}==<version>) or commit a lock file.`,
        });
      }
      const deps = f.facts.deps!;
      if (deps.unpinnedNotListed) {
        const last = deps.unpinned[deps.unpinned.length - 1];
        report({ file: f.path, range: { line: last.line, column: last.column, endLine: last.line, endColumn: last.endColumn }, message: `${deps.unpinnedNotListed} more unpinned entries in this file are not listed (the first ${deps.unpinned.length} are). Pin them or commit a lock file.` });
      }
    }
  },
};

function unpinnedOf(f: RootFile) {
  return f.facts.deps!.unpinned.filter((d) => !TOOLING.has(d.name.toLowerCase()));
}

/** Dependency files whose pins are up to the file itself: not setup.py, lock files, generated files, or files a lock covers. */
function judgedDependencyFiles(ctx: RepoContext): RootFile[] {
  // notApplicable, failShare and check ask in the same evaluation: judge once.
  let judged = JUDGED.get(ctx.files);
  if (!judged) JUDGED.set(ctx.files, (judged = judgeDependencyFiles(ctx)));
  return judged;
}

const JUDGED = new WeakMap<readonly RootFile[], RootFile[]>();

function judgeDependencyFiles(ctx: RepoContext): RootFile[] {
  // A lock file (poetry.lock, uv.lock, Pipfile.lock…; judged by name, the engine does not read
  // them) or a pip-compile output pins the dependency files of its own folder and below — not
  // a sibling project of a monorepo.
  const lockDirs = ctx.files.filter((f) => f.facts.deps?.locked || byName(f).lock).map((f) => dirname(f.path));
  // `mlflow.log_model` writes conda.yaml / requirements.txt beside an MLmodel file: generated, not declared.
  const modelDirs = new Set(ctx.files.filter((f) => byName(f).mlModel).map((f) => dirname(f.path)));
  return ctx.files.filter((f) => {
    const deps = f.facts.deps;
    if (!deps || deps.kind === 'setup' || deps.kind === 'lock' || isGeneratedArtifact(f.path) || modelDirs.has(dirname(f.path))) return false;
    return !lockDirs.some((dir) => isInside(dir, f.path));
  });
}

/** What a file's name says, once per analysis (a keystroke re-evaluates the root, not every name). */
const NAMES = new WeakMap<RootFile['facts'], { path: string; lock: boolean; mlModel: boolean }>();
function byName(f: RootFile): { lock: boolean; mlModel: boolean } {
  let known = NAMES.get(f.facts);
  if (!known || known.path !== f.path) NAMES.set(f.facts, (known = { path: f.path, lock: depsKind(f.path) === 'lock', mlModel: /(^|\/)MLmodel$/.test(f.path) }));
  return known;
}

/** The git URL with its ref replaced by `@<commit>`, its `#egg=` / `#subdirectory=` fragment kept. */
function atCommit(spec: string): string {
  const url = spec.replace(/^@\s*/, '');
  const parts = vcsUrlParts(url);
  return parts ? `${parts.repository}@<commit>${parts.fragment ?? ''}` : `${url}@<commit>`;
}
