// The language server's pure parts: settings from any client shape, quick-fix edits on plain
// text, and where notebook findings land on the raw .ipynb JSON.

import * as assert from 'node:assert/strict';
import type { Finding } from '../../src/core/types';
import { analyzeText } from '../../src/core/engine';
import { lintTree, notebook } from '../helpers/memoryFs';
import { notebookJson, place } from '../../src/lsp/placement';
import { DEFAULT_SETTINGS, parseSettings } from '../../src/lsp/settings';

const at = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

describe('lsp settings', () => {
  it('reads the section, the wrapped section and dotted keys alike', () => {
    const want = { enable: false, run: 'onSave', debounceMs: 50, overrides: { rules: { 'local-path': 'error' }, ignore: ['data/**'], localPathAllow: ['/mnt/shared/'] } };
    assert.deepEqual(parseSettings({ enable: false, run: 'onSave', debounceMs: 50, rules: { 'local-path': 'error' }, ignore: ['data/**'], localPath: { allow: ['/mnt/shared/'] } }), want);
    assert.deepEqual(parseSettings({ pocReadiness: { enable: false, run: 'onSave', debounceMs: 50, rules: { 'local-path': 'error' }, ignore: ['data/**'], localPath: { allow: ['/mnt/shared/'] } } }), want);
    assert.deepEqual(
      parseSettings({ 'pocReadiness.enable': false, 'pocReadiness.run': 'onSave', 'pocReadiness.debounceMs': 50, 'pocReadiness.rules': { 'local-path': 'error' }, 'pocReadiness.ignore': ['data/**'], 'pocReadiness.localPath.allow': ['/mnt/shared/'] }),
      want,
    );
  });

  it('falls back to the defaults on values of the wrong shape', () => {
    assert.deepEqual(parseSettings({ enable: 'yes', run: 'sometimes', debounceMs: -5, rules: { 'local-path': 'loud', 'ci-missing': 'off' }, ignore: 'data', localPath: { allow: [1, '/ok'] } }), {
      enable: true,
      run: 'onType',
      debounceMs: 0,
      overrides: { rules: { 'ci-missing': 'off' }, ignore: [], localPathAllow: ['/ok'] },
    });
    assert.deepEqual(parseSettings(null, undefined, 42, ['x']), DEFAULT_SETTINGS);
  });

  it('lets later sources win key by key', () => {
    const s = parseSettings({ pocReadiness: { debounceMs: 10, rules: { 'local-path': 'info' } } }, null, { rules: { 'ci-missing': 'off' } });
    assert.equal(s.debounceMs, 10);
    assert.deepEqual(s.overrides.rules, { 'ci-missing': 'off' });
  });
});

describe('lsp placement of notebook findings', () => {
  const finding = (over: Partial<Finding>): Finding => ({ ruleId: 'local-path', pillar: 'abstract-infrastructure', severity: 'warning', file: 'nb.ipynb', message: 'm', ...over });
  const ctx = (cells?: string[]) => ({ uriOf: (f: string) => `file:///r/${f}`, cellsOf: () => cells });

  it('counts each JSON escape as the one character it stands for', () => {
    // The cell's source line p = pd.read_csv("C:\\dé\\x.csv"), written in the file with \u00e9 for é.
    const body = 'C:\\\\dé\\\\x.csv';
    const json = (t: string) => JSON.stringify(t).replace('é', '\\u00e9');
    const raw = `{\n "cells": [\n  {\n   "cell_type": "code",\n   "source": [\n    ${json(`p = pd.read_csv("${body}")\n`)}\n   ]\n  }\n ]\n}`;
    const line = raw.split('\n')[5];
    // The engine places it in the raw line when it analyses the notebook.
    const [raw0] = analyzeText('nb.ipynb', 'notebook', raw, { localPathAllow: [], rootName: 'r' }).findings.filter((f) => f.ruleId === 'local-path');
    assert.deepEqual([raw0.cell, raw0.rawLine, raw0.range.column, raw0.range.endColumn], [0, 6, 18, 18 + body.length]);
    const p = place(finding({ cell: 0, rawLine: raw0.rawLine, rawColumns: raw0.rawColumns, line: 1, column: 18, endLine: 1, endColumn: 18 + body.length }), undefined, ctx())!;
    assert.equal(p.uri, 'file:///r/nb.ipynb');
    assert.equal(p.raw, true);
    assert.equal(p.prefix, 'cell 1, line 1: ');
    assert.equal(line.slice(p.range.start.character, p.range.end.character), json(body).slice(1, -1));
    assert.match(line.slice(p.range.start.character, p.range.end.character), /u00e9/);
  });

  it('uses the cell document when the client synchronises the notebook, and line start when the columns are not known', () => {
    const f = finding({ cell: 1, rawLine: 9, line: 2, column: 3, endLine: 2, endColumn: 5 });
    assert.deepEqual(place(f, undefined, ctx(['cell-a', 'cell-b'])), { uri: 'cell-b', range: at(1, 2, 4) });
    assert.deepEqual(place(f, undefined, ctx()), { uri: 'file:///r/nb.ipynb', range: at(8, 0, 0), prefix: 'cell 2, line 2: ', raw: true });
  });

  it('builds nbformat JSON from synchronised cells (Markdown cells counted, execution order kept)', () => {
    const nb = JSON.parse(notebookJson([{ kind: 1, text: '# T' }, { kind: 2, text: 'x = 1\n', executionOrder: 3, languageId: 'python' }], { kernelspec: { name: 'python3' } }));
    assert.deepEqual(nb.cells.map((c: { cell_type: string; execution_count: number | null }) => [c.cell_type, c.execution_count]), [['markdown', null], ['code', 3]]);
    assert.equal(nb.metadata.language_info.name, 'python');
    assert.equal(nb.metadata.kernelspec.name, 'python3');
  });
});

describe('jupyter-lsp shadow copies', () => {
  it('are not linted as files of the workspace (.virtual_documents)', async () => {
    const nb = notebook([{ code: 'df = pd.read_csv("/home/dana/raw.csv")', count: 1 }]);
    const result = await lintTree({ 'explore.ipynb': nb, '.virtual_documents/explore.ipynb': 'df = pd.read_csv("/home/dana/raw.csv")\n' });
    // Without the skip, the shadow copy (Python text under a .ipynb name) would also be an invalid notebook.
    assert.deepEqual(result.roots[0].findings.filter((f) => f.file?.startsWith('.virtual_documents')), []);
    assert.deepEqual(result.roots[0].findings.filter((f) => f.ruleId === 'local-path').map((f) => f.file), ['explore.ipynb']);
  });
});
