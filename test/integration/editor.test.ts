// The editor as a person uses it, in both extension hosts (Node and web worker): a closed
// notebook's problems, and the New Use Case wizard driven through its real QuickInput steps.
// Runs first (files run in name order): the notebook is still closed and there is no poc.yaml.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PocReadinessApi } from '../../src/extension/extension';
import type { ScaffoldCommandResult } from '../../src/extension/scaffoldCommands';
import { atLeast, folder, ours, waitFor } from './helpers';

describe('the editor: closed notebooks and the New Use Case wizard', function () {
  this.timeout(60_000);
  let api: PocReadinessApi;

  before(async () => {
    const ext = vscode.extensions.getExtension<PocReadinessApi>('poc-readiness.poc-readiness');
    assert.ok(ext, 'the extension is installed');
    api = await ext.activate();
    await api.ready;
  });

  it('a closed notebook\'s findings read "Cell n:" at the line inside the cell, and opening one (the Problems click) opens the notebook at that cell', async () => {
    const nbUri = vscode.Uri.joinPath(folder(), 'notebooks', 'churn_model.ipynb');
    assert.ok(!vscode.workspace.notebookDocuments.some((n) => n.uri.toString() === nbUri.toString()), 'the notebook is not open yet');
    const onCells = () =>
      vscode.languages
        .getDiagnostics()
        .filter(([uri]) => uri.scheme === 'vscode-notebook-cell' && uri.path === nbUri.path)
        .flatMap(([uri, ds]) => ds.filter((d) => d.source === 'poc-readiness' && (d.code as { value: string }).value === 'local-path').map((d) => ({ uri, d })));
    const found = await waitFor('local-path of the closed notebook', () => onCells().length >= 2 && onCells());
    assert.deepEqual(ours(nbUri, 'local-path'), [], 'nothing on the raw .ipynb lines');
    const cell3 = found.filter((x) => x.d.message.startsWith('Cell 3: '));
    assert.deepEqual(cell3.map((x) => [x.d.range.start.line, x.d.range.start.character]).sort(), [[3, 12], [4, 25]], 'lines inside the cell');
    assert.ok(found.every((x) => !/\bLn \d|line \d{3,}/.test(x.d.message)), 'no raw .ipynb line in the message');
    // What the Problems panel does on a click: open the marker's resource with its range.
    await vscode.commands.executeCommand('vscode.open', cell3[0].uri, { selection: cell3[0].d.range });
    const editor = await waitFor('the notebook editor', () => vscode.window.activeNotebookEditor?.notebook.uri.path === nbUri.path && vscode.window.activeNotebookEditor);
    await waitFor('cell 3 selected', () => editor.selection.start === 2);
    assert.equal(editor.notebook.cellAt(2).document.uri.toString(), cell3[0].uri.toString(), 'the finding was already on the cell\'s own URI');
    await waitFor('the diagnostics stay on the open cell', () => atLeast(editor.notebook.cellAt(2).document.uri, 'local-path', 2));
  });

  it('New Use Case is a multi-step input with Back: the name pre-filled and checked as kebab-case, real risk tiers, and a KPI target, a failure threshold and a decide-by date', async () => {
    const running = Promise.resolve(vscode.commands.executeCommand<ScaffoldCommandResult>('pocReadiness.newUseCase'));
    const settle = () => new Promise((r) => setTimeout(r, 300));
    const at = (step: number, id: string) => waitFor(`wizard step ${step} (${id})`, () => { const s = api.wizardStep(); return s?.step === step && s.id === id && s; });
    const accept = async () => {
      await settle(); // the QuickInput sends its value to the workbench on the next tick
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    };
    const type = async (step: number, id: string, value: string) => {
      const s = await at(step, id);
      (s.input as vscode.InputBox).value = value;
      await accept();
      return s;
    };
    const choose = async (step: number, id: string, label: RegExp) => {
      const s = await at(step, id);
      const pick = s.input as vscode.QuickPick<vscode.QuickPickItem>;
      const item = pick.items.find((i) => label.test(i.label));
      assert.ok(item, pick.items.map((i) => i.label).join(', '));
      pick.activeItems = [item];
      await accept();
      return pick;
    };
    const first = await at(1, 'name');
    const box = first.input as vscode.InputBox;
    const folderName = folder().path.split('/').pop()!;
    assert.equal(box.value, folderName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''), 'pre-filled from the folder');
    assert.equal(box.buttons.length, 0, 'no Back on the first step');
    await type(1, 'name', 'Churn Pilot');
    await waitFor('the name refused', () => /kebab-case/.test(box.validationMessage as string));
    assert.equal(api.wizardStep()?.step, 1, 'still on the name');
    await type(1, 'name', 'churn-pilot');
    const problem = 'Cut voluntary churn in the consumer segment with targeted retention offers.';
    await type(2, 'problem', problem);
    const third = await at(3, 'useCaseType');
    assert.ok(third.input.buttons.includes(vscode.QuickInputButtons.Back), 'Back from step 2 on');
    await vscode.commands.executeCommand('workbench.action.quickInputBack');
    const back = await at(2, 'problem');
    assert.equal((back.input as vscode.InputBox).value, problem, 'Back shows the answer given');
    await accept();
    await choose(3, 'useCaseType', /^classification$/);
    const owner = await at(4, 'businessOwner');
    assert.equal(owner.totalSteps, 10, 'classification names its KPI and metric: ten questions');
    await type(4, 'businessOwner', 'Dana Lee');
    await type(5, 'sponsor', '');
    const tiers = await at(6, 'riskTier');
    const tierItems = (tiers.input as vscode.QuickPick<vscode.QuickPickItem>).items;
    assert.deepEqual(tierItems.map((i) => i.label.split(' ')[0]), ['1', '2', '3']);
    assert.ok(tierItems.every((i) => i.description && i.detail && i.detail.length > 40), 'each tier says what it means');
    await choose(6, 'riskTier', /^3 /);
    await choose(7, 'deploymentTarget', /^batch$/);
    const kpi = await at(8, 'kpiTarget');
    assert.match((kpi.input as vscode.InputBox).prompt!, /precision at the operating point/);
    await type(8, 'kpiTarget', '>= 0.60');
    await type(9, 'failureThreshold', '< 0.40');
    const date = await at(10, 'decideBy');
    assert.match((date.input as vscode.InputBox).value, /^\d{4}-\d\d-\d\d$/, 'decide-by pre-filled');
    await type(10, 'decideBy', '2020-01-31');
    await waitFor('a past date refused', () => /in the past/.test((date.input as vscode.InputBox).validationMessage as string));
    await type(10, 'decideBy', '2027-03-01');
    const result = await running;
    assert.deepEqual(result.created, ['poc.yaml']);
    assert.match(result.summary, /New Use Case: created poc\.yaml\. Score \d+% → \d+%/);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder(), 'poc.yaml')));
    for (const line of ['name: churn-pilot', `problem: ${problem}`, 'use_case_type: classification', 'risk_tier: 3', '  name: Dana Lee', '    target: ">= 0.60"', '    threshold: "< 0.40"', '    decide_by: 2027-03-01', '  target: batch']) {
      assert.ok(text.includes(line + '\n') || text.includes(line + '  #'), `poc.yaml has ${JSON.stringify(line)}`);
    }
    await waitFor('the manifest is read: no manifest-missing, and the KPI and failure criteria count', () => {
      const ids = api.results().flatMap((r) => r.roots.flatMap((root) => root.findings.map((f) => f.ruleId)));
      return !ids.includes('manifest-missing') && !ids.includes('success-criteria-missing') && !ids.includes('failure-criteria-missing');
    });
    // Back to no manifest, as the other suites expect.
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder(), 'poc.yaml'));
    await waitFor('manifest-missing again', () => api.results().some((r) => r.roots.some((root) => root.findings.some((f) => f.ruleId === 'manifest-missing'))));
  });
});
