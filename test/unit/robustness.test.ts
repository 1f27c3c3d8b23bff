import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { Engine } from '../../src/core/engine';
import { NodeFileSystem, toPosix } from '../../src/node/nodeFs';

// Broken inputs on a real disk: a finding or a reasoned skip, never a crash or a hang.
describe('bad input', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-bad-'));
    const w = (p: string, c: string | Buffer) => {
      fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
      fs.writeFileSync(path.join(dir, p), c);
    };
    w('poc.yaml', 'name: [unclosed\n  problem: x\n');
    w('notebooks/broken.ipynb', '{"cells": [ {"cell_type": "code", "source": "x = 1"');
    w('src/binary.py', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0x00]));
    w('src/latin1.py', Buffer.from('DATA = "/home/jos\xe9/data.csv"\n', 'latin1'));
    w('.github/workflows/ci.yml', 'on: push\njobs:\n  t:\n    steps: [\n');
    w('.venv/pyvenv.cfg', 'home = /usr/bin\n');
    w('.venv/lib/site.py', 'X = "/home/dana/x.csv"\n');
    w('envs/py311/pyvenv.cfg', 'home = /usr/bin\n');
    w('envs/py311/lib/mod.py', 'X = "/home/dana/x.csv"\n');
    w('data/.gitkeep', '');
    // A 50 MB CSV: sized, never read.
    const big = fs.openSync(path.join(dir, 'data/big.csv'), 'w');
    fs.ftruncateSync(big, 50 * 1024 * 1024);
    fs.closeSync(big);
    w('src/huge.py', '#'.repeat(3 * 1024 * 1024));
    fs.symlinkSync('..', path.join(dir, 'src/loop'));
    // A named pipe: reading it would block forever.
    spawnSync('mkfifo', [path.join(dir, 'src/pipe.py')]);
    fs.symlinkSync('/etc', path.join(dir, 'outside'));
    fs.symlinkSync('missing-target', path.join(dir, 'dangling.py'));
    w('src/secret.py', 'X = 1\n');
    fs.chmodSync(path.join(dir, 'src/secret.py'), 0o000);
  });
  after(() => {
    fs.chmodSync(path.join(dir, 'src/secret.py'), 0o644);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lints the whole tree without throwing and explains every skip', async () => {
    const result = await new Engine(new NodeFileSystem(), toPosix(dir), { today: new Date('2026-11-23') }).lintWorkspace();
    const findings = result.roots.flatMap((r) => r.findings);
    const byRule = (id: string) => findings.filter((f) => f.ruleId === id);
    const reason = (p: string) => result.skipped.find((s) => s.path === p)?.reason ?? '';

    assert.ok(byRule('manifest-invalid').some((f) => f.file === 'poc.yaml' && f.line === 1), 'broken poc.yaml is a finding');
    assert.ok(byRule('invalid-file').some((f) => f.file === 'notebooks/broken.ipynb' && /not valid JSON/.test(f.message)), 'broken notebook is a finding');
    assert.ok(byRule('invalid-file').some((f) => f.file === '.github/workflows/ci.yml'), 'broken CI YAML is a finding');
    assert.match(reason('src/binary.py'), /binary/);
    assert.match(reason('src/huge.py'), /oversized/);
    assert.match(reason('src/loop'), /symlink/);
    assert.match(reason('outside'), /outside the workspace/);
    assert.match(reason('dangling.py'), /broken symlink/);
    assert.match(reason('envs/py311'), /virtualenv/);
    if (process.getuid?.() !== 0) assert.match(reason('src/secret.py'), /unreadable/);
    assert.ok(byRule('committed-data').some((f) => f.file === 'data/big.csv' && /50\.0 MB/.test(f.message)), 'big CSV is judged by size');
    assert.ok(byRule('local-path').some((f) => f.file === 'src/latin1.py'), 'non-UTF-8 text is still linted');
    assert.ok(!findings.some((f) => f.file?.startsWith('.venv/') || f.file?.startsWith('envs/')), 'virtualenvs are skipped');
    assert.ok(!findings.some((f) => f.file === 'src/pipe.py'), 'a named pipe is never read');
  });
});
