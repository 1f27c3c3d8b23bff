// Child process: one full scan of a tree with the CLI's engine, then its peak RSS
// (process.resourceUsage().maxRSS). Prints one JSON line.
//
//   node out/bench/scanChild.js <root>

import { performance } from 'node:perf_hooks';
import { Engine } from '../src/core/engine';
import { NodeFileSystem, absolutePosix } from '../src/node/nodeFs';

async function main(): Promise<void> {
  const root = absolutePosix(process.argv[2]);
  const t0 = performance.now();
  const result = await new Engine(new NodeFileSystem(), root).lintWorkspace();
  const ms = performance.now() - t0;
  const findings = result.roots.reduce((n, r) => n + r.findings.length, 0);
  const usage = process.resourceUsage();
  process.stdout.write(JSON.stringify({ ms, maxRssKB: usage.maxRSS, heapUsedMB: process.memoryUsage().heapUsed / 1048576, filesLinted: result.filesLinted, findings }) + '\n');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
