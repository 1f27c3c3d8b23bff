// The integration suite (out/test/integration/index.js) in desktop VS Code through
// @vscode/test-electron. It downloads VS Code from the internet, so it is for contributors with
// internet access; CI and offline machines use the code-server harness
// (test/harness/runIntegration.ts) instead. Same suite, same run() entry.
//
//   node esbuild.js && tsc -p tsconfig.test.json && node out/test/electron/runTests.js [--folder DIR]
// Environment: POC_FIXTURE (workspace folder), POC_VSCODE_VERSION (default: the engines minimum).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const folder = path.resolve(REPO_ROOT, arg('--folder') || process.env.POC_FIXTURE || 'test/fixtures/notebook-pilot');
  if (!fs.existsSync(folder)) throw new Error(`fixture workspace folder not found: ${folder}`);
  const extensionDevelopmentPath = path.resolve(process.env.POC_EXT_DIR || REPO_ROOT);
  const extensionTestsPath = path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
  await runTests({
    version: process.env.POC_VSCODE_VERSION || '1.100.3',
    extensionDevelopmentPath,
    extensionTestsPath,
    extensionTestsEnv: { POC_FIXTURE_FOLDER: folder },
    launchArgs: [folder, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  });
}

main().catch((err) => {
  console.error(`Integration tests failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
