import * as assert from 'node:assert/strict';
import { isSuppressed } from '../../src/core/suppression';
import { LineIndex } from '../../src/core/text';
import { findingsOf, notebook } from '../helpers/memoryFs';

const MLFLOW = 'mlflow.set_tracking_uri("http://localhost:5000")';

describe('suppression', () => {
  describe('isSuppressed', () => {
    const lines = new LineIndex([
      'a = 1  # poc-readiness-ignore sample-data',
      '# poc-readiness-ignore local-path, localhost-endpoint',
      'b = 2',
      '// poc-readiness-ignore',
      'c = 3',
      '# poc-readiness-ignore-next-line sample-data',
      'd = 4',
    ].join('\n'));

    it('on the same line, for the named rule only', () => {
      assert.equal(isSuppressed(lines, 1, 'sample-data'), true);
      assert.equal(isSuppressed(lines, 1, 'local-path'), false);
    });

    it('on the line above, with a comma-separated list', () => {
      assert.equal(isSuppressed(lines, 3, 'local-path'), true);
      assert.equal(isSuppressed(lines, 3, 'localhost-endpoint'), true);
      assert.equal(isSuppressed(lines, 3, 'sample-data'), false);
    });

    it('without ids, every rule', () => {
      assert.equal(isSuppressed(lines, 5, 'hardcoded-secret'), true);
    });

    it('not two lines below, and not on look-alike markers', () => {
      assert.equal(isSuppressed(lines, 4 + 2, 'sample-data'), false);
      assert.equal(isSuppressed(lines, 7, 'sample-data'), false);
    });
  });

  describe('inline comments in files', () => {
    it('# on the line silences a file rule in Python', async () => {
      assert.deepEqual(await findingsOf('localhost-endpoint', { 'src/app.py': `${MLFLOW}  # poc-readiness-ignore localhost-endpoint\n` }), []);
    });

    it('# on the line above silences it; another id does not', async () => {
      assert.deepEqual(await findingsOf('localhost-endpoint', { 'src/app.py': `# poc-readiness-ignore localhost-endpoint\n${MLFLOW}\n` }), []);
      assert.equal((await findingsOf('localhost-endpoint', { 'src/app.py': `# poc-readiness-ignore sample-data\n${MLFLOW}\n` })).length, 1);
      assert.equal((await findingsOf('localhost-endpoint', { 'src/app.py': `# poc-readiness-ignore localhost-endpoint\n\n${MLFLOW}\n` })).length, 1);
    });

    it('// syntax in a Jenkinsfile and in JSON-with-comments config', async () => {
      const token = 'ghp_' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
      assert.equal((await findingsOf('hardcoded-secret', { Jenkinsfile: `pipeline {\n  environment { GH = '${token}' }\n}\n` })).length, 1);
      assert.deepEqual(await findingsOf('hardcoded-secret', { Jenkinsfile: `pipeline {\n  // poc-readiness-ignore hardcoded-secret\n  environment { GH = '${token}' }\n}\n` }), []);
      assert.deepEqual(await findingsOf('hardcoded-secret', { Jenkinsfile: `pipeline {\n  environment { GH = '${token}' } // poc-readiness-ignore hardcoded-secret\n}\n` }), []);
    });

    it('inside a notebook cell, counted in that cell', async () => {
      const f = await findingsOf('sample-data', {
        'eda.ipynb': notebook([
          '# poc-readiness-ignore sample-data\ndf = pd.read_csv("data/customers.csv", nrows=500)',
          'df2 = pd.read_csv("data/orders.csv", nrows=500)',
        ]),
      });
      assert.deepEqual(f.map((x) => [x.cell, x.line]), [[1, 1]]);
    });

    it('# in YAML, Dockerfiles and requirements files', async () => {
      assert.deepEqual(await findingsOf('localhost-endpoint', { 'config/settings.yaml': '# poc-readiness-ignore localhost-endpoint\nmlflow_uri: http://localhost:5000\n' }), []);
      assert.deepEqual(await findingsOf('dockerfile-unpinned-base', { Dockerfile: '# poc-readiness-ignore dockerfile-unpinned-base\nFROM python:latest\n' }), []);
      assert.deepEqual(await findingsOf('unpinned-dependency', { 'requirements.txt': 'internal-feature-store  # poc-readiness-ignore unpinned-dependency\n' }), []);
    });
  });

  describe('poc.yaml lint configuration', () => {
    it('lint.rules off silences a file rule', async () => {
      const tree = { 'src/app.py': `${MLFLOW}\n` };
      assert.equal((await findingsOf('localhost-endpoint', { ...tree, 'poc.yaml': 'name: churn\n' })).length, 1);
      assert.deepEqual(await findingsOf('localhost-endpoint', { ...tree, 'poc.yaml': 'name: churn\nlint:\n  rules: { localhost-endpoint: off }\n' }), []);
    });

    it('lint.rules off silences a repository rule; other severities apply', async () => {
      assert.deepEqual(await findingsOf('ci-missing', { 'poc.yaml': 'name: churn\nlint:\n  rules: { ci-missing: off }\n' }), []);
      const f = await findingsOf('ci-missing', { 'poc.yaml': 'name: churn\nlint:\n  rules: { ci-missing: error, sample-data: info }\n' });
      assert.deepEqual(f.map((x) => x.severity), ['error']);
    });

    it('lint.ignore removes file findings under the glob', async () => {
      const tree = { 'legacy/old_client.py': `${MLFLOW}\n`, 'src/app.py': `${MLFLOW}\n` };
      const f = await findingsOf('localhost-endpoint', { ...tree, 'poc.yaml': 'name: churn\nlint:\n  ignore: ["legacy/**"]\n' });
      assert.deepEqual(f.map((x) => x.file), ['src/app.py']);
    });

    it('lint.ignore removes files from repository rules too', async () => {
      const big = { size: 5_000_000 };
      assert.equal((await findingsOf('committed-data', { 'poc.yaml': 'name: churn\n', 'data/raw/customers.csv': big })).length, 1);
      assert.deepEqual(await findingsOf('committed-data', { 'poc.yaml': 'name: churn\nlint:\n  ignore: ["data/**"]\n', 'data/raw/customers.csv': big }), []);
      // With the only notebook ignored, notebook-only has nothing to report.
      const nb = notebook(['x = 1']);
      assert.equal((await findingsOf('notebook-only', { 'poc.yaml': 'name: churn\n', 'scratch/eda.ipynb': nb })).length, 1);
      assert.deepEqual(await findingsOf('notebook-only', { 'poc.yaml': 'name: churn\nlint:\n  ignore: ["scratch/**"]\n', 'scratch/eda.ipynb': nb }), []);
    });

    it('an inline comment silences a repository rule reported at a file line', async () => {
      const poc = (extra: string) => `name: churn\nfailure_criteria:\n  - metric: recall\n    threshold: "< 0.60"\n${extra}    decide_by: 2026-10-01\n`;
      assert.equal((await findingsOf('decision-overdue', { 'poc.yaml': poc('') })).length, 1);
      assert.deepEqual(await findingsOf('decision-overdue', { 'poc.yaml': poc('    # poc-readiness-ignore decision-overdue\n') }), []);
    });
  });
});
