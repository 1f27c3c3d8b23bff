// Protocol tests: the built server (`dist/cli.js lsp --stdio`) driven by a real LSP client over stdio.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CodeActionRequest,
  CodeActionResolveRequest,
  DidChangeNotebookDocumentNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidSaveTextDocumentNotification,
  FileChangeType,
  DidOpenNotebookDocumentNotification,
  DidOpenTextDocumentNotification,
  DiagnosticSeverity,
  NotebookCellKind,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generate } from '../../bench/generate';
import { docsUrl } from '../../src/core/rule';
import { LspClient, notebookText, tempRepo, uriOf } from './client';

const TRAIN = 'import pandas as pd\n\ndf = pd.read_csv("/home/dana/data/train.csv")\n';
const localPath = (d: Diagnostic[]) => d.filter((x) => x.code === 'local-path');

describe('language server (stdio, real LSP client)', function () {
  this.timeout(30000);
  let client: LspClient | undefined;
  afterEach(async () => {
    await client?.stop();
    client = undefined;
  });

  const open = (uri: string, text: string, languageId = 'python', version = 1) =>
    client!.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });

  it('pushes diagnostics for every linted file after the first scan, with rule id, doc link and exact range', async () => {
    const repo = tempRepo({ 'src/train.py': TRAIN, 'README.md': '# Churn\n' });
    client = await LspClient.start({ folders: [repo] });
    const uri = uriOf(path.join(repo, 'src/train.py'));
    // Never opened: the scan alone puts it there.
    const d = localPath(await client.diagnosticsOf(uri, (x) => localPath(x).length > 0));
    assert.equal(d.length, 1);
    assert.deepEqual(d[0].range, { start: { line: 2, character: 18 }, end: { line: 2, character: 43 } });
    assert.equal(d[0].severity, DiagnosticSeverity.Warning);
    assert.equal(d[0].source, 'poc-readiness');
    assert.deepEqual(d[0].codeDescription, { href: docsUrl('local-path') });
    assert.match(d[0].message, /\/home\/dana\/data\/train\.csv/);
  });

  it('puts diagnostics on a file outside every PoC root of a monorepo, and offers no PoC-level action there', async () => {
    const repo = tempRepo({ 'pocs/churn/poc.yaml': 'name: churn\n', 'pocs/churn/train.py': 'import os\n', 'shared/io.py': TRAIN });
    client = await LspClient.start({ folders: [repo] });
    const uri = uriOf(path.join(repo, 'shared/io.py'));
    const [d] = localPath(await client.diagnosticsOf(uri, (x) => localPath(x).length > 0));
    assert.deepEqual(d.range, { start: { line: 2, character: 18 }, end: { line: 2, character: 43 } });
    await open(uri, TRAIN);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    assert.ok(titles.some((t) => t.startsWith('Ignore local-path')), JSON.stringify(titles));
    assert.ok(!titles.some((t) => /for this PoC/.test(t)), JSON.stringify(titles));
  });

  it('offers no edit for a diagnostic older than the document (an edit still in the debounce), then the right one', async () => {
    const repo = tempRepo({ 'train.py': TRAIN });
    client = await LspClient.start({ folders: [repo], initializationOptions: { pocReadiness: { debounceMs: 1500 } } });
    const uri = uriOf(path.join(repo, 'train.py'));
    const [d] = localPath(await client.diagnosticsOf(uri, (x) => localPath(x).length > 0));
    await open(uri, TRAIN);
    const titles = async (diagnostic: Diagnostic) =>
      ((await client!.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } })) as CodeAction[]).map((a) => a.title);
    assert.ok((await titles(d)).some((t) => t.startsWith('Ignore local-path')));
    // Two lines typed above it: the published diagnostic (line 3) now points at a blank line.
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# churn\n\n' }],
    });
    const stale = await titles(d);
    assert.ok(!stale.some((t) => t.startsWith('Ignore local-path') || t.startsWith('Read the path')), JSON.stringify(stale));
    const [moved] = localPath(await client.diagnosticsOf(uri, (x) => localPath(x).some((y) => y.range.start.line === 4), 'the re-lint'));
    const fresh = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: moved.range, context: { diagnostics: [moved] } })) as CodeAction[];
    const ignore = fresh.find((a) => a.title.startsWith('Ignore local-path'))!;
    assert.deepEqual(ignore.edit!.changes![uri], [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: '# poc-readiness-ignore local-path\n' }]);
  });

  it('offers no edit in a text with a lone CR (a line break to the client, not to the core)', async () => {
    const text = 'import pandas as pd\n# note\rhere\ndf = pd.read_csv("/home/dana/data/train.csv")\n';
    const repo = tempRepo({ 'train.py': text });
    client = await LspClient.start({ folders: [repo] });
    const uri = uriOf(path.join(repo, 'train.py'));
    const [d] = localPath(await client.diagnosticsOf(uri, (x) => localPath(x).length > 0));
    await open(uri, text);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    assert.ok(!actions.some((a) => a.title.startsWith('Ignore local-path') || a.title.startsWith('Read the path')), JSON.stringify(actions.map((a) => a.title)));
  });

  it('re-lints an open document on change and clears the diagnostic when the path goes', async () => {
    const repo = tempRepo({ 'train.py': 'import pandas as pd\n' });
    client = await LspClient.start({ folders: [repo], initializationOptions: { pocReadiness: { debounceMs: 20 } } });
    const uri = uriOf(path.join(repo, 'train.py'));
    await client.until('first scan', () => client!.readiness.length > 0);
    await open(uri, 'import pandas as pd\n');
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'df = pd.read_csv("/Users/dana/churn.csv")\n' }],
    });
    const d = localPath(await client.diagnosticsOf(uri, (x) => localPath(x).length === 1, 'the typed path'));
    assert.deepEqual(d[0].range, { start: { line: 1, character: 18 }, end: { line: 1, character: 39 } });
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text: 'import pandas as pd\ndf = pd.read_csv(DATA)\n' }] });
    await client.diagnosticsOf(uri, (x) => localPath(x).length === 0, 'the path gone');
  });

  it('puts notebook findings on the cell document at the cell position (LSP 3.17 notebook sync)', async () => {
    const nbPath = 'explore.ipynb';
    const repo = tempRepo({ [nbPath]: notebookText([{ cell_type: 'code', source: ['x = 1\n'] }]) });
    client = await LspClient.start({ folders: [repo], notebooks: true, initializationOptions: { debounceMs: 20 } });
    const nbUri = uriOf(path.join(repo, nbPath));
    await client.until('first scan', () => client!.readiness.length > 0);
    const cell = (i: number) => `${nbUri}#cell${i}`;
    await client.connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
      notebookDocument: {
        uri: nbUri,
        notebookType: 'jupyter-notebook',
        version: 1,
        cells: [
          { kind: NotebookCellKind.Markup, document: cell(0) },
          { kind: NotebookCellKind.Code, document: cell(1), executionSummary: { executionOrder: 1 } },
        ],
      },
      cellTextDocuments: [
        { uri: cell(0), languageId: 'markdown', version: 1, text: '# Explore\n' },
        { uri: cell(1), languageId: 'python', version: 1, text: 'import pandas as pd\ndf = pd.read_csv("/home/dana/raw.csv")\n' },
      ],
    });
    const d = localPath(await client.diagnosticsOf(cell(1), (x) => localPath(x).length === 1, 'the cell diagnostic'));
    assert.deepEqual(d[0].range, { start: { line: 1, character: 18 }, end: { line: 1, character: 36 } });
    assert.doesNotMatch(d[0].message, /^cell /, 'on the cell itself, no "cell N" prefix');
    // Editing the cell moves the diagnostic with it.
    await client.connection.sendNotification(DidChangeNotebookDocumentNotification.type, {
      notebookDocument: { uri: nbUri, version: 2 },
      change: { cells: { textContent: [{ document: { uri: cell(1), version: 2 }, changes: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n\n' }] }] } },
    });
    const moved = localPath(await client.diagnosticsOf(cell(1), (x) => localPath(x)[0]?.range.start.line === 3, 'the moved diagnostic'));
    assert.equal(moved[0].range.start.character, 18);
    // The path fix edits the cell, with a default relative to the notebook's folder (where Jupyter runs it).
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: cell(1) }, range: moved[0].range, context: { diagnostics: [moved[0]] } })) as CodeAction[];
    const rewrite = actions.find((a) => a.title.startsWith('Read the path from'));
    assert.ok(rewrite, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(Object.keys(rewrite.edit!.changes!), [cell(1)]);
    const cellText = TextDocument.applyEdits(TextDocument.create(cell(1), 'python', 2, '\n\nimport pandas as pd\ndf = pd.read_csv("/home/dana/raw.csv")\n'), rewrite.edit!.changes![cell(1)] as TextEdit[]);
    assert.match(cellText, /^import os\n/);
    assert.match(cellText, /df = pd\.read_csv\(os\.environ\.get\("[A-Z_]+", "[^"]+"\)\)/);
    assert.doesNotMatch(cellText, /__file__/);
    // Nothing of the notebook is left on the .ipynb file itself.
    assert.equal(localPath(client.diagnostics.get(nbUri) ?? []).length, 0);
  });


  it('"Fix all … in this notebook" rewrites the paths of every cell; source.fixAll (asked per cell on save) its own cell', async () => {
    const nbPath = 'kaggle.ipynb';
    const repo = tempRepo({ [nbPath]: notebookText([{ cell_type: 'code', source: ['x = 1\n'] }]) });
    client = await LspClient.start({ folders: [repo], notebooks: true, initializationOptions: { debounceMs: 20 } });
    const nbUri = uriOf(path.join(repo, nbPath));
    await client.until('first scan', () => client!.readiness.length > 0);
    const cell = (i: number) => `${nbUri}#cell${i}`;
    const texts = ['import pandas as pd\ntrain = pd.read_csv("/home/dana/train.csv")\n', 'test = pd.read_csv("/home/dana/test.csv")\nsub = pd.read_csv("/home/dana/sub.csv")\n'];
    await client.connection.sendNotification(DidOpenNotebookDocumentNotification.type, {
      notebookDocument: { uri: nbUri, notebookType: 'jupyter-notebook', version: 1, cells: texts.map((_, i) => ({ kind: NotebookCellKind.Code, document: cell(i) })) },
      cellTextDocuments: texts.map((text, i) => ({ uri: cell(i), languageId: 'python', version: 1, text })),
    });
    await client.diagnosticsOf(cell(0), (x) => localPath(x).length === 1, 'cell 1');
    const [d] = localPath(await client.diagnosticsOf(cell(1), (x) => localPath(x).length === 2, 'cell 2'));
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: cell(1) }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const all = actions.find((a) => a.title === 'Fix all 3 local paths in this notebook');
    assert.ok(all, JSON.stringify(actions.map((a) => a.title)));
    const fixed = texts.map((text, i) => TextDocument.applyEdits(TextDocument.create(cell(i), 'python', 1, text), (all.edit!.changes![cell(i)] ?? []) as TextEdit[]));
    assert.equal(fixed.join('').match(/os\.environ\.get/g)?.length, 3);
    assert.match(fixed[0], /^import os\n/);
    const onSave = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: cell(1) }, range: d.range, context: { diagnostics: [], only: ['source.fixAll.pocReadiness'] } })) as CodeAction[];
    assert.equal(onSave[0]?.title, 'Fix all 2 local paths in this cell');
    const rewrites = Object.entries(onSave[0].edit!.changes!).flatMap(([u, edits]) => edits.filter((e) => /os\.environ/.test(e.newText)).map(() => u));
    assert.deepEqual(rewrites, [cell(1), cell(1)]);
  });
  it('maps notebook findings onto the raw .ipynb JSON for clients without notebook sync', async () => {
    const text = notebookText([
      { cell_type: 'markdown', source: ['# Explore\n'] },
      { cell_type: 'code', source: ['import pandas as pd\n', 'df = pd.read_csv("C:\\\\Users\\\\dana\\\\raw.csv")\n'], execution_count: 1 },
    ]);
    const repo = tempRepo({ 'explore.ipynb': text });
    client = await LspClient.start({ folders: [repo] });
    const uri = uriOf(path.join(repo, 'explore.ipynb'));
    await open(uri, text, 'json');
    // The workspace scan may publish first, from the file on disk (columns unknown without the
    // client's text); the publish after didOpen maps the columns into the JSON.
    const d = localPath(await client.diagnosticsOf(uri, (x) => localPath(x).length === 1 && localPath(x)[0].range.end.character > 0));
    const lines = text.split('\n');
    const rawLine = lines.findIndex((l) => l.includes('read_csv'));
    assert.equal(d[0].range.start.line, rawLine);
    // The range covers the path as it is written in the JSON (escapes and all).
    assert.equal(lines[rawLine].slice(d[0].range.start.character, d[0].range.end.character), 'C:\\\\\\\\Users\\\\\\\\dana\\\\\\\\raw.csv');
    assert.match(d[0].message, /^cell 2, line 2: /);
  });

  it('maps a notebook the client never opened onto its JSON on disk, columns included', async () => {
    const text = notebookText([{ cell_type: 'code', source: ['import pandas as pd\n', 'df = pd.read_csv("/home/dana/raw.csv")\n'], execution_count: 1 }]);
    const repo = tempRepo({ 'closed.ipynb': text });
    client = await LspClient.start({ folders: [repo] });
    const uri = uriOf(path.join(repo, 'closed.ipynb'));
    const d = localPath(await client.diagnosticsOf(uri, (x) => localPath(x).length === 1));
    const lines = text.split('\n');
    const rawLine = lines.findIndex((l) => l.includes('read_csv'));
    assert.equal(d[0].range.start.line, rawLine);
    assert.equal(lines[rawLine].slice(d[0].range.start.character, d[0].range.end.character), '/home/dana/raw.csv');
  });

  it('sends the readiness notification and puts repository findings on their files', async () => {
    const repo = tempRepo({ 'train.py': TRAIN, 'README.md': '# Churn\n' });
    client = await LspClient.start({ folders: [repo] });
    const readiness = await client.until('readiness', () => client!.readiness[0]);
    assert.equal(readiness.folder, uriOf(repo));
    const root = readiness.roots[0];
    assert.equal(root.root, '.');
    assert.ok(root.score >= 0 && root.score <= 100);
    assert.equal(root.level, 'manual');
    assert.deepEqual(Object.keys(root.pillars).sort(), ['abstract-infrastructure', 'business-involvement', 'code-quality', 'failure-criteria', 'production-data']);
    assert.ok(root.weakest in root.pillars);
    assert.equal(root.anchor, uriOf(path.join(repo, 'README.md')));
    const onReadme = await client.diagnosticsOf(root.anchor!, (x) => x.some((d) => d.code === 'manifest-missing'));
    assert.ok(onReadme.some((d) => d.code === 'manifest-missing' && d.range.start.line === 0));
  });

  it('offers the path rewrite and an ignore comment as quick fixes, and source.fixAll.pocReadiness', async () => {
    const text = '"""Train."""\nimport pandas as pd\n\ntrain = pd.read_csv("/home/dana/data/train.csv")\ntest = pd.read_csv(\'/home/dana/data/test.csv\')\n';
    const repo = tempRepo({ 'train.py': text });
    client = await LspClient.start({ folders: [repo] });
    const uri = uriOf(path.join(repo, 'train.py'));
    await open(uri, text);
    const diags = localPath(await client.diagnosticsOf(uri, (x) => localPath(x).length === 2));
    const doc = TextDocument.create(uri, 'python', 1, text);

    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: diags[0].range, context: { diagnostics: [diags[0]] } })) as CodeAction[];
    const rewrite = actions.find((a) => a.title.startsWith('Read the path from'));
    assert.ok(rewrite, JSON.stringify(actions));
    assert.equal(rewrite.kind, 'quickfix');
    assert.equal(rewrite.isPreferred, true);
    const rewritten = TextDocument.applyEdits(doc, rewrite.edit!.changes![uri] as TextEdit[]);
    assert.match(rewritten, /^"""Train\."""\nimport os\nimport pandas as pd\n/);
    // The core's fix (core/fix/local-path.ts): a module's default is anchored to the file itself.
    assert.match(rewritten, /train = pd\.read_csv\(os\.environ\.get\("TRAIN_PATH", os\.path\.join\(os\.path\.dirname\(os\.path\.abspath\(__file__\)\), "data\/train\.csv"\)\)\)\n/);
    assert.match(rewritten, /test = pd\.read_csv\('\/home\/dana/, 'only the asked-for literal');

    assert.ok(actions.some((a) => a.title === 'Fix all 2 local paths in this file'), 'fix-all offered beside the single fix');
    const ignore = actions.find((a) => a.title === 'Ignore local-path on this line');
    assert.ok(ignore);
    assert.equal(TextDocument.applyEdits(doc, ignore.edit!.changes![uri] as TextEdit[]).split('\n')[3], '# poc-readiness-ignore local-path');

    const fixAll = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.pocReadiness'] },
    })) as CodeAction[];
    assert.equal(fixAll.length, 1);
    assert.equal(fixAll[0].kind, 'source.fixAll.pocReadiness');
    const fixed = TextDocument.applyEdits(doc, fixAll[0].edit!.changes![uri] as TextEdit[]);
    assert.doesNotMatch(fixed, /\/home\/dana/);
    assert.equal(fixed.match(/^import os$/gm)?.length, 1);

    // The fixed text lints clean of local-path: the fix does what the diagnostic asks.
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    await client.diagnosticsOf(uri, (x) => localPath(x).length === 0, 'no local-path after fix-all');
  });

  /** A PoC without a Dockerfile, its README open, and the quick fixes offered on container-missing. */
  async function dockerfileScaffold(resolveEdits: boolean): Promise<{ lsp: LspClient; repo: string; readme: string; missing: Diagnostic; scaffold: CodeAction }> {
    const repo = tempRepo({ 'train.py': TRAIN, 'README.md': '# Churn\n' });
    const lsp = (client = await LspClient.start({ folders: [repo], resolveEdits }));
    const readme = uriOf(path.join(repo, 'README.md'));
    await open(readme, '# Churn\n', 'markdown');
    const diags = await lsp.diagnosticsOf(readme, (x) => x.some((d) => d.code === 'container-missing'));
    const missing = diags.find((d) => d.code === 'container-missing')!;
    const actions = (await lsp.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: readme }, range: missing.range, context: { diagnostics: [missing] } })) as CodeAction[];
    const scaffold = actions.find((a) => a.title === 'Scaffold the missing piece (dockerfile)');
    assert.ok(scaffold, JSON.stringify(actions.map((a) => a.title)));
    return { lsp, repo, readme, missing, scaffold };
  }

  it('offers the scaffold of a repository finding as files to create, and the finding goes once they exist', async () => {
    const { lsp, repo, readme, scaffold } = await dockerfileScaffold(false);
    const changes = scaffold.edit!.documentChanges as ({ kind: 'create'; uri: string; options: object } | { textDocument: { uri: string }; edits: TextEdit[] })[];
    const dockerfile = uriOf(path.join(repo, 'Dockerfile'));
    assert.deepEqual(changes.find((c) => 'kind' in c && c.uri === dockerfile), { kind: 'create', uri: dockerfile, options: { overwrite: false, ignoreIfExists: false } });
    // Apply it as a client would: create each file, then insert its content.
    for (const c of changes) if (!('kind' in c)) fs.writeFileSync(new URL(c.textDocument.uri), c.edits[0].newText);
    assert.match(fs.readFileSync(path.join(repo, 'Dockerfile'), 'utf8'), /^FROM /m);
    await lsp.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: changes.filter((c): c is { kind: 'create'; uri: string; options: object } => 'kind' in c).map((c) => ({ uri: c.uri, type: FileChangeType.Created })),
    });
    await lsp.diagnosticsOf(readme, (x) => !x.some((d) => d.code === 'container-missing'), 'container-missing gone');
  });

  it('plans a scaffold only when a resolving client picks it (codeAction/resolve), and only for its own folders and roots', async () => {
    const { lsp, repo, missing, scaffold } = await dockerfileScaffold(true);
    assert.equal(scaffold.edit, undefined, 'no edit before the client resolves it');
    assert.deepEqual(scaffold.diagnostics, [missing]);

    const resolved = await lsp.connection.sendRequest(CodeActionResolveRequest.type, scaffold);
    const changes = resolved.edit!.documentChanges as ({ kind: 'create'; uri: string } | { textDocument: { uri: string }; edits: TextEdit[] })[];
    const dockerfile = uriOf(path.join(repo, 'Dockerfile'));
    assert.ok(changes.some((c) => 'kind' in c && c.kind === 'create' && c.uri === dockerfile), JSON.stringify(changes));
    const content = changes.find((c): c is { textDocument: { uri: string }; edits: TextEdit[] } => !('kind' in c) && c.textDocument.uri === dockerfile);
    assert.match(content!.edits[0].newText, /^FROM /m);

    // Data the client altered is not planned: a folder the server does not have, a root that is not a PoC root.
    const data = scaffold.data as { folder: string; root: string };
    for (const altered of [{ ...data, folder: uriOf(os.tmpdir()) }, { ...data, root: '..' }, { ...data, root: '../..' }, undefined]) {
      const back: CodeAction = await lsp.connection.sendRequest(CodeActionResolveRequest.type, { ...scaffold, data: altered });
      assert.equal(back.edit, undefined, JSON.stringify(altered));
    }
    assert.equal(fs.existsSync(path.join(repo, 'Dockerfile')), false, 'resolving writes nothing itself');
  });

  it('edits the PoC\'s poc.yaml: allow a shared prefix, turn a repository rule off', async () => {
    const manifest = 'name: churn\n';
    const code = 'import pandas as pd\ndf = pd.read_parquet("/mnt/shared/churn/events.parquet")\n';
    const repo = tempRepo({ 'poc.yaml': manifest, 'train.py': code });
    client = await LspClient.start({ folders: [repo] });
    const uri = uriOf(path.join(repo, 'train.py'));
    const yamlUri = uriOf(path.join(repo, 'poc.yaml'));
    await open(uri, code);
    const [d] = localPath(await client.diagnosticsOf(uri, (x) => localPath(x).length === 1));
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const allow = actions.find((a) => a.title === 'Allow the prefix /mnt/shared/ for this PoC (lint.local_path_allow)');
    assert.ok(allow, JSON.stringify(actions.map((a) => a.title)));
    const allowed = TextDocument.applyEdits(TextDocument.create(yamlUri, 'yaml', 1, manifest), allow.edit!.changes![yamlUri] as TextEdit[]);
    assert.match(allowed, /^name: churn\nlint:\n  local_path_allow:\n    - '\/mnt\/shared\/'\n$/);

    // Unsaved poc.yaml text is what the edit starts from.
    await open(yamlUri, allowed, 'yaml');
    const onYaml = await client.diagnosticsOf(yamlUri, (x) => x.some((y) => y.code === 'ci-missing'));
    const ci = onYaml.find((y) => y.code === 'ci-missing')!;
    const yamlActions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: yamlUri }, range: ci.range, context: { diagnostics: [ci] } })) as CodeAction[];
    const off = yamlActions.find((a) => a.title === 'Turn off ci-missing for this PoC');
    assert.ok(off, JSON.stringify(yamlActions.map((a) => a.title)));
    const turnedOff = TextDocument.applyEdits(TextDocument.create(yamlUri, 'yaml', 2, allowed), off.edit!.changes![yamlUri] as TextEdit[]);
    assert.match(turnedOff, /local_path_allow:/);
    assert.match(turnedOff, /rules:\n\s+ci-missing: off/);
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: yamlUri, version: 2 }, contentChanges: [{ text: turnedOff }] });
    await client.diagnosticsOf(yamlUri, (x) => !x.some((y) => y.code === 'ci-missing'), 'ci-missing off');
    await client.diagnosticsOf(uri, (x) => localPath(x).length === 0, 'the allowed prefix');
  });

  it('follows workspace/configuration per folder and re-pulls it on didChangeConfiguration', async () => {
    const a = tempRepo({ 'train.py': TRAIN });
    const b = tempRepo({ 'train.py': TRAIN });
    const settings: Record<string, unknown> = { [uriOf(a)]: { rules: { 'local-path': 'error' } }, [uriOf(b)]: {} };
    client = await LspClient.start({ folders: [a, b], configuration: (item) => settings[item.scopeUri!] });
    const ua = uriOf(path.join(a, 'train.py'));
    const ub = uriOf(path.join(b, 'train.py'));
    assert.equal(localPath(await client.diagnosticsOf(ua, (x) => localPath(x).length === 1))[0].severity, DiagnosticSeverity.Error);
    assert.equal(localPath(await client.diagnosticsOf(ub, (x) => localPath(x).length === 1))[0].severity, DiagnosticSeverity.Warning);
    settings[uriOf(a)] = { rules: { 'local-path': 'off' } };
    settings[uriOf(b)] = { localPath: { allow: ['/home/dana/'] } };
    await client.changeConfiguration();
    await client.diagnosticsOf(ua, (x) => localPath(x).length === 0, 'local-path off in folder a');
    await client.diagnosticsOf(ub, (x) => localPath(x).length === 0, 'the allow-listed prefix in folder b');
  });

  it('takes initializationOptions, and pushed settings from clients without workspace/configuration', async () => {
    const repo = tempRepo({ 'train.py': TRAIN });
    client = await LspClient.start({ folders: [repo], initializationOptions: { 'pocReadiness.rules': { 'local-path': 'info' } } });
    const uri = uriOf(path.join(repo, 'train.py'));
    assert.equal(localPath(await client.diagnosticsOf(uri, (x) => localPath(x).length === 1))[0].severity, DiagnosticSeverity.Information);
    await client.changeConfiguration({ pocReadiness: { enable: false } });
    await client.diagnosticsOf(uri, (x) => x.length === 0, 'everything cleared when disabled');
    await client.changeConfiguration({ pocReadiness: { enable: true } });
    await client.diagnosticsOf(uri, (x) => localPath(x).length === 1, 'back when enabled');
  });

  it('adds and removes workspace folders', async () => {
    const a = tempRepo({ 'train.py': TRAIN });
    const b = tempRepo({ 'score.py': 'open("/Users/dana/model.pkl")\n' });
    client = await LspClient.start({ folders: [a] });
    await client.diagnosticsOf(uriOf(path.join(a, 'train.py')), (x) => localPath(x).length === 1);
    const ub = uriOf(path.join(b, 'score.py'));
    assert.equal(client.diagnostics.has(ub), false);
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [{ uri: uriOf(b), name: 'b' }], removed: [] } });
    await client.diagnosticsOf(ub, (x) => localPath(x).length === 1, 'the added folder');
    await client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [{ uri: uriOf(a), name: 'a' }] } });
    await client.diagnosticsOf(uriOf(path.join(a, 'train.py')), (x) => x.length === 0, 'the removed folder cleared');
  });

  it('lints a jupyterlab-lsp virtual document (a notebook as one Python text) on its own URI', async () => {
    const nb = notebookText([{ cell_type: 'code', source: ['x = 1\n'] }]);
    const repo = tempRepo({ 'explore.ipynb': nb });
    client = await LspClient.start({ folders: [repo], initializationOptions: { rules: { 'local-path': 'error' } } });
    await client.until('first scan', () => client!.readiness.length > 0);
    const readinessBefore = client.readiness.at(-1);
    const uri = uriOf(path.join(repo, '.virtual_documents/explore.ipynb'));
    await open(uri, 'import pandas as pd\n\n\ndf = pd.read_csv("/home/dana/raw.csv")\n');
    const d = localPath(await client.diagnosticsOf(uri, (x) => localPath(x).length === 1));
    assert.deepEqual(d[0].range, { start: { line: 3, character: 18 }, end: { line: 3, character: 36 } });
    assert.equal(d[0].severity, DiagnosticSeverity.Error);
    // The shadow copy does not count as a second file for the score.
    assert.deepEqual(client.readiness.at(-1), readinessBefore);
  });

  it('picks up files created on disk (watched-file events) and, in onSave mode, lints on save only', async () => {
    const repo = tempRepo({ 'train.py': 'import pandas as pd\n' });
    client = await LspClient.start({ folders: [repo], initializationOptions: { pocReadiness: { run: 'onSave', debounceMs: 0 } } });
    await client.until('first scan', () => client!.readiness.length > 0);
    fs.writeFileSync(path.join(repo, 'score.py'), 'open("/Users/dana/model.pkl")\n');
    const created = uriOf(path.join(repo, 'score.py'));
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: created, type: FileChangeType.Created }] });
    await client.diagnosticsOf(created, (x) => localPath(x).length === 1, 'the created file');

    const uri = uriOf(path.join(repo, 'train.py'));
    await open(uri, 'import pandas as pd\n');
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'p = "/home/dana/x.csv"\n' }] });
    // Typing alone does not lint in onSave mode: a later change to another file proves the server moved on.
    fs.writeFileSync(path.join(repo, 'score.py'), 'x = 1\n');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: created, type: FileChangeType.Changed }] });
    await client.diagnosticsOf(created, (x) => localPath(x).length === 0, 'the changed file re-read');
    assert.equal(localPath(client.diagnostics.get(uri) ?? []).length, 0, 'no lint while typing in onSave mode');
    await client.connection.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    await client.diagnosticsOf(uri, (x) => localPath(x).length === 1, 'linted on save');
  });

  it('without workspace folders, lints the project around an opened file (nearest poc.yaml or .git)', async () => {
    const repo = tempRepo({ '.git/HEAD': 'ref: refs/heads/main\n', 'src/train.py': TRAIN, 'src/other.py': 'open("/Users/dana/x.csv")\n' });
    client = await LspClient.start({ folders: [] });
    const uri = uriOf(path.join(repo, 'src/train.py'));
    await open(uri, TRAIN);
    await client.diagnosticsOf(uri, (x) => localPath(x).length === 1);
    // The whole project was scanned, not just the opened file.
    await client.diagnosticsOf(uriOf(path.join(repo, 'src/other.py')), (x) => localPath(x).length === 1);
    assert.equal(client.readiness.at(-1)?.folder, uriOf(repo));
  });

  it('shares the first scan of a large folder with a worker thread: the same diagnostics and readiness as without', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-lsp-pool-'));
    try {
      const root = generate(path.join(tmp, 'tree'), { files: 700, seed: 5 }).root;
      const run = async (workers: string) => {
        client = await LspClient.start({ folders: [root], env: { POC_READINESS_WORKERS: workers } });
        const readiness = await client.until('readiness of every root', () => (client!.readiness.length ? client!.readiness[client!.readiness.length - 1] : undefined));
        // The diagnostics follow the readiness notification; the answer to shutdown comes after them.
        await client.stop();
        const seen = { readiness, diagnostics: new Map(client.diagnostics), logs: [...client.logs] };
        client = undefined;
        return seen;
      };
      const shared = await run('1');
      const alone = await run('0');
      assert.ok(shared.logs.some((l) => /worker threads analysed [1-9]\d* files/.test(l)), `a worker took part: ${shared.logs.join(' | ')}`);
      assert.ok(!alone.logs.some((l) => /worker threads/.test(l)));
      assert.deepEqual(shared.readiness, alone.readiness);
      assert.ok([...alone.diagnostics.values()].some((d) => d.length > 0), 'the tree has diagnostics to compare');
      assert.deepEqual(shared.diagnostics, alone.diagnostics);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('reports a broken notebook as a finding and keeps serving', async () => {
    const repo = tempRepo({ 'broken.ipynb': '{"cells": [', 'train.py': TRAIN });
    client = await LspClient.start({ folders: [repo] });
    const d = await client.diagnosticsOf(uriOf(path.join(repo, 'broken.ipynb')), (x) => x.some((y) => y.code === 'invalid-file'));
    assert.equal(d.find((y) => y.code === 'invalid-file')!.severity, DiagnosticSeverity.Error);
    await client.diagnosticsOf(uriOf(path.join(repo, 'train.py')), (x) => localPath(x).length === 1);
    await client.stop();
    assert.equal(client.exitCode, 0, 'a clean shutdown exits 0');
    client = undefined;
    fs.rmSync(repo, { recursive: true, force: true });
  });
});
