// Bundled for the browser by bench/webKeystroke.ts and run in a Chromium web worker, the host of
// VS Code for the Web: the same core as the Node row times updateFile + evaluate after a
// one-line edit, over the PoC's files held in memory (TreeFileSystem, the core's own).

import { Engine } from '../src/core/engine';
import { TreeFileSystem } from '../src/core/history';

export interface WebKeystrokeRequest {
  files: Array<[path: string, text: string]>;
  /** The file edited, and how: a comment on line 1000 (.py) or a renamed variable in cell 50 (.ipynb). */
  rel: string;
  reps: number;
  warmup: number;
}

export interface WebKeystrokeResponse {
  total: number[];
  update: number[];
  evaluate: number[];
}

function edit(rel: string, text: string, i: number): string {
  if (rel.endsWith('.ipynb')) return text.replace('"x_50 = df[', `"x_50${i} = df[`);
  const lines = text.split('\n');
  lines[999] = `${lines[999]}  # edit ${i}`;
  return lines.join('\n');
}

const scope = self as unknown as { onmessage: (e: MessageEvent<WebKeystrokeRequest>) => void; postMessage: (m: WebKeystrokeResponse | { error: string }) => void };

scope.onmessage = async ({ data }) => {
  try {
    const encoder = new TextEncoder();
    const bytes = new Map(data.files.map(([path, text]) => [path, encoder.encode(text)]));
    const fs = new TreeFileSystem('/ws', { size: async (blob) => bytes.get(blob)!.length, read: async (blob) => bytes.get(blob)! });
    fs.apply(data.files.map(([path]) => ({ path, blob: path })), 1);
    const engine = new Engine(fs, '/ws');
    await engine.lintWorkspace();
    const original = data.files.find(([path]) => path === data.rel)![1];
    const out: WebKeystrokeResponse = { total: [], update: [], evaluate: [] };
    for (let i = 0; i < data.reps + data.warmup; i++) {
      const text = edit(data.rel, original, i);
      const a = performance.now();
      engine.updateFile(data.rel, text);
      const b = performance.now();
      engine.evaluate();
      const c = performance.now();
      if (i < data.warmup) continue;
      out.total.push(c - a);
      out.update.push(b - a);
      out.evaluate.push(c - b);
    }
    scope.postMessage(out);
  } catch (err) {
    scope.postMessage({ error: String((err as Error).stack ?? err) });
  }
};
