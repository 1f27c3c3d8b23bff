// `.git/index` read without git: the same paths `git ls-files` lists, in index versions 2, 3
// and 4, and a tracked file walked although a .gitignore pattern matches it.

import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { trackedFolders, trackedPaths } from '../../src/core/gitIndex';
import { walk } from '../../src/core/walker';
import { absolutePosix, NodeFileSystem } from '../../src/node/nodeFs';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: cwd } });

function repo(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-gitindex-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  git(dir, 'init', '-q');
  return dir;
}

describe('git index', () => {
  const made: string[] = [];
  after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('lists exactly what git ls-files lists, in index versions 2, 3 and 4', () => {
    const files: Record<string, string> = { 'README.md': '# x\n', 'é-notes/ünïcode.py': 'x = 1\n' };
    // Deep shared prefixes exercise version 4's prefix compression; long names the padding.
    for (let i = 0; i < 60; i++) files[`src/pkg_${i % 7}/sub/module_with_a_rather_long_name_${i}.py`] = `X = ${i}\n`;
    const dir = repo(files);
    made.push(dir);
    git(dir, 'add', '.');
    for (const version of ['2', '3', '4']) {
      // An intent-to-add entry carries the extended flags that version 3 and above allow.
      if (version === '3') {
        fs.writeFileSync(path.join(dir, 'later.py'), 'y = 2\n');
        git(dir, 'add', '-N', 'later.py');
      }
      git(dir, 'update-index', '--index-version', version);
      const bytes = fs.readFileSync(path.join(dir, '.git/index'));
      assert.equal(bytes.readUInt32BE(4), Number(version));
      const expected = git(dir, '-c', 'core.quotepath=off', 'ls-files').trim().split('\n').sort();
      assert.deepEqual([...trackedPaths(bytes)!].sort(), expected, `version ${version}`);
    }
  });

  it('never throws on bytes that are no index this reads', () => {
    const dir = repo({ 'a.py': 'x = 1\n', 'b/c.py': 'y = 2\n' });
    made.push(dir);
    git(dir, 'add', '.');
    const good = fs.readFileSync(path.join(dir, '.git/index'));
    assert.equal(trackedPaths(new Uint8Array(0)), undefined);
    assert.equal(trackedPaths(Buffer.from('DIRC\0\0\0\x09\0\0\0\x01')), undefined, 'version 9');
    for (let cut = 12; cut < good.length; cut += 7) trackedPaths(good.subarray(0, cut));
    const flipped = Buffer.from(good);
    for (let i = 12; i < flipped.length; i += 13) {
      flipped[i] ^= 0xff;
      trackedPaths(flipped);
    }
    assert.deepEqual([...trackedFolders(['a/b/c.py', 'a/d.py', 'e.py'])].sort(), ['a', 'a/b']);
  });

  it('walks a tracked file a .gitignore pattern matches, and still skips the untracked ones', async () => {
    const dir = repo({
      '.gitignore': '*.txt\ndata/\n',
      'app.py': 'import pandas\n',
      'requirements.txt': 'pandas==2.2.3\n',
      'notes.txt': 'scratch\n',
      'data/sample.csv': 'a,b\n1,2\n',
      'data/raw.csv': 'a,b\n3,4\n',
    });
    made.push(dir);
    git(dir, 'add', '.');
    git(dir, 'add', '-f', 'requirements.txt', 'data/sample.csv');
    const walked = await walk(new NodeFileSystem(), absolutePosix(dir));
    assert.deepEqual(walked.files.map((f) => f.path).sort(), ['.gitignore', 'app.py', 'data/sample.csv', 'requirements.txt']);
    // Without an index (not a repository, or not at its root) the patterns apply as they are.
    fs.rmSync(path.join(dir, '.git'), { recursive: true });
    const plain = await walk(new NodeFileSystem(), absolutePosix(dir));
    assert.deepEqual(plain.files.map((f) => f.path).sort(), ['.gitignore', 'app.py']);
  });
});
