// Smoke test through the real vscode API: the extension is installed, activates, and VS Code
// opened the fixture workspace. Runs in the Node extension host (code-server, test-electron) and
// in the browser's web-worker extension host (`--web`), so it uses no Node built-ins but assert.
import * as assert from 'node:assert';
import * as vscode from 'vscode';

const EXTENSION_ID = 'poc-readiness.poc-readiness';

/** The folder the harness opened: POC_FIXTURE_FOLDER in Node, a global in the web bundle. */
function expectedFolder(): string | undefined {
  const injected = (globalThis as { __POC_TEST_ENV__?: Record<string, string> }).__POC_TEST_ENV__;
  if (injected?.POC_FIXTURE_FOLDER) return injected.POC_FIXTURE_FOLDER;
  return typeof process !== 'undefined' && process.env ? process.env.POC_FIXTURE_FOLDER : undefined;
}

const normalize = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '').toLowerCase();

describe('smoke: PoC Readiness in a real VS Code', function () {
  this.timeout(60_000);

  it('is installed', function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not present; installed: ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
  });

  it('activates', async function () {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not present`);
    await ext.activate();
    assert.strictEqual(ext.isActive, true, 'extension did not activate');
  });

  it('opened the fixture workspace folder', function () {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.strictEqual(folders.length, 1, `expected one workspace folder, got ${folders.map((f) => f.uri.toString()).join(', ') || 'none'}`);
    const actual = folders[0].uri.path;
    const expected = expectedFolder();
    if (expected) {
      assert.strictEqual(normalize(actual), normalize(expected.startsWith('/') ? expected : `/${expected}`));
    } else {
      assert.ok(/\/test\/fixtures\/notebook-pilot$/.test(actual), `unexpected workspace folder ${actual}`);
    }
  });
});
