// The keystroke in the web-worker host: bench/webKeystrokeWorker.ts bundled for the browser and
// run in a worker of headless Debian Chromium (playwright-core, as the e2e tests drive it).

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WebKeystrokeRequest, WebKeystrokeResponse } from './webKeystrokeWorker';

const CHROMIUM = process.env.POC_CHROMIUM || '/usr/bin/chromium';

/** The files a PoC's evaluation reads: its own folder and the repository-level files beside it. */
function filesOf(treeRoot: string, pocDir: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const visit = (rel: string, deep: boolean) => {
    for (const e of fs.readdirSync(path.join(treeRoot, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (deep || child === '.github' || child.startsWith('.github/') || pocDir === child || pocDir.startsWith(child + '/')) visit(child, deep || pocDir === child || child.startsWith('.github'));
      } else if (e.isFile() && (deep || !rel)) {
        const st = fs.statSync(path.join(treeRoot, child));
        if (st.size <= 1024 * 1024) out.push([child, fs.readFileSync(path.join(treeRoot, child), 'utf8')]);
      }
    }
  };
  visit('', false);
  return out;
}

/** Medians need the raw samples; undefined (with the reason) where Chromium is not installed. */
export async function webKeystroke(treeRoot: string, pocDir: string, rels: string[], reps: number): Promise<{ files: number; runs: Record<string, WebKeystrokeResponse> } | { skipped: string }> {
  if (!fs.existsSync(CHROMIUM)) return { skipped: `${CHROMIUM} not found (apt-get install chromium)` };
  const esbuild = require('esbuild') as typeof import('esbuild');
  const bundled = await esbuild.build({ entryPoints: [path.join(__dirname, '../../bench/webKeystrokeWorker.ts')], bundle: true, platform: 'browser', format: 'iife', write: false, minify: true, loader: { '.md': 'text' }, logLevel: 'silent' });
  const code = bundled.outputFiles[0].text;
  const files = filesOf(treeRoot, pocDir);
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage();
    const runs: Record<string, WebKeystrokeResponse> = {};
    for (const rel of rels) {
      const request: WebKeystrokeRequest = { files, rel, reps, warmup: 5 };
      const response = await page.evaluate(
        ({ code, request }) =>
          new Promise<WebKeystrokeResponse | { error: string }>((resolve) => {
            const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
            worker.onmessage = (e) => {
              resolve(e.data);
              worker.terminate();
            };
            worker.onerror = (e) => resolve({ error: e.message });
            worker.postMessage(request);
          }),
        { code, request },
      );
      if ('error' in response) throw new Error(`web worker: ${response.error}`);
      runs[rel] = response;
    }
    return { files: files.length, runs };
  } finally {
    await browser.close();
  }
}
