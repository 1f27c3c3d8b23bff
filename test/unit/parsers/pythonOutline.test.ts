// The outline reads a segment with the tokenizer's rules but without tokens: on every input it
// must put statements, comments, magics and strings exactly where the tokenizer does.

import * as assert from 'node:assert/strict';
import { outlinePython } from '../../../src/core/parsers/pythonOutline';
import { tokenizePython } from '../../../src/core/parsers/python';

/** The same facts, derived from the tokenizer's tokens (as codeOnly and importsOf once did). */
function fromTokens(src: string) {
  const tokens = tokenizePython(src);
  const statements: number[] = [];
  const comments: number[] = [];
  const magics: number[] = [];
  const strings: number[] = [];
  const statementString: boolean[] = [];
  let first = -1;
  let last = -1;
  tokens.forEach((t, i) => {
    if (t.type === 'comment' || t.type === 'magic') {
      comments.push(t.start, t.end);
      if (t.type === 'magic') magics.push(t.start, t.end);
      return;
    }
    if (t.type === 'newline' || (t.type === 'op' && t.value === ';')) {
      if (first >= 0) statements.push(first, last);
      first = -1;
      return;
    }
    if (first < 0) first = t.start;
    last = t.end;
    if (t.type === 'string') {
      strings.push(t.start, t.end, t.bodyStart!, t.bodyEnd!);
      const prev = tokens[i - 1];
      const next = tokens[i + 1];
      statementString.push((!prev || prev.type === 'newline' || (prev.type === 'op' && prev.value === ':')) && (!next || next.type === 'newline' || next.type === 'comment'));
    }
  });
  if (first >= 0) statements.push(first, last);
  return { statements, comments, magics, strings, statementString };
}

const SAMPLES = [
  'import os\nfrom a.b import (c,  # why\n  d)\n',
  '"""Module docstring\nimport fake\n"""\nx = 1; y = "s"  # c\n',
  'def f():\n    \'\'\'doc\'\'\'\n    return f"{x}" rb"\\x" \'a\' \\\n  "b"\n',
  '!pip install xgboost\n%matplotlib inline\nx = 5 % 3\n  !ls\n',
  'if x: "inline"\nd = {"k": "v"\n}\n"tail"',
  's = "unterminated\nt = \'\'\'never closed\n',
  'a = (1,\n# comment inside\n"str"  # after\n)\nb = 1.5e3 + .5j\nc = x->y <= z != w :=\n',
  'class K:\n    """doc"""  # trailing\n    \\\n    pass\n',
  '\ufeffé = "ü"\nλ = 1\n',
  '',
  '# only a comment',
  'x = "a\\\\"\ny = \'b\\\'\'\n',
  'print("""a""" """b""")\n"""x""";"""y"""\n',
];

describe('Python outline', () => {
  for (const src of SAMPLES) {
    it(`agrees with the tokenizer on ${JSON.stringify(src.slice(0, 40))}`, () => {
      assert.deepEqual(outlinePython(src), fromTokens(src));
    });
  }

  it('agrees with the tokenizer on seeded random mixes of Python fragments', () => {
    const parts = ['import a', 'from b import c', '"s"', "'t'", '"""u\nv"""', "r'\\d'", '# c', '!pip x', '%time', '(', ')', '[', ']', '{', '}', ':', ';', '\\\n', '\n', ' ', '\t', 'x', '=', '1.5', 'f"{y}"', '\r\n', '->', '**'];
    let seed = 42;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let k = 0; k < 400; k++) {
      const src = Array.from({ length: 30 }, () => parts[Math.floor(rand() * parts.length)]).join(rand() < 0.5 ? '' : ' ');
      assert.deepEqual(outlinePython(src), fromTokens(src), JSON.stringify(src));
    }
  });
});
