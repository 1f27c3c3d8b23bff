// Runs inside a real VS Code extension host (code-server or @vscode/test-electron) on a
// temporary copy of test/fixtures/notebook-pilot. Everything is checked through the vscode API.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PocReadinessApi } from '../../src/extension/extension';
import { atLeast, folder, ours, waitFor } from './helpers';
import type { ScaffoldCommandResult } from '../../src/extension/scaffoldCommands';
import { PILLARS, PILLAR_TITLES } from '../../src/core/types';

const EXTENSION_ID = 'poc-readiness.poc-readiness';

/**
 * Puts the cells' text back as it was and saves the notebook, so that the extension and the
 * CLI read the same file in the tests after (an edited cell may lose its execution order,
 * which notebook-out-of-order and the score read), then waits for cell 2's findings to return.
 */
async function restoreNotebook(nb: vscode.NotebookDocument, original: readonly string[]): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  nb.getCells().forEach((c, i) => edit.replace(c.document.uri, new vscode.Range(c.document.positionAt(0), c.document.positionAt(c.document.getText().length)), original[i]));
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.ok(await nb.save(), 'the notebook is saved');
  assert.deepEqual(cellTexts(nb), original, 'the notebook is back as it was');
  await waitFor('local-path back on cell 2', () => atLeast(nb.cellAt(2).document.uri, 'local-path', 2));
}

/** Waits until the status bar shows what the CLI computes for the folder on disk, and returns it. */
async function statusBarMatchesCli(api: PocReadinessApi): Promise<string> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  const cli = spawnSync(process.execPath, [path.join(ext.extensionPath, 'dist', 'cli.js'), 'lint', folder().fsPath, '--format', 'json'], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  const root = JSON.parse(cli.stdout).roots[0];
  const level = root.score.level[0].toUpperCase() + root.score.level.slice(1);
  const expected = `$(rocket) PoC ${root.score.total}% · ${level}`;
  await waitFor(`status bar '${expected}'`, () => api.statusBarText() === expected);
  return expected;
}

const cellTexts = (nb: vscode.NotebookDocument) => nb.getCells().map((c) => c.document.getText());

describe('PoC Readiness in VS Code', function () {
  this.timeout(60_000);
  let api: PocReadinessApi;

  before(async () => {
    const ext = vscode.extensions.getExtension<PocReadinessApi>(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is installed`);
    api = await ext.activate();
    await api.ready;
  });

  it('puts a local-path diagnostic on the .py file at the exact range, with code, link and source', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'pipeline.py');
    await vscode.window.showTextDocument(uri);
    const [d] = await waitFor('local-path on pipeline.py', () => atLeast(uri, 'local-path'));
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [2, 14, 2, 54]);
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(d.source, 'poc-readiness');
    const code = d.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, 'local-path');
    // The link opens the same page as the quick fix "Show documentation for local-path".
    assert.equal(code.target.scheme, 'command');
    assert.equal(code.target.path, 'pocReadiness.showRuleDoc');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const docAction = actions.find((a) => a.title === 'Show documentation for local-path');
    assert.ok(docAction?.command);
    assert.deepEqual([docAction.command.command, ...(docAction.command.arguments ?? [])], [code.target.path, ...JSON.parse(code.target.query)]);
    await vscode.commands.executeCommand(code.target.path, ...JSON.parse(code.target.query));
    await waitFor('the rule doc in the Markdown preview', () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => /local-path\.md/.test(t.label)));
    await vscode.window.showTextDocument(uri);
  });

  it('puts notebook findings on the cell document at the line inside the cell', async () => {
    const nbUri = vscode.Uri.joinPath(folder(), 'notebooks', 'churn_model.ipynb');
    const nb = await vscode.workspace.openNotebookDocument(nbUri);
    await vscode.window.showNotebookDocument(nb);
    const cell = nb.cellAt(2).document;
    const diags = await waitFor('local-path on cell 2', () => atLeast(cell.uri, 'local-path', 2));
    const lines = diags.map((d) => [d.range.start.line, d.range.start.character]).sort();
    assert.deepEqual(lines, [[3, 12], [4, 25]]);
    assert.ok(ours(nb.cellAt(1).document.uri, 'notebook-pip-install').length === 1, '!pip install is flagged on cell 1');
    assert.equal(ours(nb.cellAt(0).document.uri).length, 0, 'the Markdown cell is not linted');
  });

  it('keeps repository findings that have no line off README line 1: they are in the results (and the readiness view)', async () => {
    const readme = vscode.Uri.joinPath(folder(), 'README.md');
    const ids = await waitFor('repository findings', () => {
      const got = api.results().flatMap((r) => r.roots.flatMap((root) => root.findings.filter((f) => !f.file).map((f) => f.ruleId)));
      return got.includes('manifest-missing') && got;
    });
    for (const id of ['ci-missing', 'container-missing', 'failure-criteria-missing']) assert.ok(ids.includes(id), id);
    assert.deepEqual(ours(readme), [], 'nothing stacked on the README');
  });

  it('the readiness view reads pillar (icon from its score) → rule (count, points lost) → file → finding labelled file:line', async () => {
    const result = api.results()[0].roots[0];
    const [root] = api.readinessTree();
    assert.match(root.description!, new RegExp(`^${result.score.total}% · Manual`));
    assert.deepEqual(root.children.map((p) => p.label), PILLARS.map((p) => PILLAR_TITLES[p]));
    PILLARS.forEach((pillar, i) => {
      const score = result.score.pillars[pillar];
      assert.equal(root.children[i].icon, score >= 80 ? 'pass' : score >= 50 ? 'warning' : 'error', `${pillar} at ${score}%`);
      assert.match(root.children[i].description!, new RegExp(`^${score}%`));
    });
    const infra = root.children[PILLARS.indexOf('abstract-infrastructure')];
    const rule = infra.children.find((r) => r.label === 'local-path');
    assert.ok(rule, infra.children.map((r) => r.label).join(', '));
    const count = result.findings.filter((f) => f.ruleId === 'local-path').length;
    assert.match(rule.description!, new RegExp(`^${count} · −\\d+ pts · `), 'count and points lost');
    assert.equal(rule.command, 'pocReadiness.showRuleDoc');
    const files = rule.children.map((f) => f.label);
    assert.ok(files.includes('pipeline.py') && files.includes('notebooks/churn_model.ipynb'), files.join(', '));
    const findings = rule.children.flatMap((f) => f.children);
    assert.ok(findings.some((f) => f.label === 'pipeline.py:3'), findings.map((f) => f.label).join(', '));
    assert.ok(findings.some((f) => /^notebooks\/churn_model\.ipynb cell 3:\d+$/.test(f.label)), 'a notebook finding names its cell');
    assert.ok(findings.every((f) => f.command === 'pocReadiness.openFinding' && f.description && f.children.length === 0));
    // A repository finding without a line is a finding right under its rule, saying what is missing.
    const ci = root.children.flatMap((p) => p.children).find((r) => r.label === 'ci-missing');
    assert.ok(ci && ci.children.length === 1 && ci.children[0].children.length === 0 && ci.children[0].label.length > 10);
  });

  it('the status bar said it was scanning until the first results, and Lint Workspace says what it did', async () => {
    const history = api.statusBarHistory();
    assert.equal(history[0], '$(sync~spin) PoC: scanning…');
    assert.ok(history.slice(1).some((t) => /^\$\(rocket\) PoC \d+% · /.test(t)), history.join(' | '));
    const message = await vscode.commands.executeCommand<string>('pocReadiness.lintWorkspace');
    assert.match(message, /^PoC Readiness: linted \d+ files, \d+ findings\.$/);
  });

  it('contributes a Getting Started walkthrough whose steps run our commands and whose media ship', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const [walkthrough] = ext.packageJSON.contributes.walkthroughs;
    assert.equal(walkthrough.title, 'Get Started with PoC Readiness');
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthrough.steps) {
      const linked = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((m: RegExpMatchArray) => m[1]);
      assert.ok(linked.length && linked.every((c) => commands.has(c)), `${step.id}: ${linked}`);
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext.extensionUri, step.media.markdown));
    }
    assert.equal(ext.packageJSON.contributes.configuration.title, 'PoC Readiness');
  });

  it('shows the same score in the status bar as the CLI for the same tree', async () => {
    await statusBarMatchesCli(api);
  });

  it('quick fix replaces the literal with an environment lookup anchored to the module and imports os', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'pipeline.py');
    const editor = await vscode.window.showTextDocument(uri);
    const [d] = await waitFor('diagnostic', () => atLeast(uri, 'local-path'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Ignore local-path on this line'), titles.join(' | '));
    assert.ok(titles.includes('Show documentation for local-path'), titles.join(' | '));
    const fix = actions.find((a) => a.title.startsWith('Read the path from TRAIN_PATH'));
    assert.ok(fix?.edit, titles.join(' | '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const text = editor.document.getText();
    assert.ok(text.startsWith('import os\nimport pandas as pd\n'), text);
    assert.match(text, /^TRAIN_PATH = os\.environ\.get\("TRAIN_PATH", os\.path\.join\(os\.path\.dirname\(os\.path\.abspath\(__file__\)\), "data\/train\.csv"\)\)$/m);
    await waitFor('diagnostic gone after the fix', () => ours(uri, 'local-path').length === 0);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('diagnostic back after revert', () => ours(uri, 'local-path').length === 1);
  });

  it('source.fixAll.pocReadiness rewrites every machine-local path of a notebook cell', async () => {
    const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.path.endsWith('churn_model.ipynb'));
    assert.ok(nb, 'the notebook is open');
    const original = cellTexts(nb);
    const cell = nb.cellAt(2).document;
    await waitFor('two local-path findings', () => atLeast(cell.uri, 'local-path', 2));
    const [fixAll] = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', cell.uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.pocReadiness');
    assert.ok(fixAll?.edit, 'a fix-all action');
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    const text = cell.getText();
    assert.match(text, /^import os\n/);
    // The notebook runs in notebooks/: its defaults are relative to that folder.
    assert.match(text, /DATA_DIR = os\.environ\.get\("DATA_DIR", "\.\.\/data"\)/);
    assert.match(text, /pd\.read_csv\(os\.environ\.get\("CUSTOMERS_PATH", "\.\.\/data\/customers\.csv"\), nrows=50000\)/);
    assert.equal(ours(nb.cellAt(3).document.uri, 'local-path').length, 1, 'fix-on-save edits its own cell only');
    await waitFor('cell clean of local-path', () => ours(cell.uri, 'local-path').length === 0);
    await restoreNotebook(nb, original);
  });

  it('"Fix all local paths in this notebook" is in the Ctrl+. list, and the fixed notebook binds every name before use', async () => {
    const nb = await vscode.workspace.openNotebookDocument(vscode.Uri.joinPath(folder(), 'notebooks', 'churn_model.ipynb'));
    await vscode.window.showNotebookDocument(nb);
    const original = cellTexts(nb);
    const cell = nb.cellAt(2).document;
    const [d] = await waitFor('local-path on cell 2', () => atLeast(cell.uri, 'local-path', 2));
    // The workbench receives new markers a moment after the extension host publishes them.
    const actions = await waitFor('quick fixes on cell 2', async () => {
      const got = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', cell.uri, d.range, vscode.CodeActionKind.QuickFix.value);
      return got.length > 0 && got;
    });
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Ignore local-path on this line'), titles.join(' | '));
    const all = actions.find((a) => a.title === 'Fix all 3 local paths in this notebook');
    assert.ok(all?.edit, titles.join(' | '));
    assert.ok(await vscode.workspace.applyEdit(all.edit));
    assert.match(nb.cellAt(3).document.getText(), /^events = pd\.read_parquet\(os\.environ\.get\("EVENTS_2024_PATH", "\.\.\/data\/events_2024\.parquet"\)\)/);
    assert.equal(nb.getCells().filter((c) => /^import os$/m.test(c.document.getText())).length, 1, 'one import os, in the first edited cell');
    await waitFor('notebook clean of local-path', () => nb.getCells().every((c) => ours(c.document.uri, 'local-path').length === 0));
    // A real Python checks the result: every module-level name is bound before a cell reads it.
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-nb-'));
    const file = path.join(tmp, 'fixed.ipynb');
    fs.writeFileSync(file, JSON.stringify({ cells: nb.getCells().map((c) => ({ cell_type: c.kind === vscode.NotebookCellKind.Code ? 'code' : 'markdown', source: c.document.getText(), metadata: {} })) }));
    const check = spawnSync('python3', ['-I', '-B', path.join(ext.extensionPath, 'test/helpers/python/run_fixed.py'), 'bound', file], { encoding: 'utf8', env: { PATH: process.env.PATH } });
    assert.equal(check.stdout.trim(), 'ok', check.stderr);
    await restoreNotebook(nb, original);
  });

  it('"Ignore <rule> on this line" in a notebook cell writes a # comment above the line', async () => {
    const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.path.endsWith('churn_model.ipynb'));
    assert.ok(nb, 'the notebook is open');
    const original = cellTexts(nb);
    const cell = nb.cellAt(3).document;
    const [d] = await waitFor('local-path on cell 3', () => atLeast(cell.uri, 'local-path'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', cell.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const ignore = actions.find((a) => a.title === 'Ignore local-path on this line');
    assert.ok(ignore?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.equal(cell.lineAt(0).text, '# poc-readiness-ignore local-path');
    await waitFor('cell 3 clean of local-path', () => ours(cell.uri, 'local-path').length === 0);
    await restoreNotebook(nb, original);
  });

  it('quick fix adds the distribution of an undeclared import to requirements.txt', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'report_plots.py');
    await vscode.window.showTextDocument(uri);
    const [d] = await waitFor('import-undeclared on report_plots.py', () => atLeast(uri, 'import-undeclared'));
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.character], [2, 7, 14]);
    // The 4th argument resolves the actions, as picking one in the light bulb does.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value, 10);
    const add = actions.find((a) => a.title === 'Add seaborn to requirements.txt');
    assert.ok(add?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(add.edit));
    const reqs = vscode.Uri.joinPath(folder(), 'requirements.txt');
    const doc = await vscode.workspace.openTextDocument(reqs);
    assert.match(doc.getText(), /\nmlflow\nseaborn\n$/);
    await doc.save();
    await waitFor('diagnostic gone once seaborn is declared', () => ours(uri, 'import-undeclared').length === 0);
    await vscode.workspace.fs.writeFile(reqs, new TextEncoder().encode(doc.getText().replace(/seaborn\n$/, '')));
    await waitFor('diagnostic back after the line is removed', () => ours(uri, 'import-undeclared').length === 1);
  });

  it('ignore-on-this-line inserts the suppression comment in the file\'s comment syntax', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'requirements.txt');
    const editor = await vscode.window.showTextDocument(uri);
    const [d] = await waitFor('unpinned-dependency', () => atLeast(uri, 'unpinned-dependency'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d.range);
    const ignore = actions.find((a) => a.title === 'Ignore unpinned-dependency on this line');
    assert.ok(ignore?.edit);
    await vscode.workspace.applyEdit(ignore.edit);
    assert.equal(editor.document.lineAt(d.range.start.line).text, '# poc-readiness-ignore unpinned-dependency');
    const before = ours(uri, 'unpinned-dependency').length;
    await waitFor('one fewer finding', () => ours(uri, 'unpinned-dependency').length === before - 1);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('shared mounts (/efs/…, /mnt/shared/…) get one wording and "Allow the prefix", which writes the allow-list setting', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'pipeline.py');
    const editor = await vscode.window.showTextDocument(uri);
    const config = vscode.workspace.getConfiguration('pocReadiness');
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'FEATURES = "/efs/team/features.parquet"\nSCORES = "/mnt/shared/churn/scores.csv"\n'));
    try {
      const found = await waitFor('two shared-mount findings', () => {
        const ds = ours(uri, 'local-path').filter((d) => d.range.start.line < 2);
        return ds.length === 2 && ds.sort((a, b) => a.range.start.line - b.range.start.line);
      });
      const wording = found.map((d) => d.message.replace(/'[^']*'/, "'…'").replace(/the \w+ environment variable/, 'the … environment variable'));
      assert.equal(wording[0], wording[1], 'the same sentence for both mounts');
      assert.match(found[0].message, /\(absolute path outside the repository\)/);
      assert.doesNotMatch(found[0].message, /on this machine/);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, found[0].range, vscode.CodeActionKind.QuickFix.value);
      const allow = actions.find((a) => a.title === 'Allow the prefix /efs/ (pocReadiness.localPath.allow)');
      assert.ok(allow?.command, actions.map((a) => a.title).join(' | '));
      await vscode.commands.executeCommand(allow.command.command, ...(allow.command.arguments ?? []));
      assert.deepEqual(vscode.workspace.getConfiguration('pocReadiness').get('localPath.allow'), ['/efs/']);
      await waitFor('the /efs/ finding gone, the /mnt/shared/ one kept', () => {
        const left = ours(uri, 'local-path').filter((d) => d.range.start.line < 2);
        return left.length === 1 && left[0].range.start.line === 1;
      });
      // Asked once the diagnostics settled after the setting changed (they are republished).
      await waitFor('Allow the prefix /mnt/shared/ on the second finding', async () => {
        const [mount] = ours(uri, 'local-path').filter((d) => d.range.start.line === 1);
        const second = mount && (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, mount.range, vscode.CodeActionKind.QuickFix.value));
        return second?.some((a) => a.title === 'Allow the prefix /mnt/shared/ (pocReadiness.localPath.allow)'); // a mount point's share, not all of /mnt/
      });
    } finally {
      await config.update('localPath.allow', undefined, vscode.ConfigurationTarget.Workspace);
      await editor.edit((e) => e.delete(new vscode.Range(0, 0, 2, 0)));
      assert.ok(await editor.document.save(), 'pipeline.py saved as it was');
    }
    await waitFor('pipeline.py as before', () => ours(uri, 'local-path').length === 1);
  });

  it('the readiness report opens as a read-only document with the score', async () => {
    await vscode.commands.executeCommand('pocReadiness.showReport');
    const doc = await waitFor('report document', () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'poc-readiness'));
    assert.match(doc.getText(), /^## PoC Readiness — `notebook-pilot`: \d+% · Manual/m);
    assert.match(doc.getText(), /^\*\*\[local-path\]\(https:\/\/[^)]+local-path\.md\)\*\* · warning · \d+ findings · −\d+ points$/m, 'grouped by rule');
    assert.match(doc.getText(), /^### Abstract infrastructure: \d+%$/m, 'grouped by pillar');
    const link = /^- \[pipeline\.py:3\]\(<([^>]+)>\): Machine-local path/m.exec(doc.getText());
    assert.ok(link, 'the finding links to its file and line');
    const target = vscode.Uri.parse(link[1]);
    assert.equal(target.with({ fragment: '' }).toString(), vscode.Uri.joinPath(folder(), 'pipeline.py').toString());
    assert.equal(target.fragment, 'L3');
    assert.doesNotMatch(doc.getText(), /^\|/m, 'no table to scroll sideways');
    assert.equal(doc.isDirty, false);
  });

  it('a settings change (rule off) removes its diagnostics without a reload, and back', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'pipeline.py');
    const config = vscode.workspace.getConfiguration('pocReadiness');
    await config.update('rules', { 'local-path': 'off' }, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('local-path gone', () => ours(uri, 'local-path').length === 0);
      // Only that rule went: the other findings stay (not a blanket clear).
      assert.ok(api.results().some((r) => r.roots.some((root) => root.findings.some((f) => f.ruleId === 'manifest-missing'))), 'repository findings remain');
      assert.ok(ours(vscode.Uri.joinPath(folder(), 'requirements.txt'), 'unpinned-dependency').length > 0, 'other file findings remain');
      const nbCell = vscode.workspace.notebookDocuments[0]?.cellAt(2).document.uri;
      if (nbCell) assert.equal(ours(nbCell, 'local-path').length, 0);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor('local-path back', () => ours(uri, 'local-path').length === 1);
  });

  it('a baseline shows its findings as Information, hides them by setting, and the score stays', async () => {
    const uri = vscode.Uri.joinPath(folder(), 'pipeline.py');
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    // Every earlier test put the files back: the extension agrees with the CLI before the baseline.
    const scoreBefore = await statusBarMatchesCli(api);
    const written = spawnSync(process.execPath, [path.join(ext.extensionPath, 'dist', 'cli.js'), 'baseline', folder().fsPath], { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.equal(written.status, 0, written.stderr);
    const baselineUri = vscode.Uri.joinPath(folder(), '.poc-readiness-baseline.json');
    const config = vscode.workspace.getConfiguration('pocReadiness');
    try {
      const [d] = await waitFor('baselined local-path', () => ours(uri, 'local-path').find((x) => x.severity === vscode.DiagnosticSeverity.Information) && ours(uri, 'local-path'));
      assert.match(d.message, /\(baselined\)$/);
      assert.equal(api.statusBarText(), scoreBefore, 'a baseline never changes the score');
      await config.update('baselinedFindings', 'hide', vscode.ConfigurationTarget.Workspace);
      await waitFor('baselined local-path hidden', () => ours(uri, 'local-path').length === 0);
    } finally {
      await config.update('baselinedFindings', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(baselineUri);
    }
    await waitFor('local-path back at its own severity', () => ours(uri, 'local-path').some((x) => x.severity === vscode.DiagnosticSeverity.Warning));
  });

  it('Scaffold Scalable PoC reuses poc.yaml without asking, creates the rest, and sums up in one notification with the score before and after', async () => {
    // A manifest written without prompts (the wizard has its own test in editor.test.ts).
    const manifest = await api.scaffold('manifest', { name: 'churn-pilot', useCaseType: 'classification', businessOwner: 'Dana Lee', kpiTarget: '>= 0.60', failureThreshold: '< 0.40' });
    assert.deepEqual(manifest?.created, ['poc.yaml']);
    let wizardShown = false;
    const watch = setInterval(() => (wizardShown ||= api.wizardStep() !== undefined), 50);
    let result: ScaffoldCommandResult;
    try {
      // Interactive, with the CI provider given: nothing is left to ask.
      result = await vscode.commands.executeCommand<ScaffoldCommandResult>('pocReadiness.scaffoldAll', { ci: 'github' });
    } finally {
      clearInterval(watch);
    }
    assert.equal(wizardShown, false, 'no New Use Case questions: poc.yaml exists');
    assert.ok(result, 'the command returns what it did');
    assert.ok(result.kept.includes('poc.yaml'), `kept ${result.kept}`);
    for (const f of ['data-requirements.yaml', 'Dockerfile', '.dockerignore', 'docs/deployment-playbook.md']) assert.ok(result.created.includes(f), `${f} in ${result.created}`);
    assert.ok(result.created.some((f) => f.startsWith('.github/workflows/')), 'a GitHub workflow');
    assert.ok(result.scoreBefore !== undefined && result.scoreAfter !== undefined && result.scoreAfter > result.scoreBefore, `${result.scoreBefore} → ${result.scoreAfter}`);
    assert.ok(result.summary.startsWith('PoC Readiness — Scaffold Scalable PoC: created '), result.summary);
    assert.ok(result.summary.includes(`kept poc.yaml`) && result.summary.includes(`Score ${result.scoreBefore}% → ${result.scoreAfter}%.`), result.summary);
    for (const note of result.notes) assert.ok(result.summary.includes(note), `the planner's warning "${note}" is in the summary`);
    const playbook = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder(), 'docs/deployment-playbook.md')));
    assert.match(playbook, /Dana Lee/, 'the playbook is filled from poc.yaml');
    await waitFor('the scaffolded findings are gone', () => {
      const all = vscode.languages.getDiagnostics().flatMap(([, ds]) => ds).filter((d) => d.source === 'poc-readiness').map((d) => (d.code as { value: string }).value);
      return ['manifest-missing', 'container-missing', 'ci-missing', 'data-requirements-missing', 'dockerignore-missing'].every((id) => !all.includes(id));
    });
    const again = await vscode.commands.executeCommand<{ created: string[]; kept: string[] }>('pocReadiness.scaffoldAll', { interactive: false });
    assert.deepEqual(again.created, []);
    assert.ok(again.kept.includes('poc.yaml') && again.kept.includes('Dockerfile'));
    // Each palette command on its own: everything exists now, so each keeps its files.
    const before = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder(), 'Dockerfile'));
    for (const [command, file] of [
      ['pocReadiness.newUseCase', 'poc.yaml'],
      ['pocReadiness.addDataRequirements', 'data-requirements.yaml'],
      ['pocReadiness.addDockerfile', 'Dockerfile'],
      ['pocReadiness.addCiPipeline', undefined],
      ['pocReadiness.addPlaybook', 'docs/deployment-playbook.md'],
    ] as const) {
      const r = await vscode.commands.executeCommand<{ created: string[]; kept: string[] }>(command, { interactive: false });
      assert.deepEqual(r.created, [], command);
      assert.ok(r.kept.length > 0 && (!file || r.kept.includes(file)), `${command}: ${r.kept}`);
    }
    const after = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder(), 'Dockerfile'));
    assert.deepEqual(Buffer.from(after), Buffer.from(before), 'the Dockerfile is byte-for-byte unchanged');
  });

  it('a poc.yaml finding sits on its key (not on the comment line 1) and offers "Turn off <rule> for this PoC"', async () => {
    const poc = vscode.Uri.joinPath(folder(), 'poc.yaml');
    const doc = await vscode.workspace.openTextDocument(poc);
    const [d] = await waitFor('a repository finding on poc.yaml', () => ours(poc).length > 0 && ours(poc));
    assert.doesNotMatch(doc.lineAt(d.range.start.line).text, /^\s*#/, 'not on a comment line');
    const ruleId = (d.code as { value: string }).value;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', poc, d.range, vscode.CodeActionKind.QuickFix.value);
    const off = actions.find((a) => a.title === `Turn off ${ruleId} for this PoC`);
    assert.ok(off?.edit, actions.map((a) => a.title).join(' | '));
    assert.ok(await vscode.workspace.applyEdit(off.edit));
    assert.match(doc.getText(), new RegExp(`lint:\\n  rules:\\n    ${ruleId}: off\\n$`));
    await waitFor(`${ruleId} gone`, () => ours(poc, ruleId).length === 0);
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
