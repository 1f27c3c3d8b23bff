import * as assert from 'node:assert/strict';
import { changedSpan, sharedPrefixOf, withLocalPathAllowed, withRuleOff } from '../../../src/core/fix/manifest';
import { parseDocument } from 'yaml';
import { lintTree } from '../../helpers/memoryFs';

const MANIFEST = '# Churn PoC: what we try to prove\nname: churn-poc\nowner: Dana Lee  # business owner\n';

describe('poc.yaml edits behind code actions', () => {
  it('turns a rule off under lint.rules, keeping comments and other keys', () => {
    const out = withRuleOff(MANIFEST, 'model-card-missing')!;
    assert.equal(out, `${MANIFEST}lint:\n  rules:\n    model-card-missing: off\n`);
    // Into an existing lint block, next to what is there.
    const again = withRuleOff(out.replace('model-card-missing: off', 'tests-missing: info'), 'ci-missing')!;
    assert.match(again, /lint:\n  rules:\n    tests-missing: info\n    ci-missing: off\n/);
    // An empty `lint:` is filled in, not followed by a second one (which no YAML parser accepts).
    const filled = withRuleOff(`${MANIFEST}lint:\n`, 'ci-missing')!;
    assert.equal(filled.match(/^lint:/gm)?.length, 1);
    assert.deepEqual(parseDocument(filled).toJS().lint, { rules: { 'ci-missing': 'off' } });
  });

  it('keeps the file readable: CRLF line endings, an indented document, directives and a `...` end (fix checks on hostile manifests)', () => {
    const crlf = withRuleOff(MANIFEST.replace(/\n/g, '\r\n'), 'ci-missing')!;
    assert.equal(crlf.replace(/\r\n/g, '').includes('\n'), false, 'every line ends in CRLF');
    assert.ok(crlf.endsWith('lint:\r\n  rules:\r\n    ci-missing: off\r\n'));
    const crlfInto = withRuleOff(`${MANIFEST}lint:\n  rules:\n    tests-missing: info\n`.replace(/\n/g, '\r\n'), 'ci-missing')!;
    assert.equal(crlfInto.replace(/\r\n/g, '').includes('\n'), false);
    const indented = withRuleOff('  # manifest\n  name: churn\n  problem: Cut churn.\n', 'ci-missing')!;
    assert.equal(indented, '  # manifest\n  name: churn\n  problem: Cut churn.\n  lint:\n    rules:\n      ci-missing: off\n');
    const ended = withRuleOff('%YAML 1.2\n---\nname: churn\n...\n', 'ci-missing')!;
    const back = parseDocument(ended);
    assert.deepEqual(back.errors, []);
    assert.deepEqual(back.toJS(), { name: 'churn', lint: { rules: { 'ci-missing': 'off' } } });
    assert.deepEqual(parseDocument(withLocalPathAllowed('  name: churn\n', '/efs/')!).toJS(), { name: 'churn', lint: { local_path_allow: ['/efs/'] } });
  });

  it('the rule it turns off is off for the engine', async () => {
    const tree = { 'poc.yaml': withRuleOff(MANIFEST, 'ci-missing')!, 'train.py': 'print(1)\n' };
    const result = await lintTree(tree);
    assert.equal(result.roots[0].findings.some((f) => f.ruleId === 'ci-missing'), false);
    assert.equal(result.roots[0].findings.some((f) => f.ruleId === 'container-missing'), true);
  });

  it('adds an allowed prefix once, and the path is no longer flagged', async () => {
    const before = await lintTree({ 'poc.yaml': MANIFEST, 'train.py': 'df = open("/efs/team/churn/train.csv")\n' });
    assert.equal(before.roots[0].findings.filter((f) => f.ruleId === 'local-path').length, 1);
    const out = withLocalPathAllowed(MANIFEST, '/efs/')!;
    assert.equal(out, `${MANIFEST}lint:\n  local_path_allow:\n    - '/efs/'\n`);
    assert.equal(withLocalPathAllowed(out, '/efs/'), out);
    const result = await lintTree({ 'poc.yaml': out, 'train.py': 'df = open("/efs/team/churn/train.csv")\n' });
    assert.equal(result.roots[0].findings.some((f) => f.ruleId === 'local-path'), false);
  });

  it('writes a UNC prefix so that the entry itself is not a new local-path finding', async () => {
    const unc = '\\\\fileserver\\share\\';
    const code = { 'load.py': 'import pandas as pd\nz = pd.read_csv(r"\\\\fileserver\\share\\data.csv")\n' };
    assert.equal((await lintTree({ 'poc.yaml': MANIFEST, ...code })).roots[0].findings.filter((f) => f.ruleId === 'local-path').length, 1);
    // Appended, and through the Document API (a lint: block already there).
    for (const manifest of [MANIFEST, `${MANIFEST}lint:\n  rules:\n    ci-missing: off\n`]) {
      const out = withLocalPathAllowed(manifest, unc)!;
      assert.match(out, /- '\\\\fileserver\\share\\'\n/);
      assert.deepEqual((await lintTree({ 'poc.yaml': out, ...code })).roots[0].findings.filter((f) => f.ruleId === 'local-path'), []);
    }
  });

  it('leaves a file alone that does not parse or whose lint block has another shape', () => {
    assert.equal(withRuleOff('name: [unclosed\n', 'ci-missing'), undefined);
    assert.equal(withRuleOff('lint: yes\n', 'ci-missing'), undefined);
    assert.equal(withLocalPathAllowed('lint:\n  local_path_allow: /efs/\n', '/mnt/'), undefined);
  });

  it('proposes the mount as the prefix, never a home folder or a drive', () => {
    assert.equal(sharedPrefixOf('/efs/team/churn/train.csv'), '/efs/');
    assert.equal(sharedPrefixOf('/mnt/shared/churn/train.csv'), '/mnt/shared/');
    assert.equal(sharedPrefixOf('\\\\fileserver\\analytics\\churn'), '\\\\fileserver\\analytics\\');
    assert.equal(sharedPrefixOf('/home/dana/data/x.csv'), undefined);
    assert.equal(sharedPrefixOf('/mnt/c/Users/dana/x.csv'), undefined);
    assert.equal(sharedPrefixOf('C:\\data\\x.csv'), undefined);
  });

  it('into a lint block already there, inserts lines and keeps every other byte (no re-formatting, comments, flow lists, long lines)', () => {
    const manifest =
      'name: churn   # the PoC\r\nlint:\r\n    local_path_allow:\r\n        - "/efs/"   # the team share\r\n    ignore: ["data/**",   "notebooks/scratch/**"]\r\n' +
      'owner: a sentence long enough that a YAML printer folds it at eighty columns, which is not what the title said\r\n';
    const allowed = withLocalPathAllowed(manifest, '/mnt/shared/')!;
    assert.equal(allowed, manifest.replace('# the team share\r\n', "# the team share\r\n        - '/mnt/shared/'\r\n"));
    const off = withRuleOff(manifest, 'ci-missing')!;
    assert.equal(off, manifest.replace('"notebooks/scratch/**"]\r\n', '"notebooks/scratch/**"]\r\n    rules:\r\n        ci-missing: off\r\n'));
    const into = withRuleOff('lint:\n  rules:\n    tests-missing: info\n  # later\nname: x', 'ci-missing')!;
    assert.equal(into, 'lint:\n  rules:\n    tests-missing: info\n    ci-missing: off\n  # later\nname: x');
    // A flow mapping cannot take lines: the Document API edits it.
    assert.deepEqual(parseDocument(withRuleOff('lint: {rules: {a: off}}\n', 'ci-missing')!).toJS(), { lint: { rules: { a: 'off', 'ci-missing': 'off' } } });
  });

  it('gives editors the changed span only, so the edit shows (and undoes) as the lines it adds', () => {
    const before = 'name: x\nlint:\n  rules:\n    a: off\nowner: é\n';
    const after = withRuleOff(before, 'ci-missing')!;
    assert.deepEqual(changedSpan(before, after), { start: { line: 4, character: 0 }, end: { line: 4, character: 0 }, newText: '    ci-missing: off\n' });
    assert.deepEqual(changedSpan('a\nb', 'a\nbc'), { start: { line: 1, character: 0 }, end: { line: 1, character: 1 }, newText: 'bc' });
    assert.deepEqual(changedSpan('same', 'same'), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 }, newText: '' });
  });
});
