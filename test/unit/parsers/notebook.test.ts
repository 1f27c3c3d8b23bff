import * as assert from 'node:assert/strict';
import { jsonNewlineEscapes, jsonStringEnd } from '../../../src/core/parsers/limits';
import { parseNotebook, rawColumnsOf } from '../../../src/core/parsers/notebook';
import { notebook } from '../../helpers/memoryFs';

describe('parsers/notebook', () => {
  it('maps every cell source line to its line in the raw JSON (array form)', () => {
    const text = notebook([{ md: '# title' }, 'a = 1\nb = 2', 'c = 3']);
    const { notebook: nb } = parseNotebook(text);
    const raw = text.split('\n');
    const cell1 = nb!.cells[1];
    assert.equal(cell1.rawLines!.length, 2);
    assert.match(raw[cell1.rawLines![0] - 1], /"a = 1\\n"/);
    assert.match(raw[cell1.rawLines![1] - 1], /"b = 2"/);
    assert.match(raw[nb!.cells[2].rawLines![0] - 1], /"c = 3"/);
  });

  it('maps a single-string source (and one compact line) without throwing', () => {
    const text = '{"cells":[{"cell_type":"code","execution_count":1,"metadata":{},"outputs":[{"output_type":"stream","name":"stdout","text":"x\\n"}],"source":"x = 1\\ny = 2"}],"metadata":{},"nbformat":4,"nbformat_minor":5}';
    const { notebook: nb } = parseNotebook(text);
    assert.deepEqual(nb!.cells[0].rawLines, [1, 1]);
    assert.equal(nb!.cells[0].source, 'x = 1\ny = 2');
  });

  it('reports broken JSON with a position, and nbformat 3 worksheets are read', () => {
    const broken = parseNotebook('{\n "cells": [\n  {"cell_type": "code", "source": "x"\n');
    assert.match(broken.error!.message, /not valid JSON/);
    assert.ok(broken.error!.line >= 1);
    const v3 = parseNotebook(JSON.stringify({ worksheets: [{ cells: [{ cell_type: 'code', input: 'print(1)', prompt_number: 1 }] }], metadata: {} }));
    assert.equal(v3.notebook!.cells[0].source, 'print(1)');
    assert.equal(v3.notebook!.cells[0].executionCount, 1);
  });

  it('detects Colab notebooks and the kernel language', () => {
    assert.equal(parseNotebook(notebook(['x = 1'], { colab: { provenance: [] } })).notebook!.colab, true);
    assert.equal(parseNotebook(notebook(['from google.colab import drive'])).notebook!.colab, true);
    const r = JSON.parse(notebook(['x <- 1']));
    r.metadata = { kernelspec: { name: 'ir', language: 'R' }, language_info: { name: 'R' } };
    assert.equal(parseNotebook(JSON.stringify(r)).notebook!.language, 'r');
  });
});

describe('parsers/notebook raw lines (SARIF positions)', () => {
  it('ignores "source" keys inside outputs (Plotly, Vega) that come before the cell source', () => {
    const raw = JSON.parse(notebook(['x = 1', 'y = 2\nz = 3']));
    raw.cells[0].outputs = [{ output_type: 'display_data', metadata: {}, data: { 'application/vnd.plotly.v1+json': { layout: { images: [{ source: 'a.png' }] }, config: { source: ['s'] } } } }];
    const text = JSON.stringify(raw, null, 1);
    const { notebook: nb } = parseNotebook(text);
    const lines = text.split('\n');
    assert.match(lines[nb!.cells[0].rawLines![0] - 1], /"x = 1"/);
    assert.match(lines[nb!.cells[1].rawLines![1] - 1], /"z = 3"/);
  });

  it('nbformat 3: code cells map their `input`; lines saved without newlines are joined with one', () => {
    const text = JSON.stringify({
      worksheets: [{ cells: [
        { cell_type: 'heading', level: 1, source: ['Title'] },
        { cell_type: 'code', input: ['# load', 'df = pd.read_csv("/home/dana/x.csv")'], prompt_number: 1, outputs: [] },
      ] }],
      metadata: {}, nbformat: 3,
    }, null, 1);
    const { notebook: nb } = parseNotebook(text);
    assert.equal(nb!.cells[1].source, '# load\ndf = pd.read_csv("/home/dana/x.csv")');
    const lines = text.split('\n');
    assert.match(lines[nb!.cells[1].rawLines![1] - 1], /read_csv/);
  });
});

describe('rawColumnsOf: a cell range in the raw .ipynb line', () => {
  it('counts each escape sequence as the one character it stands for', () => {
    // Cell line: df = pd.read_csv("C:\Users\é.csv")   (the path at columns 19..33)
    const raw = '    "df = pd.read_csv(\\"C:\\\\Users\\\\\\u00e9.csv\\")\\n",';
    const [start, end] = rawColumnsOf(raw, 19, 33, true)!;
    assert.equal(raw.slice(start, end), 'C:\\\\Users\\\\\\u00e9.csv');
  });

  it('runs to the end of the string when the range continues on the next cell line', () => {
    const raw = '  "x = \\"\\"\\"start\\n",';
    const [start, end] = rawColumnsOf(raw, 5, 2, false)!;
    assert.equal(raw.slice(start, end), '\\"\\"\\"start\\n');
  });

  it('gives up on a line that is not a JSON string (a cell source written as one string on a minified line)', () => {
    assert.equal(rawColumnsOf('{"cells":[{"source":"x = 1"}]}', 1, 2, true), undefined);
  });
});

describe('jsonStringEnd (the scanner jumps from escape to escape)', () => {
  const end = (json: string) => jsonStringEnd(json, 1);
  const newlines = (json: string) => jsonNewlineEscapes(json, 1, end(json));
  it('stops at the closing quote, past escaped quotes and backslashes', () => {
    assert.equal(end('"abc"'), 4);
    assert.equal(end('"a\\"b"'), 5);
    assert.equal(end('"a\\\\"b"'), 4, 'an escaped backslash does not escape the quote after it');
    assert.equal(end('"' + 'A'.repeat(100_000) + '",1'), 100_001);
  });
  it('counts \\n escapes, not the one just before the closing quote nor an escaped backslash then n', () => {
    assert.equal(newlines('"a\\nb\\nc"'), 2);
    assert.equal(newlines('"x = 1\\n"'), 0);
    assert.equal(newlines('"a\\\\nb"'), 0);
  });
  it('gives the text length for a string that is not closed, whatever it ends with', () => {
    for (const open of ['"abc', '"abc\\', '"abc\\"', '"']) assert.equal(end(open), open.length, open);
  });
});
