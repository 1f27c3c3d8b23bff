// Helpers of the integration tests, host-neutral (Node and web-worker extension hosts).

import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  let last: unknown;
  while (Date.now() - start < timeoutMs) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

export function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open');
  return f.uri;
}

export const ours = (uri: vscode.Uri, ruleId?: string) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'poc-readiness' && (!ruleId || (d.code as { value: string }).value === ruleId));

/** Our diagnostics of one rule on a document, or undefined while there are fewer than `min`. */
export const atLeast = (uri: vscode.Uri, ruleId: string, min = 1) => {
  const found = ours(uri, ruleId);
  return found.length >= min ? found : undefined;
};

