import * as assert from 'node:assert/strict';
import { applyBaseline, createBaseline, parseBaseline, pruneBaseline, serializeBaseline, BaselineError } from '../../src/core/baseline';
import { messageFingerprint } from '../../src/core/fingerprint';
import { lintTree } from '../helpers/memoryFs';

const TRAIN = 'import pandas as pd\ndf = pd.read_csv("/home/alice/data/churn.csv")\n';

describe('baseline', () => {
  it('keys findings by file, rule and line content, so moving the line keeps it baselined', async () => {
    const before = await lintTree({ 'train.py': TRAIN });
    const baseline = createBaseline(before);
    assert.deepEqual(Object.keys(baseline.findings['train.py']), ['local-path']);
    assert.equal(Object.values(baseline.findings['train.py']['local-path'])[0], 1);
    // Three lines inserted above and the indentation changed: same finding.
    const moved = await lintTree({ 'train.py': 'import pandas as pd\n\n\n\nif True:\n    df = pd.read_csv("/home/alice/data/churn.csv")\n' });
    const { result, summary } = applyBaseline(moved, baseline);
    const local = result.roots[0].findings.find((f) => f.ruleId === 'local-path')!;
    assert.equal(local.line, 6);
    assert.equal(local.baselineState, 'unchanged');
    assert.equal(summary.new, 0);
  });

  it('counts identical lines: a second copy of a baselined line is new', async () => {
    const baseline = createBaseline(await lintTree({ 'train.py': TRAIN }));
    const twice = await lintTree({ 'train.py': TRAIN + 'df = pd.read_csv("/home/alice/data/churn.csv")\n' });
    const states = applyBaseline(twice, baseline).result.roots[0].findings.filter((f) => f.ruleId === 'local-path').map((f) => f.baselineState);
    assert.deepEqual(states, ['unchanged', 'new']);
  });

  it('a changed line is new, the old entry is reported absent; the score is untouched', async () => {
    const baseline = createBaseline(await lintTree({ 'train.py': TRAIN }));
    const changed = await lintTree({ 'train.py': 'import pandas as pd\ndf = pd.read_csv("/home/bob/other.csv")\n' });
    const { result, summary } = applyBaseline(changed, baseline);
    assert.equal(result.roots[0].findings.find((f) => f.ruleId === 'local-path')!.baselineState, 'new');
    assert.equal(summary.absent, 1);
    assert.deepEqual(result.roots[0].score, changed.roots[0].score);
  });

  it('repository findings are keyed by their root', async () => {
    const baseline = createBaseline(await lintTree({ 'a/poc.yaml': 'name: a\n', 'a/train.py': 'x = 1\n' }));
    assert.ok(baseline.findings['a/']['tests-missing']);
    assert.ok(baseline.findings['a/poc.yaml'], 'a repository finding placed on a poc.yaml key is keyed by that file');
  });

  it('a reworded repository message keeps the fingerprint its baselines hold', async () => {
    const result = await lintTree({ 'train.py': TRAIN });
    const finding = result.roots[0].findings.find((f) => f.ruleId === 'data-versioning-missing')!;
    assert.match(finding.message, /^No data versioning/);
    // The wording before the change, as a baseline made then recorded it.
    const before = 'Data is read only from local files, with no versioning (DVC, Git LFS, lakeFS, Delta) and no managed source (warehouse, object store, feature store): nobody can tell which data a result came from, nor rerun it on production data. Version the data or read it from governed storage by configuration.';
    assert.equal(finding.fingerprint, messageFingerprint(before));
  });

  it('prune drops fixed entries and never adds new findings', async () => {
    const old = createBaseline(await lintTree({ 'train.py': TRAIN }));
    const now = await lintTree({ 'train.py': 'import pandas as pd\ndf = pd.read_csv("/home/bob/new.csv")\n' });
    const pruned = pruneBaseline(old, now);
    assert.equal(pruned.findings['train.py'], undefined);
    assert.ok(pruned.findings['./']['tests-missing'], 'still-present repository findings stay');
  });

  it('serializes with sorted keys and parses back; rejects what is not a baseline', async () => {
    const baseline = createBaseline(await lintTree({ 'z.py': TRAIN, 'a.py': TRAIN }));
    const text = serializeBaseline(baseline);
    assert.deepEqual(Object.keys(JSON.parse(text).findings), ['./', 'a.py', 'z.py']);
    assert.deepEqual(parseBaseline(text), baseline);
    assert.throws(() => parseBaseline('{"version": 1}'), BaselineError);
    assert.throws(() => parseBaseline('{"version": 9, "findings": {}}'), /unsupported version 9/);
    assert.throws(() => parseBaseline('not json'), /not valid JSON/);
    // Wrong-shaped counts are dropped, not trusted.
    assert.deepEqual(parseBaseline('{"version":1,"findings":{"a.py":{"local-path":{"x":-1,"y":"2","z":2}}}}').findings, { 'a.py': { 'local-path': { z: 2 } } });
  });
});
