import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../src/core/rules';

const ROOT = path.resolve(__dirname, '../../..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');

// Rule ids are a public contract: every one is documented, configurable and listed, consistently.
describe('rule catalog', () => {
  it('has unique kebab-case ids, covering the brief\'s catalog', () => {
    const ids = RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) assert.match(id, /^[a-z]+(-[a-z]+)*$/);
    const brief = ['local-path', 'hardcoded-secret', 'localhost-endpoint', 'container-missing', 'dockerfile-unpinned-base', 'dockerfile-root-user', 'dockerignore-missing', 'ci-missing', 'ci-no-tests', 'ci-no-container-build', 'tests-missing', 'notebook-only', 'notebook-pip-install', 'notebook-out-of-order', 'dependencies-undeclared', 'unpinned-dependency', 'sample-data', 'committed-data', 'data-requirements-missing', 'data-requirements-open', 'manifest-missing', 'manifest-invalid', 'owner-missing', 'success-criteria-missing', 'failure-criteria-missing', 'decision-overdue'];
    for (const id of brief) assert.ok(ids.includes(id), id);
  });

  for (const rule of RULES) {
    it(`${rule.id}: doc page with matching pillar, severity, weight and scope; in the index, the README and the settings schema`, () => {
      const doc = read(`docs/rules/${rule.id}.md`);
      assert.match(doc, new RegExp(`^# ${rule.id}\\n`));
      const row = new RegExp(`\\|\\s*${rule.pillar}\\s*\\|\\s*${rule.severity}\\s*\\|\\s*${rule.weight}\\s*\\|\\s*${rule.scope}[^|]*\\|`);
      assert.match(doc, row, 'metadata table');
      for (const section of ['## What it flags', '## Why it matters', '## How to fix', '## Example']) assert.ok(doc.includes(section), section);
      assert.ok(read('docs/rules/README.md').includes(`](${rule.id}.md)`), 'docs index');
      assert.ok(read('README.md').includes(`(docs/rules/${rule.id}.md)`), 'README rule table');
      const settings = JSON.parse(read('package.json')).contributes.configuration.properties['pocReadiness.rules'].properties;
      assert.ok(settings[rule.id], 'pocReadiness.rules schema');
    });
  }
});
