// Installs and runs a real VS Code (code-server from the npm registry) for the integration and
// end-to-end tests. See /work/shared/notes/real-vscode-offline.md for why it is done this way:
// no VS Code download is possible here, only npm and Debian apt.
import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_PKG_VERSION = '1.15.11';
const RIPGREP_ARCHIVE = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

/** Repository root: this file compiles to out/test/harness/codeServer.js. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** Gitignored scratch folder for code-server, its profiles and the packaged VSIX. */
export const TEST_DIR = path.resolve(process.env.POC_VSCODE_TEST_DIR || path.join(REPO_ROOT, '.vscode-test'));
export const INSTALL_DIR = path.join(TEST_DIR, 'code-server');
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'test-artifacts');
export const CHROMIUM = process.env.POC_CHROMIUM || '/usr/bin/chromium';
const CODE_SERVER_PKG = path.join(INSTALL_DIR, 'node_modules', 'code-server');
const INSTALLED_MARKER = path.join(INSTALL_DIR, `.installed-${CODE_SERVER_VERSION}`);

export function log(msg: string): void {
  process.stdout.write(`[harness] ${msg}\n`);
}

// ---------------------------------------------------------------------------------------------
// Prerequisites and install

interface Prerequisite {
  what: string;
  debianPackage: string;
  present: () => boolean;
}

const exists = (p: string) => fs.existsSync(p);
const onPath = (cmd: string) =>
  (process.env.PATH || '').split(path.delimiter).some((dir) => dir && exists(path.join(dir, cmd)));

const RUNTIME_PREREQUISITES: Prerequisite[] = [
  { what: '/usr/bin/chromium (the browser the tests drive)', debianPackage: 'chromium', present: () => exists(CHROMIUM) },
];
const INSTALL_PREREQUISITES: Prerequisite[] = [
  { what: '/usr/bin/rg (stands in for the ripgrep download)', debianPackage: 'ripgrep', present: () => exists('/usr/bin/rg') },
  {
    what: 'Kerberos headers /usr/include/gssapi/gssapi.h and krb5-config',
    debianPackage: 'libkrb5-dev',
    present: () => exists('/usr/include/gssapi/gssapi.h') && onPath('krb5-config'),
  },
  { what: 'pkg-config', debianPackage: 'pkg-config', present: () => onPath('pkg-config') },
  { what: 'X11 headers', debianPackage: 'libx11-dev', present: () => exists('/usr/include/X11/Xlib.h') },
  { what: 'xkbfile headers', debianPackage: 'libxkbfile-dev', present: () => exists('/usr/include/X11/extensions/XKBfile.h') },
  { what: 'libsecret headers', debianPackage: 'libsecret-1-dev', present: () => exists('/usr/include/libsecret-1') },
  { what: 'a C++ compiler and make', debianPackage: 'build-essential', present: () => onPath('g++') && onPath('make') },
  { what: 'python3 (node-gyp)', debianPackage: 'python3', present: () => onPath('python3') },
];

function checkPrerequisites(list: Prerequisite[]): void {
  const missing = list.filter((p) => !p.present());
  if (missing.length === 0) return;
  const pkgs = [...new Set(missing.map((m) => m.debianPackage))];
  throw new Error(
    `Missing system prerequisites for the real-VS Code tests:\n` +
      missing.map((m) => `  - ${m.what}  (Debian package: ${m.debianPackage})`).join('\n') +
      `\nInstall them with:\n  sudo apt-get install -y --no-install-recommends ${pkgs.join(' ')}\n` +
      `(.ci/run does this on CI.)`,
  );
}

export function checkRuntimePrerequisites(): void {
  checkPrerequisites(RUNTIME_PREREQUISITES);
}

export function codeServerEntry(): string {
  return path.join(CODE_SERVER_PKG, 'out', 'node', 'entry.js');
}

export function isCodeServerInstalled(): boolean {
  if (!exists(INSTALLED_MARKER) || !exists(codeServerEntry())) return false;
  try {
    return JSON.parse(fs.readFileSync(path.join(CODE_SERVER_PKG, 'package.json'), 'utf8')).version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

/**
 * @vscode/ripgrep's postinstall downloads ripgrep from GitHub, which is unreachable here. It first
 * looks for a cached archive in os.tmpdir(); a .tar.gz with Debian's /usr/bin/rg at its root
 * satisfies it.
 */
function seedRipgrepCache(): void {
  const cacheDir = path.join(os.tmpdir(), `vscode-ripgrep-cache-${RIPGREP_PKG_VERSION}`);
  const archive = path.join(cacheDir, RIPGREP_ARCHIVE);
  if (exists(archive)) return;
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = `${archive}.${process.pid}.tmp`;
  const r = spawnSync('tar', ['-czf', tmp, '-C', '/usr/bin', 'rg'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`could not create ${archive} from /usr/bin/rg`);
  fs.renameSync(tmp, archive);
}

/** Installs code-server into .vscode-test/code-server/ unless that exact version is already there. */
export async function ensureCodeServer(): Promise<string> {
  checkRuntimePrerequisites();
  if (isCodeServerInstalled()) {
    log(`code-server ${CODE_SERVER_VERSION} already installed in ${path.relative(REPO_ROOT, INSTALL_DIR) || INSTALL_DIR}`);
    return codeServerEntry();
  }
  checkPrerequisites(INSTALL_PREREQUISITES);
  const started = Date.now();
  log(`installing code-server@${CODE_SERVER_VERSION} into ${INSTALL_DIR} (1-3 minutes, ~300 MB)`);
  fs.mkdirSync(INSTALL_DIR, { recursive: true });
  // A package.json of its own keeps npm from walking up into the project's dependency tree.
  fs.writeFileSync(
    path.join(INSTALL_DIR, 'package.json'),
    JSON.stringify({ name: 'poc-readiness-code-server', private: true, description: 'test harness only' }, null, 2) + '\n',
  );
  seedRipgrepCache();
  const env = {
    ...process.env,
    npm_config_unsafe_perm: 'true', // root: let the postinstall scripts run as root
    npm_config_yes: 'true', // the postinstall runs `npx node-gyp`; this machine's npm config says yes=false
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(
      'npm',
      ['install', '--no-save', '--no-package-lock', '--loglevel=warn', `code-server@${CODE_SERVER_VERSION}`],
      { cwd: INSTALL_DIR, env, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.on('error', reject);
    child.on('exit', (c, sig) => resolve(c ?? (sig ? 128 : 1)));
  });
  if (code !== 0 || !exists(codeServerEntry())) {
    throw new Error(
      `npm install code-server@${CODE_SERVER_VERSION} failed (exit ${code}). ` +
        `Check the output above; the native modules need the Debian packages ` +
        `${[...new Set(INSTALL_PREREQUISITES.map((p) => p.debianPackage))].join(', ')}.`,
    );
  }
  fs.writeFileSync(INSTALLED_MARKER, new Date().toISOString() + '\n');
  log(`code-server installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return codeServerEntry();
}

// ---------------------------------------------------------------------------------------------
// Process-group bookkeeping: every server we start is stopped, whatever happens.

const liveGroups = new Set<number>();
let handlersInstalled = false;

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function killGroupSync(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* already gone */
  }
}

/** Stops a process group: SIGTERM, then SIGKILL after graceMs; resolves when the group is gone. */
export async function stopGroup(pgid: number, graceMs = 4000): Promise<void> {
  killGroupSync(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pgid)) {
    killGroupSync(pgid, 'SIGKILL');
    const hard = Date.now() + 3000;
    while (groupAlive(pgid) && Date.now() < hard) await sleep(50);
  }
  liveGroups.delete(pgid);
}

type Cleanup = () => Promise<void> | void;
const cleanups: Cleanup[] = [];

/** Registers extra cleanup (browsers, temp dirs) that also runs on SIGINT/SIGTERM. */
export function onCleanup(fn: Cleanup): () => void {
  installSignalHandlers();
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

let interruptedBy: number | undefined;

/** The exit code to use once SIGINT/SIGTERM/SIGHUP arrived (130/143/129), else undefined. */
export function interruptedExitCode(): number | undefined {
  return interruptedBy;
}

function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    const exitCode = signal === 'SIGINT' ? 130 : signal === 'SIGHUP' ? 129 : 143;
    interruptedBy = exitCode;
    if (stopping) {
      // Second Ctrl-C: no more waiting.
      for (const g of liveGroups) killGroupSync(g, 'SIGKILL');
      process.exit(exitCode);
    }
    stopping = true;
    log(`${signal}: stopping code-server and the browser`);
    // Stop the servers first: they are in their own session, so the terminal's signal never
    // reaches them.
    for (const g of liveGroups) killGroupSync(g, 'SIGTERM');
    const hardStop = setTimeout(() => {
      for (const g of liveGroups) killGroupSync(g, 'SIGKILL');
      process.exit(exitCode);
    }, 8000);
    hardStop.unref();
    (async () => {
      for (const fn of cleanups.splice(0).reverse()) {
        try {
          await fn();
        } catch {
          /* best effort */
        }
      }
      await Promise.all([...liveGroups].map((g) => stopGroup(g)));
    })().finally(() => process.exit(exitCode));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  // Last resort when the process exits any other way (uncaught error, process.exit).
  process.on('exit', () => {
    for (const g of liveGroups) killGroupSync(g, 'SIGKILL');
  });
}

// ---------------------------------------------------------------------------------------------
// Starting a server

export interface CodeServerOptions {
  /** Profile name; its folders live under .vscode-test/profiles/<name>/ and are recreated. */
  profile: string;
  /** Extensions folder; defaults to an empty folder of the profile. */
  extensionsDir?: string;
  /** Extra environment for the server and its extension host. */
  env?: Record<string, string>;
  /** User settings written to <user-data-dir>/User/settings.json before start. */
  settings?: Record<string, unknown>;
  /** Echo the server's output (always kept for error messages). */
  verbose?: boolean;
  startTimeoutMs?: number;
}

export interface CodeServer {
  port: number;
  url: string;
  pgid: number;
  userDataDir: string;
  extensionsDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** Settings that keep a fresh profile quiet and offline-friendly. */
const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'git.enabled': false,
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function profileDirs(profile: string): { root: string; userDataDir: string; extensionsDir: string; config: string } {
  const root = path.join(TEST_DIR, 'profiles', profile);
  return {
    root,
    userDataDir: path.join(root, 'user-data'),
    extensionsDir: path.join(root, 'extensions'),
    config: path.join(root, 'config.yaml'),
  };
}

/** Runs `code-server <args>` to completion (e.g. --install-extension). */
export async function runCodeServerCli(args: string[], extra: { env?: Record<string, string>; config?: string } = {}): Promise<void> {
  const entry = codeServerEntry();
  if (extra.config) {
    fs.mkdirSync(path.dirname(extra.config), { recursive: true });
    if (!exists(extra.config)) fs.writeFileSync(extra.config, 'auth: none\ncert: false\n');
    args = ['--config', extra.config, ...args];
  }
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], {
      env: { ...process.env, ...extra.env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (c) => resolve(c ?? 1));
  });
  if (code !== 0) throw new Error(`code-server ${args.join(' ')} exited with ${code}`);
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  installSignalHandlers();
  const entry = codeServerEntry();
  if (!exists(entry)) throw new Error(`code-server is not installed (${entry}); call ensureCodeServer() first`);
  const dirs = profileDirs(opts.profile);
  fs.rmSync(dirs.userDataDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dirs.userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...opts.settings }, null, 2) + '\n',
  );
  const extensionsDir = opts.extensionsDir ?? dirs.extensionsDir;
  fs.mkdirSync(extensionsDir, { recursive: true });
  const port = await freePort();
  // Our own config file, so ~/.config/code-server/config.yaml is never read or written.
  fs.writeFileSync(dirs.config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const args = [
    entry,
    '--config', dirs.config,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', dirs.userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  // detached: the child calls setsid(), so it leads its own session and process group and we can
  // stop it together with every helper it forks (extension host, pty host, file watcher).
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...opts.env },
  });
  const pgid = child.pid!;
  liveGroups.add(pgid);
  let output = '';
  const onData = (buf: Buffer) => {
    const s = buf.toString();
    output += s;
    if (output.length > 200_000) output = output.slice(-100_000);
    if (opts.verbose) process.stdout.write(s.replace(/^/gm, '[code-server] '));
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const stop = () => stopGroup(pgid);

  const timeoutMs = opts.startTimeoutMs ?? 60_000;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`code-server did not start within ${timeoutMs / 1000} s`)), timeoutMs);
      const check = () => {
        if (/HTTP server listening/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', check);
      child.stderr!.on('data', check);
      child.on('exit', (c, sig) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited during start-up (code ${c}, signal ${sig})`));
      });
      child.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n--- code-server output ---\n${output.slice(-5000)}`);
  }
  child.unref();
  (child.stdout as NodeJS.ReadableStream & { unref?: () => void }).unref?.();
  (child.stderr as NodeJS.ReadableStream & { unref?: () => void }).unref?.();
  const url = `http://127.0.0.1:${port}`;
  log(`code-server ${CODE_SERVER_VERSION} listening on ${url} (process group ${pgid})`);
  return { port, url, pgid, userDataDir: dirs.userDataDir, extensionsDir, output: () => output, stop };
}

// ---------------------------------------------------------------------------------------------
// Small shared helpers

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Rejects after ms with `TIMEOUT: <message>`; the caller's finally blocks still run. */
export function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const t = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`TIMEOUT: ${message}`)), Math.max(ms, 0));
  });
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

export function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0 && i + 1 < argv.length) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  return eq ? eq.slice(name.length + 1) : undefined;
}

/** The extension under test: the repository root unless POC_EXT_DIR / --ext points elsewhere. */
export function extensionDir(argv: string[]): string {
  return path.resolve(argValue(argv, '--ext') || process.env.POC_EXT_DIR || REPO_ROOT);
}

/** The workspace folder to open: --folder / POC_FIXTURE, default test/fixtures/notebook-pilot. */
export function fixtureFolder(argv: string[]): string {
  const f = path.resolve(REPO_ROOT, argValue(argv, '--folder') || process.env.POC_FIXTURE || 'test/fixtures/notebook-pilot');
  if (!fs.existsSync(f) || !fs.statSync(f).isDirectory()) {
    throw new Error(`fixture workspace folder not found: ${f} (pass --folder DIR or set POC_FIXTURE)`);
  }
  // Tests edit and scaffold files: they get a throwaway copy, the committed fixture stays as it is.
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'poc-fixture-')), path.basename(f));
  fs.cpSync(f, copy, { recursive: true });
  process.on('exit', () => fs.rmSync(path.dirname(copy), { recursive: true, force: true }));
  return copy;
}

export function timeoutMs(argv: string[], defaultSeconds: number): number {
  const s = Number(argValue(argv, '--timeout') || process.env.POC_TEST_TIMEOUT || defaultSeconds);
  return (Number.isFinite(s) && s > 0 ? s : defaultSeconds) * 1000;
}

/** Chromium flags that work on these machines (no sandbox as root, no network chatter). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Allows a standalone `node out/test/harness/codeServer.js` to pre-install code-server. */
if (require.main === module) {
  ensureCodeServer().then(
    () => process.exit(0),
    (e) => {
      console.error(`[harness] ${(e as Error).message}`);
      process.exit(1);
    },
  );
}
