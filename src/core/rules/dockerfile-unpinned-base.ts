import { dockerfileOf } from '../facts';
import type { FileRule } from '../rule';

export const dockerfileUnpinnedBase: FileRule = {
  id: 'dockerfile-unpinned-base',
  pillar: 'abstract-infrastructure',
  severity: 'warning',
  weight: 1,
  title: 'Base image without a version tag, or tagged :latest',
  scope: 'file',
  kinds: ['dockerfile'],
  check(file, report) {
    for (const stage of dockerfileOf(file).stages) {
      if (stage.internal || stage.digest || !stage.image || stage.image.toLowerCase() === 'scratch') continue;
      // `latest-gpu`, `gpu-latest`, `nightly`, `stable` move like `latest` does.
      const floating = !stage.tag || /^(?:latest|nightly|stable|edge|main|master|rolling|devel)$|^latest[-_.]|[-_.]latest$|^nightly[-_.]/.test(stage.tag);
      if (!floating) continue;
      // The reference as written (registry included), or the resolved image when it came from an ARG.
      const ref = /\$/.test(stage.reference) ? `${stage.image}${stage.tag ? ':' + stage.tag : ''}` : stage.reference.replace(/@.*$/, '');
      const what = stage.tag ? `'${ref}'` : `'${ref}' has no tag and`;
      report({
        range: { line: stage.line, column: stage.column, endLine: stage.line, endColumn: stage.endColumn },
        message: `Base image ${what} floats: the same Dockerfile builds a different image next month. Pin a version tag (e.g. python:3.11-slim) or a digest.`,
      });
    }
  },
};
