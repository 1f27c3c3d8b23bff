// Child process: times loading the extension bundle (module evaluation) and activate() with a
// stub `vscode` module injected through Module._load. Prints one JSON line and exits.
//
//   node out/bench/activate.js <bundle.js> [workspaceFolder]

import { performance } from 'node:perf_hooks';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { createVscodeStub } from './vscodeStub';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const Module = require('node:module');

const bundle = path.resolve(process.argv[2]);
const stub = createVscodeStub(process.argv[3]);
const originalLoad = Module._load;
Module._load = function (request: string, ...rest: unknown[]) {
  if (request === 'vscode') return stub;
  return originalLoad.call(this, request, ...rest);
};

function readPackageJson(): unknown {
  for (const dir of [path.resolve(path.dirname(bundle), '..'), process.cwd()]) {
    try {
      return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    } catch {
      /* next */
    }
  }
  return {};
}

const subscriptions: Array<{ dispose(): unknown }> = [];
const context = {
  subscriptions,
  extensionUri: (stub.Uri as { file(p: string): unknown }).file(path.resolve(path.dirname(bundle), '..')),
  extensionPath: path.resolve(path.dirname(bundle), '..'),
  // The extension reads its own command titles (code actions are named like the commands).
  extension: { packageJSON: readPackageJson() },
  globalState: { get: () => undefined, update: async () => {}, keys: () => [] },
  workspaceState: { get: () => undefined, update: async () => {}, keys: () => [] },
};

const t0 = performance.now();
const ext = require(bundle);
const t1 = performance.now();
const api = ext.activate(context);
const t2 = performance.now();
process.stdout.write(JSON.stringify({ loadMs: t1 - t0, activateMs: t2 - t1, totalMs: t2 - t0, subscriptions: subscriptions.length, api: typeof api?.ready?.then === 'function' }) + '\n');
process.exit(0);
