import { depsOf } from '../facts';
import type { FileRule } from '../rule';
import { isGeneratedArtifact } from './util';

export const requirementInvalid: FileRule = {
  id: 'requirement-invalid',
  pillar: 'code-quality',
  severity: 'error',
  weight: 2,
  title: 'Requirements line that pip cannot install (code, a command, a stdlib or placeholder name, broken syntax)',
  scope: 'file',
  kinds: ['requirements'],
  check(file, report) {
    // Requirements MLflow writes beside a logged model are its output, not the project's to edit.
    if (isGeneratedArtifact(file.path)) return;
    for (const bad of depsOf(file)?.invalid ?? []) {
      report({
        range: { line: bad.line, column: bad.column, endLine: bad.line, endColumn: bad.endColumn },
        message: `Line ${bad.line} '${bad.text.length > 80 ? bad.text.slice(0, 77) + '…' : bad.text}' ${bad.reason}`,
      });
    }
  },
};
