// End-to-end run: package the extension as a VSIX, install it into a fresh code-server extensions
// folder, open a fixture workspace in headless chromium and check what a person sees
// (test/e2e/readiness.e2e.ts). Screenshots go to test-artifacts/.
//
//   node out/test/harness/runE2E.js [--folder DIR] [--ext DIR] [--timeout SECONDS] [--verbose]
//                                   [--no-package]   (reuse .vscode-test/poc-readiness.vsix)
// Environment equivalents: POC_FIXTURE, POC_EXT_DIR, POC_TEST_TIMEOUT, POC_HARNESS_VERBOSE=1,
// POC_E2E_PY_FILE (workspace-relative .py to hover in).
//
// Builds nothing: run `node esbuild.js` and `tsc -p tsconfig.test.json` first (vsce runs the
// extension's `vscode:prepublish` script if it has one).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  ARTIFACTS_DIR,
  CHROMIUM,
  CHROMIUM_ARGS,
  REPO_ROOT,
  TEST_DIR,
  ensureCodeServer,
  extensionDir,
  interruptedExitCode,
  fixtureFolder,
  log,
  onCleanup,
  profileDirs,
  runCodeServerCli,
  startCodeServer,
  timeoutMs,
  withTimeout,
} from './codeServer';
import { steps } from '../e2e/readiness.e2e';
import { E2EContext, screenshot, waitForWorkbench } from '../e2e/workbench';

const argv = process.argv.slice(2);
const VERBOSE = argv.includes('--verbose') || process.env.POC_HARNESS_VERBOSE === '1';
const VSIX = path.join(TEST_DIR, 'poc-readiness.vsix');

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    // stdin closed: a vsce prompt ("Do you want to continue? [y/N]") fails fast instead of hanging.
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))));
  });
}

/** `vsce package --no-dependencies` of the extension folder into .vscode-test/poc-readiness.vsix. */
async function packageVsix(extDir: string): Promise<void> {
  fs.mkdirSync(TEST_DIR, { recursive: true });
  fs.rmSync(VSIX, { force: true });
  const env = { ...process.env, npm_config_yes: 'true' };
  const flags = ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', VSIX];
  // Prefer the project's pinned @vscode/vsce (a devDependency); npx would fetch one from the registry
  // when the extension folder is not the project (POC_EXT_DIR).
  let local: string | undefined;
  try {
    local = require.resolve('@vscode/vsce/vsce', { paths: [REPO_ROOT] });
  } catch {
    local = undefined;
  }
  const started = Date.now();
  if (local) await run(process.execPath, [local, ...flags], extDir, env);
  else await run('npx', ['@vscode/vsce', ...flags], extDir, env);
  if (!fs.existsSync(VSIX)) throw new Error(`vsce did not produce ${VSIX}`);
  log(`packaged ${path.relative(REPO_ROOT, VSIX)} (${(fs.statSync(VSIX).size / 1024).toFixed(0)} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<number> {
  const extDir = extensionDir(argv);
  const folder = fixtureFolder(argv);
  const overall = timeoutMs(argv, 300);
  log(`extension: ${extDir}`);
  log(`workspace: ${folder}`);
  await ensureCodeServer();
  const started = Date.now();

  const cleanup: (() => Promise<void> | void)[] = [];
  const runCleanup = async () => {
    for (const fn of cleanup.splice(0).reverse()) {
      try {
        await fn();
      } catch (e) {
        log(`cleanup: ${(e as Error).message}`);
      }
    }
  };
  const unregister = onCleanup(runCleanup);

  const body = async (): Promise<number> => {
    if (!argv.includes('--no-package')) await packageVsix(extDir);
    else if (!fs.existsSync(VSIX)) throw new Error(`--no-package but ${VSIX} does not exist`);

    // A fresh extensions folder holding only the packaged extension.
    const dirs = profileDirs('e2e');
    fs.rmSync(dirs.extensionsDir, { recursive: true, force: true });
    fs.mkdirSync(dirs.extensionsDir, { recursive: true });
    await runCodeServerCli(['--extensions-dir', dirs.extensionsDir, '--user-data-dir', dirs.userDataDir, '--install-extension', VSIX], {
      config: dirs.config,
    });

    const server = await startCodeServer({
      profile: 'e2e',
      extensionsDir: dirs.extensionsDir,
      verbose: VERBOSE,
      // A quick, steady hover; no minimap so squiggles are not hidden under it.
      settings: { 'editor.hover.delay': 200, 'editor.minimap.enabled': false, 'workbench.editor.enablePreview': false },
    });
    cleanup.push(() => server.stop());

    const { chromium } = require('playwright-core') as typeof import('playwright-core');
    const browser: Browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    cleanup.push(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page: Page = await context.newPage();
    if (VERBOSE) page.on('console', (m) => process.stdout.write(`[page:${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (err) => VERBOSE && process.stdout.write(`[page:error] ${err.message}\n`));

    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await waitForWorkbench(page);

    // Screenshots of an earlier run would be mistaken for this one's.
    if (fs.existsSync(ARTIFACTS_DIR)) {
      for (const f of fs.readdirSync(ARTIFACTS_DIR)) if (/^e2e-.*\.png$/.test(f)) fs.rmSync(path.join(ARTIFACTS_DIR, f));
    }
    const ctx: E2EContext = { page, folder, artifacts: ARTIFACTS_DIR, state: {} };
    let failures = 0;
    for (const [i, step] of steps.entries()) {
      if (interruptedExitCode() !== undefined) break;
      const t0 = Date.now();
      try {
        await step.run(ctx);
        console.log(`  ✔ ${step.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (e) {
        if (interruptedExitCode() !== undefined) break;
        failures++;
        console.log(`  ✘ ${step.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n      ${String((e as Error).message).replace(/\n/g, '\n      ')}`);
        try {
          const shot = await screenshot(ctx, `e2e-${i + 1}-FAILED`);
          console.log(`      screenshot: ${path.relative(REPO_ROOT, shot)}`);
        } catch {
          /* page gone */
        }
        // Leave the workbench in a neutral state for the next step.
        await page.keyboard.press('Escape').catch(() => undefined);
      }
    }
    console.log(`  ${steps.length - failures} passing, ${failures} failing — screenshots in ${path.relative(REPO_ROOT, ARTIFACTS_DIR)}/`);
    return failures > 0 ? 1 : 0;
  };

  try {
    const code = await withTimeout(body(), overall, `the end-to-end run did not finish within the overall limit of ${overall / 1000} s (--timeout / POC_TEST_TIMEOUT)`);
    log(`e2e finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } finally {
    await runCleanup();
    unregister();
  }
}

main().then(
  (code) => process.exit(interruptedExitCode() ?? code),
  (err) => {
    const interrupted = interruptedExitCode();
    if (interrupted === undefined) console.error(`[harness] FAILED: ${(err as Error).message}`);
    process.exit(interrupted ?? 1);
  },
);
