import * as assert from 'node:assert/strict';
import { parseNotebook } from '../../../src/core/parsers/notebook';
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
