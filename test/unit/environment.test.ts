import * as assert from 'node:assert/strict';
import { modulesOfRecord, readEnvironments, requiresOfMetadata } from '../../src/core/environment';
import { walk } from '../../src/core/walker';
import { MemoryFileSystem } from '../helpers/memoryFs';

describe('environment', () => {
  it('modulesOfRecord: packages and single-file modules, not metadata, scripts or caches', () => {
    const record = ['six.py,sha256=x,1', 'yaml/__init__.py,,', '_yaml/__init__.py,,', 'PyYAML-6.0.2.dist-info/RECORD,,', '../../../bin/x,,', '__pycache__/six.cpython-311.pyc,,', '_cffi_backend.cpython-311-x86_64-linux-gnu.so,,'].join('\n');
    assert.deepEqual(modulesOfRecord(record).sort(), ['_cffi_backend', '_yaml', 'six', 'yaml']);
  });

  it('requiresOfMetadata: unconditional requirements, normalised; extras left out', () => {
    const meta = 'Name: pandas\nRequires-Dist: numpy>=1.26.0; python_version >= "3.12"\nRequires-Dist: python-dateutil>=2.8.2\nRequires-Dist: pytest>=7; extra == "test"\nRequires-Dist: Jinja2\n';
    assert.deepEqual(requiresOfMetadata(meta), ['numpy', 'python-dateutil', 'jinja2']);
  });

  it('reads POSIX, Windows and egg-info layouts, and re-reads only when the installed set changes', async () => {
    const tree = {
      'venv/lib/python3.12/site-packages/attrs-24.2.0.dist-info/METADATA': 'Name: attrs\nVersion: 24.2.0\n',
      'venv/lib/python3.12/site-packages/attrs-24.2.0.dist-info/top_level.txt': 'attr\nattrs\n',
      '.conda/Lib/site-packages/legacy-1.0-py3.11.egg-info/PKG-INFO': 'Name: legacy\nVersion: 1.0\n',
      '.conda/Lib/site-packages/legacy-1.0-py3.11.egg-info/top_level.txt': 'legacy_mod\n',
      '.conda/Lib/site-packages/legacy-1.0-py3.11.egg-info/requires.txt': 'requests>=2\n\n[dev]\npytest\n',
      'notenv/readme.txt': 'x',
    };
    const fs = new MemoryFileSystem(tree);
    const cache = new Map();
    const envs = await readEnvironments(fs, '/ws', ['venv', '.conda', 'notenv', 'missing'], cache);
    assert.ok(cache.has('/ws/venv/lib/python3.12/site-packages'), 'cached by site-packages folder');
    assert.deepEqual(envs.map((e) => [e.path, e.distributions]), [
      ['venv', [{ name: 'attrs', version: '24.2.0', modules: ['attr', 'attrs'], requires: [] }]],
      ['.conda', [{ name: 'legacy', version: '1.0', modules: ['legacy_mod'], requires: ['requests'] }]],
    ]);
    let reads = 0;
    const counting = Object.assign(Object.create(fs), { readFile: (p: string) => (reads++, fs.readFile(p)), readDirectory: (p: string) => fs.readDirectory(p), stat: (p: string) => fs.stat(p) });
    await readEnvironments(counting, '/ws', ['venv', '.conda'], cache);
    assert.equal(reads, 0);
    await readEnvironments(counting, '/ws', ['venv'], new Map());
    assert.ok(reads > 0, 'a fresh cache reads the metadata');
  });

  it('the walker names the environments it does not walk: .venv, venv, .conda and folders with a pyvenv.cfg', async () => {
    const fs = new MemoryFileSystem({ '.venv/bin/python': '', 'svc/venv/lib/x': '', 'tools/py311/pyvenv.cfg': 'home = /usr\n', 'app.py': 'import os\n', 'env.py': '' });
    const walked = await walk(fs, '/ws');
    assert.deepEqual([...walked.environments].sort(), ['.venv', 'svc/venv', 'tools/py311']);
    assert.deepEqual(walked.files.map((f) => f.path).sort(), ['app.py', 'env.py']);
  });
});
