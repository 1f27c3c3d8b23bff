import * as assert from 'node:assert/strict';
import * as posix from 'node:path/posix';
import { join, normalize } from '../../src/core/path';

describe('core/path', () => {
  it('normalizes as Node does, and returns a path already normal as it is', () => {
    const cases = ['a/b/c.py', 'a//b', 'a/./b', './a', 'a/.', 'a/../b', '../a', 'a/..', '/a/../..', '/a/', 'a/b/', '/', '//a', '.', '..', '.hidden/x', 'a/..b', 'a/.b', '...', 'x/.../y', 'a/b/../../..'];
    for (const p of cases) assert.equal(normalize(p), posix.normalize(p).replace(/(.)\/$/, '$1'), p);
    assert.equal(normalize(''), '.');
    const normal = 'src/pipelines/train.py';
    assert.equal(normalize(normal), normal);
  });

  it('joins parts, skipping empty and "." ones', () => {
    assert.equal(join('/work/repo', 'src/a.py'), '/work/repo/src/a.py');
    assert.equal(join('/work/repo/', './src', '', 'a.py'), '/work/repo/src/a.py');
    assert.equal(join('a', '..', 'b'), 'b');
    assert.equal(join('', '.'), '.');
  });
});
