import { ciOf, depsOf } from '../facts';
import type { FileRule } from '../rule';

const TEMPLATED_PATH = /(^|\/)[^/]*\{\{[^/]*\}\}[^/]*\//;
const JINJA_TAG = /\{%-?|\{\{/;

export const invalidFile: FileRule = {
  id: 'invalid-file',
  pillar: 'code-quality',
  severity: 'error',
  weight: 1,
  title: 'A file the linter must read cannot be parsed',
  scope: 'file',
  kinds: ['notebook', 'yaml', 'requirements', 'toml', 'jenkinsfile'],
  check(file, report) {
    // A project template's files (`{{cookiecutter.project_slug}}/pyproject.toml`, copier's
    // `{{ project_name }}/…`) hold Jinja tags until the template is rendered: not broken files.
    if (TEMPLATED_PATH.test(file.path) && JINJA_TAG.test(file.text)) return;
    const one = (line: number, column: number, message: string) =>
      report({ range: { line, column, endLine: line, endColumn: column + 1 }, message });
    if (file.parseError) return one(file.parseError.line, file.parseError.column, file.parseError.message);
    for (const problem of file.notebook?.problems ?? []) one(1, 1, problem);
    const ci = ciOf(file);
    if (ci?.error) return one(ci.error.line, ci.error.column, `${ci.error.message}: CI checks cannot read it`);
    const deps = depsOf(file);
    if (deps?.error) one(1, 1, `Dependency file cannot be parsed: ${deps.error}`);
  },
};
