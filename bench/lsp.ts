// `node out/bench/lsp.js [--files N] [--keys N]`: should the VS Code extension lint in its own
// extension host (today) or be a thin client of `poc-readiness lsp --stdio`? On a generated ML
// monorepo (bench/generate.ts) it measures, per keystroke in the 2,000-line module:
//   in-host   Engine.updateFile + evaluate + building the diagnostics, on the host's thread
//   server    didChange sent → publishDiagnostics received (debounce 0), with the CPU time spent
//             by the client (what a thin extension would cost the host: JSON-RPC both ways) and
//             by the server process
// and the same for the initial scan. Prints a table and writes bench-results/lsp.json.
// Benchmarks print; tests never assert timings.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { Engine } from '../src/core/engine';
import { place, toDiagnostic } from '../src/lsp/placement';
import { NodeFileSystem, absolutePosix } from '../src/node/nodeFs';
import { LspClient, uriOf } from '../test/lsp/client';
import { generate } from './generate';

const argv = process.argv.slice(2);
const opt = (name: string, def: number) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : def);
const FILES = opt('files', 10000);
const KEYS = opt('keys', 40);
const WARM = 5;

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  return s[Math.floor(pos)] + (s[Math.ceil(pos)] - s[Math.floor(pos)]) * (pos - Math.floor(pos));
}
const cpuMs = (since: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};
/** utime + stime of another process, in ms (clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
const r1 = (x: number) => Math.round(x * 10) / 10;
const edit = (original: string, i: number) => `KEY_${i} = "/home/dana/k${i}.csv"\n` + original;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poc-lsp-bench-'));
  const tree = generate(dir, { files: FILES });
  const rel = tree.bigPython;
  const bigPython = path.join(tree.root, rel);
  const original = fs.readFileSync(bigPython, 'utf8');
  process.stderr.write(`generated ${tree.files} files in ${tree.root}; editing ${rel}\n`);

  // ---- in-host: what the extension host does today
  const engine = new Engine(new NodeFileSystem(), absolutePosix(tree.root));
  let cpu = process.cpuUsage();
  let t0 = performance.now();
  let result = await engine.lintWorkspace();
  const inHostScan = { wallMs: performance.now() - t0, cpuMs: cpuMs(cpu) };
  const inHostKeys: number[] = [];
  cpu = process.cpuUsage();
  let inHostCpu = 0;
  for (let i = 0; i < KEYS + WARM; i++) {
    const c = process.cpuUsage();
    const a = performance.now();
    engine.updateFile(rel, edit(original, i));
    result = engine.evaluate();
    // Building every diagnostic is what DiagnosticsPublisher does before it compares signatures.
    for (const root of result.roots) for (const f of root.findings) place(f, root.anchor, { uriOf: (x) => x, cellsOf: () => undefined }) && toDiagnostic(f, { uri: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });
    if (i >= WARM) {
      inHostKeys.push(performance.now() - a);
      inHostCpu += cpuMs(c);
    }
  }

  // ---- server: the same work in `poc-readiness lsp --stdio`, the client only speaks JSON-RPC
  cpu = process.cpuUsage();
  t0 = performance.now();
  const client = await LspClient.start({ folders: [tree.root], initializationOptions: { pocReadiness: { debounceMs: 0 } } });
  await client.until('the first scan', () => client.readiness.length > 0, 600000);
  const serverScan = { wallMs: performance.now() - t0, clientCpuMs: cpuMs(cpu), serverCpuMs: processCpuMs(client.pid!) };
  const uri = uriOf(bigPython);
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'python', version: 1, text: original } });
  const latencies: number[] = [];
  let clientCpu = 0;
  let serverCpu = 0;
  for (let i = 0; i < KEYS + WARM; i++) {
    const c = process.cpuUsage();
    const s = processCpuMs(client.pid!);
    const a = performance.now();
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: i + 2 },
      contentChanges: [{ text: edit(original, i) }],
    });
    await client.diagnosticsOf(uri, (d) => d.some((x) => x.message.includes(`/home/dana/k${i}.csv`)));
    if (i >= WARM) {
      latencies.push(performance.now() - a);
      clientCpu += cpuMs(c);
      serverCpu += processCpuMs(client.pid!) - s;
    }
  }
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });

  const out = {
    files: tree.files,
    keystrokes: KEYS,
    inHost: { scanWallMs: r1(inHostScan.wallMs), scanHostCpuMs: r1(inHostScan.cpuMs), keyMedianMs: r1(median(inHostKeys)), keyP95Ms: r1(quantile(inHostKeys, 0.95)), keyHostCpuMs: r1(inHostCpu / KEYS) },
    server: {
      scanWallMs: r1(serverScan.wallMs),
      scanClientCpuMs: r1(serverScan.clientCpuMs),
      scanServerCpuMs: r1(serverScan.serverCpuMs),
      keyMedianMs: r1(median(latencies)),
      keyP95Ms: r1(quantile(latencies, 0.95)),
      keyClientCpuMs: r1(clientCpu / KEYS),
      keyServerCpuMs: r1(serverCpu / KEYS),
    },
  };
  process.stdout.write(
    [
      `files ${out.files}, ${KEYS} keystrokes (after ${WARM} warm-up) in ${rel}`,
      `                          in-host      server (stdio)`,
      `first scan, wall ms      ${String(out.inHost.scanWallMs).padStart(8)}   ${String(out.server.scanWallMs).padStart(8)}`,
      `first scan, host CPU ms  ${String(out.inHost.scanHostCpuMs).padStart(8)}   ${String(out.server.scanClientCpuMs).padStart(8)}  (server process: ${out.server.scanServerCpuMs})`,
      `keystroke→diag, p50 ms   ${String(out.inHost.keyMedianMs).padStart(8)}   ${String(out.server.keyMedianMs).padStart(8)}`,
      `keystroke→diag, p95 ms   ${String(out.inHost.keyP95Ms).padStart(8)}   ${String(out.server.keyP95Ms).padStart(8)}`,
      `host CPU per key, ms     ${String(out.inHost.keyHostCpuMs).padStart(8)}   ${String(out.server.keyClientCpuMs).padStart(8)}  (server process: ${out.server.keyServerCpuMs})`,
      '',
    ].join('\n'),
  );
  fs.mkdirSync('bench-results', { recursive: true });
  fs.writeFileSync('bench-results/lsp.json', JSON.stringify(out, null, 2) + '\n');
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
