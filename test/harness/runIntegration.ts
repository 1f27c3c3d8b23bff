// Runs the integration suite (out/test/integration/index.js) inside a real VS Code: code-server
// serves the workbench, headless Debian chromium (playwright-core) opens it with the development
// options in the `payload` query parameter, and the workbench reports the outcome through
// window.codeAutomationExit(code).
//
//   node out/test/harness/runIntegration.js [--web] [--folder DIR] [--ext DIR] [--tests FILE]
//                                           [--timeout SECONDS] [--verbose]
// Environment equivalents: POC_FIXTURE, POC_EXT_DIR, POC_TESTS_PATH, POC_TEST_TIMEOUT, POC_WEB=1,
// POC_HARNESS_VERBOSE=1, POC_TEST_GREP (mocha grep).
//
// Builds nothing: run `node esbuild.js` and `tsc -p tsconfig.test.json` first.
// --web runs the same suite in the browser's web-worker extension host, against a development
// copy of the extension whose package.json keeps `browser` and drops `main`.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import type { Browser } from 'playwright-core';
import {
  ARTIFACTS_DIR,
  CHROMIUM,
  CHROMIUM_ARGS,
  CodeServer,
  REPO_ROOT,
  argValue,
  ensureCodeServer,
  extensionDir,
  interruptedExitCode,
  fixtureFolder,
  log,
  onCleanup,
  startCodeServer,
  timeoutMs,
  withTimeout,
} from './codeServer';
import { bundleWebTests } from './webTests';

const argv = process.argv.slice(2);
const WEB = argv.includes('--web') || process.env.POC_WEB === '1';
const VERBOSE = argv.includes('--verbose') || process.env.POC_HARNESS_VERBOSE === '1';

function readManifest(dir: string): Record<string, unknown> {
  const file = path.join(dir, 'package.json');
  if (!fs.existsSync(file)) throw new Error(`no package.json in extension folder ${dir}`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function requireBuilt(dir: string, entry: unknown, field: string): void {
  if (typeof entry !== 'string') throw new Error(`${dir}/package.json has no "${field}" entry`);
  const file = path.resolve(dir, entry);
  const candidates = [file, `${file}.js`];
  if (!candidates.some((f) => fs.existsSync(f))) {
    throw new Error(`the extension's ${field} bundle ${file} does not exist; run \`node esbuild.js\` first`);
  }
}

const COPY_SKIP = new Set(['node_modules', '.git', '.vscode-test', 'out', 'test-artifacts', 'bench-results', 'src', 'test']);

/** A development copy of the extension for the web-worker host: `main` dropped, `browser` kept. */
function webDevCopy(extDir: string): string {
  const manifest = readManifest(extDir);
  requireBuilt(extDir, manifest.browser, 'browser');
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-readiness-web-ext-'));
  for (const entry of fs.readdirSync(extDir)) {
    if (COPY_SKIP.has(entry) || entry.endsWith('.vsix') || entry === 'package.json') continue;
    fs.cpSync(path.join(extDir, entry), path.join(dest, entry), { recursive: true, dereference: true });
  }
  const { main: _dropped, ...webManifest } = manifest;
  fs.writeFileSync(path.join(dest, 'package.json'), JSON.stringify(webManifest, null, 2) + '\n');
  return dest;
}

function payloadUrl(server: CodeServer, folder: string, extDir: string, testsPath: string): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${server.port}${p.split(path.sep).join('/')}`;
  const payload: [string, string][] = [
    ['extensionDevelopmentPath', remote(extDir)],
    ['extensionTestsPath', remote(testsPath)],
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  if (WEB) payload.push(['extensionDevelopmentKind', 'web']);
  // A fixture holding a .code-workspace file opens as a multi-root workspace.
  const workspaceFile = fs.readdirSync(folder).find((f) => f.endsWith('.code-workspace'));
  const target = workspaceFile ? `workspace=${encodeURIComponent(path.join(folder, workspaceFile))}` : `folder=${encodeURIComponent(folder)}`;
  return `${server.url}/?${target}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Workbench chatter hidden unless --verbose; everything else (the extension host's console, so
 * mocha's reporter, and real errors) is printed. The extension gallery (open-vsx.org) is not
 * reachable offline: that error is harmless.
 */
const NOISE =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Updating additional builtin extensions cache|\[Service Worker\]|ChatSessionStore:|\[driver\])|ENOTFOUND open-vsx\.org|open-vsx\.org/;

async function main(): Promise<number> {
  const extDir = extensionDir(argv);
  const folder = fixtureFolder(argv);
  const overall = timeoutMs(argv, 300);
  const testsPath = path.resolve(
    argValue(argv, '--tests') || process.env.POC_TESTS_PATH || path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js'),
  );
  if (!fs.existsSync(testsPath)) throw new Error(`${testsPath} does not exist; run \`tsc -p tsconfig.test.json\` first`);
  const manifest = readManifest(extDir);
  if (!WEB) requireBuilt(extDir, manifest.main, 'main');

  log(`mode: ${WEB ? 'web worker extension host (--web)' : 'Node extension host'}`);
  log(`extension: ${extDir}`);
  log(`workspace: ${folder}`);
  await ensureCodeServer();
  // The overall limit starts once code-server is installed (a cold install takes a minute or two).
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
  let page: import('playwright-core').Page | undefined;

  try {
    // One worker thread whatever the cores, so workers.node.test.ts sees the pool on any machine.
    const testEnv = { POC_FIXTURE_FOLDER: folder, POC_READINESS_WORKERS: '1' };
    let devExt = extDir;
    let tests = testsPath;
    if (WEB) {
      devExt = webDevCopy(extDir);
      cleanup.push(() => fs.rmSync(devExt, { recursive: true, force: true }));
      tests = await bundleWebTests({ testsDir: path.dirname(testsPath), outDir: path.join(devExt, '.web-tests'), env: testEnv });
      log(`web dev copy of the extension: ${devExt} (tests bundled into .web-tests/)`);
    }

    const server = await startCodeServer({ profile: WEB ? 'integration-web' : 'integration', env: testEnv, verbose: VERBOSE });
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
    // chromium.launch() gives every run a fresh temporary user-data-dir.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    page = await context.newPage();

    let reportExit!: (code: number) => void;
    const exited = new Promise<number>((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      reportExit(typeof code === 'number' ? code : Number(code) || 1);
    });
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      // The workbench's log and the extension host's console (mocha's reporter) arrive here as
      // console-style argument lists: format them like console.log would.
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (!VERBOSE && NOISE.test(text)) return;
      const prefix = type === 'error' ? '[vscode:error] ' : type === 'warn' ? '[vscode:warn] ' : '';
      process.stdout.write(`${text.replace(/^/gm, prefix)}\n`);
    });
    page.on('console', (msg) => {
      const text = msg.text();
      // Duplicates codeAutomationLog (plus resource 404s of the offline gallery): --verbose only.
      if (VERBOSE) process.stdout.write(`[page:${msg.type()}] ${text.replace(/%c/g, '')}\n`);
    });
    page.on('pageerror', (err) => process.stdout.write(`[page:error] ${err.message}\n`));
    page.on('crash', () => reportExit(70));

    const url = payloadUrl(server, folder, devExt, tests);
    if (VERBOSE) log(`opening ${url}`);
    const remaining = overall - (Date.now() - started);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: Math.max(remaining, 1000) });
    const code = await withTimeout(
      exited,
      overall - (Date.now() - started),
      `the integration tests did not report an exit code within the overall limit of ${overall / 1000} s (--timeout / POC_TEST_TIMEOUT)`,
    );
    log(`workbench reported exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return code;
  } catch (e) {
    if (page) {
      try {
        fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
        const shot = path.join(ARTIFACTS_DIR, `integration${WEB ? '-web' : ''}-failure.png`);
        await page.screenshot({ path: shot, timeout: 5000 });
        log(`screenshot of the workbench: ${path.relative(REPO_ROOT, shot)}`);
      } catch {
        /* page may be gone */
      }
    }
    throw e;
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
