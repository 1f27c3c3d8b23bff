import { isGeneratedArtifact } from './util';
import { depsKind } from '../parsers/deps';
import type { RepoRule } from '../rule';

export const unpinnedDependency: RepoRule = {
  id: 'unpinned-dependency',
  pillar: 'code-quality',
  severity: 'warning',
  weight: 2,
  title: 'Dependency without a version pin and no lock file',
  scope: 'repository',
  check(ctx, report) {
    // Lock files (poetry.lock, uv.lock, Pipfile.lock…) are not read as text (their kind is 'other'): judge them by name.
    if (ctx.files.some((f) => f.facts.deps?.locked || depsKind(f.path) === 'lock')) return;
    for (const f of ctx.files) {
      const deps = f.facts.deps;
      if (!deps || deps.kind === 'setup') continue;
      for (const d of deps.unpinned) {
        report({
          file: f.path,
          range: { line: d.line, column: d.column, endLine: d.line, endColumn: d.endColumn },
          message: `'${d.name}${d.spec ? ' ' + d.spec : ''}' is not pinned and there is no lock file: the next install may pull a different version. Pin it (${d.name}==<version>) or commit a lock file.`,
        });
      }
    }
  },
};
