// Host-neutral: runs in the Node extension host and, bundled by the harness, in the browser's
// web-worker extension host, where the extension reads the workspace through vscode.workspace.fs.

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

async function waitFor(what: string, probe: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (probe()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const codes = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'poc-readiness').map((d) => (d.code as { value: string }).value);

describe('linting in this extension host', function () {
  this.timeout(60_000);

  it('lints files, scores the PoC and validates the manifest schema', async () => {
    const ext = vscode.extensions.getExtension<{ ready: Promise<void>; statusBarText(): string }>('poc-readiness.poc-readiness');
    assert.ok(ext);
    const api = await ext.activate();
    await api.ready;
    const root = vscode.workspace.workspaceFolders![0].uri;
    const py = vscode.Uri.joinPath(root, 'pipeline.py');
    await waitFor('local-path on pipeline.py', () => codes(py).includes('local-path'));
    assert.match(api.statusBarText(), /^\$\(rocket\) PoC \d+% · Manual$/);

    // A poc.yaml with a wrong enum value: ajv runs in this host too, and the error sits on the key's value.
    const poc = vscode.Uri.joinPath(root, 'poc.yaml');
    await vscode.workspace.fs.writeFile(poc, new TextEncoder().encode('name: churn\nuse_case_type: magic\n'));
    const doc = await vscode.workspace.openTextDocument(poc);
    await vscode.window.showTextDocument(doc);
    // writeFile truncates first: an empty poc.yaml may be linted on the way ("missing 'name'"). Wait for the enum error itself.
    const enumError = () =>
      vscode.languages.getDiagnostics(poc).find((x) => (x.code as { value: string }).value === 'manifest-invalid' && /use_case_type/.test(x.message));
    await waitFor('manifest-invalid at use_case_type', () => !!enumError());
    const d = enumError()!;
    assert.equal(d.range.start.line, 1);
    assert.equal(d.range.start.character, 15);
    await vscode.workspace.fs.delete(poc);
  });
});
