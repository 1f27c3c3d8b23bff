// Chart.js (MIT, from npm) for the portfolio dashboard, inlined into the HTML so it opens
// offline. esbuild.js copies the UMD build next to the bundle (dist/chart.umd.min.js); an npm
// install of the CLI also finds it in node_modules.

import { promises as fsp } from 'node:fs';
import * as nodePath from 'node:path';

const FILE = 'chart.umd.min.js';

export async function readChartJs(): Promise<string> {
  const candidates = [
    nodePath.join(__dirname, FILE), // dist/cli.js
    nodePath.resolve(__dirname, '..', '..', '..', 'dist', FILE), // out/src/node/*.js
  ];
  try {
    // The package's exports do not list the UMD file; its main entry sits beside it.
    candidates.push(nodePath.join(nodePath.dirname(require.resolve('chart.js')), FILE));
  } catch {
    // not installed beside the CLI
  }
  for (const file of candidates) {
    try {
      return await fsp.readFile(file, 'utf8');
    } catch {
      // next candidate
    }
  }
  throw new Error(`Chart.js not found (looked in ${candidates.join(', ')}); reinstall poc-readiness`);
}
