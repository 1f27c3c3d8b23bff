import * as assert from 'node:assert/strict';
import { Engine } from '../../src/core/engine';
import { MemoryFileSystem, lintTree, type Tree } from '../helpers/memoryFs';
import { parsePyprojectConfig } from '../../src/core/config';

const PYPROJECT = `[project]
name = "churn"
dependencies = ["pandas==2.2.2"]

[tool.poc-readiness]
rules = { tests-missing = "off", local-path = "error" }
ignore = ["scratch/**"]
local-path-allow = ["/opt/ml/"]
`;

async function configOf(tree: Tree, root = '.', overrides?: object) {
  const engine = new Engine(new MemoryFileSystem(tree), '/ws', overrides ? { overrides } : {});
  await engine.scan();
  return engine.configOf(root);
}

describe('configuration layers', () => {
  it('reads [tool.poc-readiness] from pyproject.toml: rules, ignore, local-path allow-list', async () => {
    const result = await lintTree({
      'pyproject.toml': PYPROJECT,
      'train.py': 'a = "/home/alice/x.csv"\nb = "/opt/ml/input/y.csv"\n',
      'scratch/try.py': 'c = "/home/alice/z.csv"\n',
    });
    const findings = result.roots[0].findings;
    const local = findings.filter((f) => f.ruleId === 'local-path');
    assert.deepEqual(local.map((f) => [f.file, f.line, f.severity]), [['train.py', 1, 'error']]);
    assert.equal(findings.some((f) => f.ruleId === 'tests-missing'), false);
  });

  it('precedence: policy < pyproject.toml < poc.yaml < settings; ignore lists add up', async () => {
    const { config, layers } = await configOf(
      {
        'policy.yaml': 'rules: { sample-data: error, local-path: info, ci-missing: info }\nignore: [ "vendor/**" ]\n',
        'pyproject.toml': PYPROJECT,
        'poc.yaml': 'name: churn\nlint:\n  extends: policy.yaml\n  rules: { local-path: warning }\n',
      },
      '.',
      { rules: { 'ci-missing': 'off' } },
    );
    assert.deepEqual(layers.map((l) => l.source), ['policy policy.yaml', 'pyproject.toml', 'poc.yaml', 'settings']);
    assert.equal(config.rules['sample-data'], 'error');
    assert.equal(config.rules['local-path'], 'warning');
    assert.equal(config.rules['tests-missing'], 'off');
    assert.equal(config.rules['ci-missing'], 'off');
    assert.deepEqual(config.ignore, ['vendor/**', 'scratch/**']);
  });

  it('extends follows chains outside the workspace and reports a cycle at the extends key', async () => {
    const fs = new MemoryFileSystem({
      'ws/poc.yaml': 'name: churn\nlint:\n  extends: ../shared/team.yaml\n',
      'shared/team.yaml': 'extends: org.yaml\nrules: { local-path: error }\n',
      'shared/org.yaml': 'extends: team.yaml\nrules: { sample-data: off }\n',
    }, '/top');
    const engine = new Engine(fs, '/top/ws');
    const result = await engine.lintWorkspace();
    const problem = result.roots[0].findings.find((f) => f.ruleId === 'invalid-file')!;
    assert.equal(problem.file, 'poc.yaml');
    assert.equal(problem.line, 3);
    assert.match(problem.message, /extends cycle: \/top\/shared\/team\.yaml -> \/top\/shared\/org\.yaml -> \/top\/shared\/team\.yaml/);
    // What was read before the cycle still applies.
    assert.equal(engine.configOf('.').config.rules['local-path'], 'error');
  });

  it('a policy inside the workspace saved with new rules is re-read; the old one applies meanwhile', async () => {
    const fs = new MemoryFileSystem({ 'policy.yaml': 'rules: { local-path: error }\n', 'poc.yaml': 'name: churn\nlint:\n  extends: policy.yaml\n' });
    const engine = new Engine(fs, '/ws');
    await engine.scan();
    assert.equal(engine.configOf('.').config.rules['local-path'], 'error');
    // The editor saves the file (the test writes the in-memory disk), the watcher refreshes it.
    (fs as unknown as { files: Map<string, string> }).files.set('/ws/policy.yaml', 'rules: { local-path: info }\n');
    const refreshed = engine.refreshFile('policy.yaml');
    assert.equal(engine.configOf('.').config.rules['local-path'], 'error');
    await refreshed;
    await engine.settled();
    assert.equal(engine.configOf('.').config.rules['local-path'], 'info');
    assert.equal(engine.evaluate().roots[0].findings.some((f) => f.ruleId === 'invalid-file'), false);
  });

  it('a missing policy is a finding, not a crash', async () => {
    const result = await lintTree({ 'poc.yaml': 'name: churn\nlint:\n  extends: nowhere.yaml\n' });
    const problem = result.roots[0].findings.find((f) => f.ruleId === 'invalid-file')!;
    assert.match(problem.message, /cannot read nowhere\.yaml/);
    assert.equal(problem.line, 3);
  });

  it('allow_inline_ignore: false in a policy reports suppressed findings instead of honouring them', async () => {
    const tree: Tree = {
      'policy.yaml': 'allow_inline_ignore: false\n',
      'poc.yaml': 'name: churn\nlint:\n  extends: policy.yaml\n  allow_inline_ignore: true\n',
      'train.py': 'a = "/home/alice/x.csv"  # poc-readiness-ignore local-path\n',
    };
    const forbidden = (await lintTree(tree)).roots[0].findings.find((f) => f.ruleId === 'local-path');
    assert.ok(forbidden, 'the suppressed finding is reported');
    assert.match(forbidden.message, /poc-readiness-ignore is not honoured/);
    delete tree['policy.yaml'];
    tree['poc.yaml'] = 'name: churn\n';
    assert.equal((await lintTree(tree)).roots[0].findings.some((f) => f.ruleId === 'local-path'), false, 'honoured without the policy');
  });

  it('pyproject without the table or with broken TOML: one invalid-file finding, not two', async () => {
    assert.equal(parsePyprojectConfig('[project]\nname = "x"\n'), undefined);
    const broken = await lintTree({ 'pyproject.toml': '[tool.poc-readiness\nrules = 1\n', 'a.py': 'x = 1\n' });
    assert.equal(broken.roots[0].findings.filter((f) => f.ruleId === 'invalid-file').length, 1);
    assert.equal(parsePyprojectConfig('[tool.poc-readiness]\nextends = "../p.yaml"\n')!.extendsLine, 2);
  });
});
