// A large local folder in the Node extension host: the extension reads it through Node's file
// system and shares the first scan with a worker thread (dist/analyzeWorker.js), as the CLI
// does. What the editor shows must be what the CLI reports on the same files, with no worker.
// Runs last in the single-folder run (files sort by name) and removes what it wrote.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PocReadinessApi } from '../../src/extension/extension';
import type { Finding } from '../../src/core/types';

const BULK = 'bulk-workers';
// Enough that the main thread is still busy when the worker has started, even on a loaded machine.
const FILES = 1500;
/** Local paths planted: one per notebook (every 15th file), one per tenth module. */
const PLANTED = Array.from({ length: FILES }, (_, i) => i % 15 === 0 || i % 10 === 0).filter(Boolean).length;

async function waitFor(what: string, probe: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!probe()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Module i: a local path in every tenth, a notebook in every fifteenth. */
function writeBulk(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < FILES; i++) {
    if (i % 15 === 0) {
      const cell = (source: string) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: [source] });
      const nb = { cells: [cell('import pandas as pd\n'), cell(`df = pd.read_csv("/Users/ana/Downloads/part_${i}.csv")\n`)], metadata: {}, nbformat: 4, nbformat_minor: 5 };
      fs.writeFileSync(path.join(dir, `explore_${i}.ipynb`), JSON.stringify(nb, null, 1));
      continue;
    }
    const load = i % 10 === 0 ? `df = pd.read_csv("/home/dana/data/part_${i}.csv")\n` : `df = pd.read_csv(os.environ["DATA_${i}"])\n`;
    fs.writeFileSync(path.join(dir, `step_${i}.py`), `import os\nimport pandas as pd\n\n\ndef step_${i}():\n    ${load.trimEnd()}\n    return df\n`);
  }
}

const key = (f: Finding) => `${f.ruleId} ${f.file}:${f.line}:${f.column}`;

describe('a large local folder: the first scan shared with a worker thread', function () {
  this.timeout(180_000);
  let api: PocReadinessApi;
  let folder: vscode.WorkspaceFolder;
  let ext: vscode.Extension<PocReadinessApi>;

  before(async () => {
    ext = vscode.extensions.getExtension<PocReadinessApi>('poc-readiness.poc-readiness')!;
    api = await ext.activate();
    await api.ready;
    folder = vscode.workspace.workspaceFolders![0];
  });

  after(async () => {
    fs.rmSync(path.join(folder.uri.fsPath, BULK), { recursive: true, force: true });
    await vscode.commands.executeCommand('pocReadiness.lintWorkspace');
  });

  it('analyses part of the scan in a worker thread and shows exactly the findings the CLI reports without one', async () => {
    writeBulk(path.join(folder.uri.fsPath, BULK));
    // The watcher's rescan and this command may both run: a scan after the files exist must have used the worker.
    await vscode.commands.executeCommand('pocReadiness.lintWorkspace');
    const inBulk = () => api.results().flatMap((r) => r.roots.flatMap((x) => x.findings)).filter((f) => (f.file ?? "").startsWith(`${BULK}/`));
    await waitFor('the bulk findings', () => inBulk().filter((f) => f.ruleId === 'local-path').length === PLANTED);
    const scan = api.lastScans().find((s) => s.folder === folder.uri.toString());
    assert.ok(scan && scan.files >= FILES, JSON.stringify(api.lastScans()));
    assert.ok(api.workerFiles() > 0, `worker threads analysed ${api.workerFiles()} files since activation`);

    const cli = spawnSync(process.execPath, [path.join(ext.extensionPath, 'dist', 'cli.js'), 'lint', folder.uri.fsPath, '-f', 'json'], {
      env: { ...process.env, POC_READINESS_WORKERS: '0', ELECTRON_RUN_AS_NODE: '1' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.ok(cli.status === 0 || cli.status === 1, `exit ${cli.status}: ${cli.stderr}`);
    const report = JSON.parse(cli.stdout) as { roots: { findings: Finding[] }[] };
    const fromCli = report.roots.flatMap((r) => r.findings).filter((f) => (f.file ?? "").startsWith(`${BULK}/`)).map(key).sort();
    assert.deepEqual(inBulk().map(key).sort(), fromCli);

    // And in the editor: a module's diagnostic at the path's exact place.
    const uri = vscode.Uri.joinPath(folder.uri, BULK, 'step_10.py');
    await waitFor('step_10.py diagnostics', () => vscode.languages.getDiagnostics(uri).some((d) => (d.code as { value: string }).value === 'local-path'));
    const d = vscode.languages.getDiagnostics(uri).find((x) => (x.code as { value: string }).value === 'local-path')!;
    assert.equal(d.range.start.line, 5);
  });
});
