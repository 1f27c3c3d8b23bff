import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cellBody, ignoreEdit, type IgnoreEdit } from '../../../src/core/fix/ignore';
import { findingsOf, notebook } from '../../helpers/memoryFs';

const at = (line: number, character: number) => ({ line, character });

/** What an editor does with the edit. */
function applied(text: string, edit: IgnoreEdit): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(0, offset(edit.start)) + edit.newText + text.slice(offset(edit.end));
}

/** Lints `file` alone and returns the rule's findings' lines. */
async function linesOf(ruleId: string, file: string, text: string, extra: Record<string, string> = {}): Promise<number[]> {
  return (await findingsOf(ruleId, { ...extra, [file]: text })).filter((f) => f.file === file).map((f) => f.line!);
}

const python3 = spawnSync('python3', ['-c', 'pass']).status === 0;
/** Compiles (never runs) the text with CPython. */
function compiles(source: string): boolean {
  return spawnSync('python3', ['-c', 'import sys; compile(sys.stdin.read(), "f.py", "exec")'], { input: source }).status === 0;
}

describe('ignore-line quick fix (core/fix/ignore)', () => {
  it('writes the comment in the file’s comment syntax, indented like the line, with its line ending', () => {
    assert.equal(ignoreEdit('def f():\n    p = "/home/x"\n', '/r/a.py', 1, 'local-path')!.newText, '    # poc-readiness-ignore local-path\n');
    assert.equal(ignoreEdit('FROM python:3.11\n', '/r/Dockerfile', 0, 'dockerfile-unpinned-base')!.newText, '# poc-readiness-ignore dockerfile-unpinned-base\n');
    assert.deepEqual(ignoreEdit('a\r\n  b\r\n', '/r/a.sh', 1, 'local-path'), { start: at(1, 0), end: at(1, 0), newText: '  # poc-readiness-ignore local-path\r\n' });
    assert.equal(ignoreEdit('x\n', '/r/conf.ini', 0, 'local-path')!.newText, '; poc-readiness-ignore local-path\n');
    assert.equal(ignoreEdit('x\n', '/r/README.md', 0, 'local-path')!.newText, '<!-- poc-readiness-ignore local-path -->\n');
    assert.equal(ignoreEdit('x\n', '/r/docs/index.rst', 0, 'local-path')!.newText, '.. poc-readiness-ignore local-path\n');
    assert.equal(ignoreEdit('sh "x"\n', '/r/Jenkinsfile', 0, 'local-path')!.newText, '// poc-readiness-ignore local-path\n');
  });

  it('never writes into JSON or a raw .ipynb, but does into a notebook cell', () => {
    assert.equal(ignoreEdit('{}\n', '/r/a.json', 0, 'local-path'), undefined);
    assert.equal(ignoreEdit('{}\n', '/r/a.ipynb', 0, 'local-path'), undefined);
    assert.equal(ignoreEdit('x = 1\n', '/r/a.ipynb', 0, 'local-path', true)!.newText, '# poc-readiness-ignore local-path\n');
  });

  describe('in notebook cells, the syntax of the cell magic’s body', () => {
    const edit = (cell: string, line = 1) => ignoreEdit(cell, '/r/nb.ipynb', line, 'local-path', true)?.newText;
    it('the written file’s own comments, none in JSON', () => {
      assert.equal(edit('%%writefile conf.json\n{"path": "/home/u/x.csv"}\n'), undefined);
      assert.equal(edit('%%writefile conf.yaml\npath: /home/u/x.csv\n'), '# poc-readiness-ignore local-path\n');
      assert.equal(edit('%%writefile -a src/io.py\np = "/home/u/x.csv"\n'), '# poc-readiness-ignore local-path\n');
    });
    it('JavaScript, HTML, SQL, the shell', () => {
      assert.equal(edit('%%javascript\nfetch("http://localhost:8000")\n'), '// poc-readiness-ignore local-path\n');
      assert.equal(edit('%%html\n<img src="/home/u/a.png">\n'), '<!-- poc-readiness-ignore local-path -->\n');
      assert.equal(edit('%%sql\nSELECT 1\n'), '-- poc-readiness-ignore local-path\n');
      assert.equal(edit('%%bash\ncp /home/u/a .\n'), '# poc-readiness-ignore local-path\n');
    });
    it('nothing above the magic line itself (it must stay first), nor in an unknown magic’s body', () => {
      assert.equal(edit('%%writefile /home/u/io.py\nx = 1\n', 0), undefined);
      assert.equal(edit('%%graphviz\ndigraph { a -> b }\n'), undefined);
      assert.equal(edit('%%time\np = "/home/u/x"\n', 0), undefined);
      assert.equal(edit('%%time\np = "/home/u/x"\n'), '# poc-readiness-ignore local-path\n');
    });
    it('tells the local-path fix which bodies are Python', () => {
      assert.deepEqual(['%%writefile conf.json\n', '%%bash\n', '%%javascript\n', '%%time\n', '%%writefile a.py\n', 'x = 1\n', '%%script python3\n'].map((c) => cellBody(c).python), [false, false, false, true, true, true, true]);
    });
  });

  describe('above the first line of a backslash-continued statement, and it silences all of it', () => {
    it('Python (a comment line after a `\\` is a syntax error)', async function () {
      const text = 'import pandas as pd\ndata = pd.read_csv("a.csv") if False else \\\n    pd.read_csv("/home/alice/data/train.csv")\n';
      const edit = ignoreEdit(text, '/r/src/cont.py', 2, 'local-path')!;
      assert.deepEqual(edit, { start: at(1, 0), end: at(1, 0), newText: '# poc-readiness-ignore local-path\n' });
      assert.deepEqual(await linesOf('local-path', 'src/cont.py', text), [3]);
      assert.deepEqual(await linesOf('local-path', 'src/cont.py', applied(text, edit)), []);
      if (!python3) this.skip();
      assert.equal(compiles(applied(text, edit)), true);
    });

    it('a shell command, a Makefile recipe (a comment line would end the command there)', async () => {
      const sh = '#!/bin/sh\npython train.py \\\n  --data /home/alice/data \\\n  --epochs 3\n';
      const edit = ignoreEdit(sh, '/r/scripts/train.sh', 2, 'local-path')!;
      assert.equal(edit.start.line, 1);
      assert.deepEqual(await linesOf('local-path', 'scripts/train.sh', applied(sh, edit)), []);
      const make = 'train:\n\tpython train.py \\\n\t  --data /home/alice/data\n';
      const makeEdit = ignoreEdit(make, '/r/Makefile', 2, 'local-path')!;
      // `@`: make would echo a plain comment line of a recipe on every run.
      assert.deepEqual(makeEdit, { start: at(1, 0), end: at(1, 0), newText: '\t@# poc-readiness-ignore local-path\n' });
      assert.deepEqual(await linesOf('local-path', 'Makefile', applied(make, makeEdit)), []);
    });

    it('a continued statement is covered by the comment above its first line, not by one two lines further up', async () => {
      const text = '# poc-readiness-ignore local-path\nx = 1\ny = open(\\\n    "/home/alice/b.csv")\n';
      assert.deepEqual(await linesOf('local-path', 'a.py', text), [4]);
    });
  });

  describe('next to an ignore comment already there', () => {
    it('adds the rule to it, since a second comment line would push the first out of reach', async () => {
      const text = 'import pandas as pd\n# poc-readiness-ignore sample-data\ndf = pd.read_csv("/home/alice/titanic.csv")\n';
      const edit = ignoreEdit(text, '/r/load.py', 2, 'local-path')!;
      assert.deepEqual(edit, { start: at(1, 34), end: at(1, 34), newText: ', local-path' });
      assert.equal(applied(text, edit).split('\n')[1], '# poc-readiness-ignore sample-data, local-path');
      assert.deepEqual(await linesOf('local-path', 'load.py', applied(text, edit)), []);
    });
    it('offers nothing when the rule is already named there', () => {
      assert.equal(ignoreEdit('# poc-readiness-ignore local-path\nx = "/home/a"\n', '/r/a.py', 1, 'local-path'), undefined);
    });
  });

  describe('where a comment line would change what the file means: no edit', () => {
    it('above a Dockerfile’s parser directives (they must come before any comment)', () => {
      const text = '# syntax=docker/dockerfile:1\n# escape=`\nFROM python:3.11\n';
      assert.equal(ignoreEdit(text, '/r/Dockerfile', 0, 'dockerignore-missing'), undefined);
      assert.equal(ignoreEdit(text, '/r/Dockerfile', 1, 'dockerignore-missing'), undefined);
      assert.deepEqual(ignoreEdit(text, '/r/Dockerfile', 2, 'dockerfile-unpinned-base')!.start, at(2, 0));
    });
    it('inside a Python triple-quoted string, a TOML multi-line string, a YAML block scalar of data', () => {
      assert.equal(ignoreEdit('SQL = """\nCOPY t FROM \'/home/a/x.csv\'\n"""\n', '/r/q.py', 1, 'local-path'), undefined);
      assert.equal(ignoreEdit('[tool.x]\nscript = """\ncp /home/a/x .\n"""\n', '/r/pyproject.toml', 2, 'local-path'), undefined);
      assert.equal(ignoreEdit('job:\n  payload: |\n    {"path": "/home/a/x"}\n', '/r/config.yaml', 2, 'local-path'), undefined);
      assert.equal(ignoreEdit('job:\n  note: >\n    read /home/a/x\n', '/r/config.yaml', 2, 'local-path'), undefined);
      // `script:` is a shell script in a CI file only.
      assert.equal(ignoreEdit('data:\n  script: |\n    {"path": "/home/a/x"}\n', '/r/config.yaml', 2, 'local-path'), undefined);
    });
    it('but inside a YAML block that is a shell script, as a shell comment', () => {
      const workflow = 'jobs:\n  t:\n    steps:\n      - run: |\n          python train.py --data /home/a/x\n';
      assert.deepEqual(ignoreEdit(workflow, '/r/.github/workflows/ci.yml', 4, 'local-path'), { start: at(4, 0), end: at(4, 0), newText: '          # poc-readiness-ignore local-path\n' });
      const gitlab = 'train:\n  script:\n    - |\n      python train.py --data /home/a/x\n';
      assert.equal(ignoreEdit(gitlab, '/r/.gitlab-ci.yml', 3, 'local-path')?.start.line, 3);
      assert.equal(ignoreEdit('a:\n  b: 1\n  c: /home/a/x\n', '/r/conf.yaml', 2, 'local-path')?.newText, '  # poc-readiness-ignore local-path\n');
    });
    it('inside a Jenkinsfile’s sh \'\'\'…\'\'\' script, a shell comment (a `//` line would run as a command)', async () => {
      const text = "pipeline {\n  stages {\n    stage('t') {\n      steps {\n        sh '''\n          python train.py --data /home/alice/data\n        '''\n      }\n    }\n  }\n}\n";
      const edit = ignoreEdit(text, '/r/Jenkinsfile', 5, 'local-path')!;
      assert.equal(edit.newText, '          # poc-readiness-ignore local-path\n');
      assert.deepEqual(await linesOf('local-path', 'Jenkinsfile', text), [6]);
      assert.deepEqual(await linesOf('local-path', 'Jenkinsfile', applied(text, edit)), []);
    });
  });

  describe('lines a comment line would join, end or turn into data: no edit', () => {
    const none = (text: string, path: string, line: number) => assert.equal(ignoreEdit(text, path, line, 'local-path'), undefined, `${path}:${line}`);
    it('a folded block (`>`) joins its lines, so a `#` line would comment out the rest of the command', () => {
      none('jobs:\n  t:\n    steps:\n      - run: >\n          python train.py\n          --data /home/a/x\n', '/r/.github/workflows/ci.yml', 5);
    });
    it('GitHub’s `with: script:` is JavaScript (actions/github-script), only `run:` is a shell', () => {
      none('jobs:\n  t:\n    steps:\n      - uses: actions/github-script@v7\n        with:\n          script: |\n            fs.readFileSync("/home/a/x")\n', '/r/.github/workflows/ci.yml', 6);
    });
    it('the next line of a plain or quoted scalar, an anchored or tagged block of data', () => {
      none('train:\n  cmd: python train.py\n    --data /home/a/x\n', '/r/conf.yaml', 2);
      none('train:\n  cmd: "python train.py\n    --data /home/a/x"\n', '/r/conf.yaml', 2);
      none('base: &defaults |\n  /home/a/x\n', '/r/conf.yaml', 1);
      none('my note: !!str |\n  /home/a/x\n', '/r/conf.yaml', 1);
    });
    it('a here-document’s body, a make `define`', () => {
      none('#!/bin/sh\ncat > conf.json <<-\'EOF\'\n{"path": "/home/a/x"}\nEOF\n', '/r/setup.sh', 2);
      none('define CONF\ndata=/home/a/x\nendef\n', '/r/Makefile', 1);
      assert.equal(ignoreEdit('#!/bin/sh\ncat <<EOF\nx\nEOF\ncp /home/a/x .\n', '/r/setup.sh', 4, 'local-path')?.start.line, 4);
    });
    it('a TOML value ending in a backslash is a Windows path, not a continued line', () => {
      const text = "[tool.x]\nroot = 'C:\\data\\'\nout = '/home/a/x'\n";
      assert.equal(ignoreEdit(text, '/r/pyproject.toml', 2, 'local-path')?.start.line, 2);
      // a literal string's backslash escapes nothing, a comment's quotes open nothing
      assert.equal(ignoreEdit("[x]\na = 'C:\\'  # it's\nb = '/home/a'\n", '/r/pyproject.toml', 2, 'local-path')?.start.line, 2);
    });
  });

  describe('Jenkinsfile scripts take the comment of the shell that runs them', () => {
    const pipeline = (step: string) => `node {\n  // it's a ''' in a comment\n  ${step} '''\n    copy C:\\Users\\alice\\data .\n  '''\n}\n`;
    it('`bat` runs cmd.exe: REM', () => {
      assert.equal(ignoreEdit(pipeline('bat'), '/r/Jenkinsfile', 3, 'local-path')?.newText, '    REM poc-readiness-ignore local-path\n');
    });
    it("`sh`: #, and a ''' in a Groovy comment opens no string", () => {
      assert.equal(ignoreEdit(pipeline('sh'), '/r/Jenkinsfile', 3, 'local-path')?.newText, '    # poc-readiness-ignore local-path\n');
      assert.equal(ignoreEdit(pipeline('sh'), '/r/Jenkinsfile', 2, 'local-path')?.newText, '  // poc-readiness-ignore local-path\n');
    });
  });

  it('a marker trailing code on the line above is that line’s: a new comment line, not a merge', () => {
    const text = 'a = "/home/a/x"  # poc-readiness-ignore local-path\nb = open("/home/a/y")\n';
    assert.deepEqual(ignoreEdit(text, '/r/a.py', 1, 'sample-data'), { start: at(1, 0), end: at(1, 0), newText: '# poc-readiness-ignore sample-data\n' });
  });

  it('a Makefile recipe line joins the plain `#` marker above it rather than pushing it away', () => {
    const make = 'train:\n\t# poc-readiness-ignore sample-data\n\tpython train.py --data /home/alice/data\n';
    assert.deepEqual(ignoreEdit(make, '/r/Makefile', 2, 'local-path'), { start: at(1, 35), end: at(1, 35), newText: ', local-path' });
  });

  it('in a notebook cell, for a repository rule, silences that import (the cell’s lines, not the .ipynb’s)', async () => {
    const cell = 'x = 1\nimport bbbzz\n';
    const edit = ignoreEdit(cell, '/r/nb.ipynb', 1, 'import-undeclared', true)!;
    const before = await findingsOf('import-undeclared', { 'requirements.txt': 'pandas\n', 'nb.ipynb': notebook(['import aaazz\n', cell]) });
    const after = await findingsOf('import-undeclared', { 'requirements.txt': 'pandas\n', 'nb.ipynb': notebook(['import aaazz\n', applied(cell, edit)]) });
    assert.deepEqual(before.map((f) => [f.cell, f.line]), [[0, 1], [1, 2]]);
    assert.deepEqual(after.map((f) => [f.cell, f.line]), [[0, 1]]);
  });
});
