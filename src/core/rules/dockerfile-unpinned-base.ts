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
      if (stage.tag && stage.tag !== 'latest') continue;
      const what = stage.tag ? `'${stage.image}:latest'` : `'${stage.image}' has no tag and`;
      report({
        range: { line: stage.line, column: stage.column, endLine: stage.line, endColumn: stage.endColumn },
        message: `Base image ${what} floats: the same Dockerfile builds a different image next month. Pin a version tag (e.g. python:3.11-slim) or a digest.`,
      });
    }
  },
};
