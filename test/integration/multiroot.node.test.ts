// Runs when the harness opens test/fixtures/multi-root/workspace.code-workspace: two workspace
// folders, the second a monorepo with two PoC roots and a CI at its top.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PocReadinessApi } from '../../src/extension/extension';

async function waitFor(what: string, probe: () => boolean, timeoutMs = 20_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (probe()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const localPaths = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'poc-readiness' && (d.code as { value: string }).value === 'local-path');

describe('multi-root workspace with several PoC roots', function () {
  this.timeout(60_000);
  let api: PocReadinessApi;
  let pilot: vscode.WorkspaceFolder;
  let platform: vscode.WorkspaceFolder;

  before(async () => {
    const ext = vscode.extensions.getExtension<PocReadinessApi>('poc-readiness.poc-readiness')!;
    api = await ext.activate();
    await api.ready;
    [pilot, platform] = vscode.workspace.workspaceFolders!;
    assert.equal(pilot.name, 'pilot');
    assert.equal(platform.name, 'platform');
  });

  it('scans every folder and every PoC root of a folder', () => {
    const results = api.results();
    assert.equal(results.length, 2);
    const roots = results.map((r) => r.roots.map((x) => x.root));
    assert.deepEqual(roots, [['.'], ['pocs/churn', 'pocs/fraud']]);
    const fraud = results[1].roots.find((r) => r.root === 'pocs/fraud')!;
    assert.ok(!fraud.findings.some((f) => f.ruleId === 'ci-missing'), 'the CI at the folder top counts for its PoCs');
  });

  it('puts diagnostics in both folders and the status bar follows the active PoC', async () => {
    const pilotFile = vscode.Uri.joinPath(pilot.uri, 'explore.py');
    const fraudFile = vscode.Uri.joinPath(platform.uri, 'pocs', 'fraud', 'src', 'score.py');
    await waitFor('diagnostics in both folders', () => localPaths(pilotFile).length === 1 && localPaths(fraudFile).length === 1);
    const score = (folder: number, root: string) => {
      const r = api.results()[folder].roots.find((x) => x.root === root)!;
      return `$(rocket) PoC ${r.score.total}% · ${r.score.level[0].toUpperCase()}${r.score.level.slice(1)}`;
    };
    await vscode.window.showTextDocument(pilotFile);
    await waitFor('status bar on the pilot', () => api.statusBarText() === score(0, '.'));
    await vscode.window.showTextDocument(vscode.Uri.joinPath(platform.uri, 'pocs', 'churn', 'src', 'train.py'));
    await waitFor('status bar on pocs/churn', () => api.statusBarText() === score(1, 'pocs/churn'));
    assert.notEqual(score(1, 'pocs/churn'), score(0, '.'));
  });

  it('PoC: Show Portfolio gives the verdict, the five signals and one row per PoC root of every folder', async () => {
    await vscode.commands.executeCommand('pocReadiness.showPortfolio');
    const doc = await (async () => {
      const start = Date.now();
      while (Date.now() - start < 20_000) {
        const d = vscode.workspace.textDocuments.find((x) => x.uri.scheme === 'poc-readiness' && x.uri.path.endsWith('Portfolio.md'));
        if (d) return d;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('timed out waiting for the portfolio document');
    })();
    const text = doc.getText();
    assert.match(text, /^# PoC portfolio — 3 PoCs$/m);
    // pilot (no manifest: no sponsor, criteria, budget), churn (name only), fraud (owner, sponsor, criteria; no budget): all active, none in production.
    assert.match(text, /^## Pilot stagnation likely: 4 of 5 signals hold/m);
    assert.match(text, /^- \[x\] Multiple PoCs running in parallel, none in production \(none-in-production\)/m);
    assert.match(text, /^- \[ \] PoC owners already moving on/m);
    for (const poc of ['pilot', 'platform/pocs/churn', 'platform/pocs/fraud']) assert.match(text, new RegExp(`^\\| ${poc} \\|`, 'm'), poc);
    assert.equal(doc.isDirty, false);
  });

  it('applies a folder-level setting to that folder only', async () => {
    const config = vscode.workspace.getConfiguration('pocReadiness', pilot.uri);
    await config.update('rules', { 'local-path': 'off' }, vscode.ConfigurationTarget.WorkspaceFolder);
    const pilotFile = vscode.Uri.joinPath(pilot.uri, 'explore.py');
    const fraudFile = vscode.Uri.joinPath(platform.uri, 'pocs', 'fraud', 'src', 'score.py');
    try {
      await waitFor('local-path off in the pilot only', () => localPaths(pilotFile).length === 0);
      assert.equal(localPaths(fraudFile).length, 1);
    } finally {
      await config.update('rules', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    }
    await waitFor('local-path back in the pilot', () => localPaths(pilotFile).length === 1);
  });
});
