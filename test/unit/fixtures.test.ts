import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { Engine } from '../../src/core/engine';
import { NodeFileSystem, toPosix } from '../../src/node/nodeFs';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');
const lint = (name: string) => new Engine(new NodeFileSystem(), toPosix(path.join(FIXTURES, name)), { today: new Date('2026-11-23') }).lintWorkspace();

// The fixtures shared by the unit, integration and end-to-end suites.
describe('fixture repositories', () => {
  it('traps: a repository full of near-misses yields no finding at all', async () => {
    const result = await lint('traps');
    assert.deepEqual(result.roots.flatMap((r) => r.findings), []);
  });

  it('notebook-pilot: the laptop pilot is Manual and fails every pillar somewhere', async () => {
    const [root] = (await lint('notebook-pilot')).roots;
    assert.equal(root.score.level, 'manual');
    const ids = new Set(root.findings.map((f) => f.ruleId));
    for (const id of ['local-path', 'sample-data', 'notebook-pip-install', 'notebook-out-of-order', 'unpinned-dependency', 'container-missing', 'ci-missing', 'manifest-missing', 'failure-criteria-missing', 'data-requirements-missing', 'localhost-endpoint']) {
      assert.ok(ids.has(id), `expected ${id}`);
    }
    assert.ok(root.score.total < 60);
  });

  it('production-ready: Pipelined, with only the open data requirement left', async () => {
    const [root] = (await lint('production-ready')).roots;
    assert.equal(root.score.level, 'pipelined');
    assert.deepEqual(root.findings.map((f) => f.ruleId), ['data-requirements-open']);
    const seen = root.score.evidence.filter((e) => e.present).map((e) => e.item);
    assert.deepEqual(seen, ['code', 'dependencies', 'ci-tests', 'automated-pipeline', 'monitoring', 'model-registry']);
    assert.deepEqual(root.score.next, { level: 'continuous', missing: ['scheduled or triggered retraining'] });
  });
});
