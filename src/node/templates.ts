// Node implementation of the scaffolds' `readTemplate`: reads the package's templates/ folder.
// Bundled CLI: dist/cli.js -> ../templates. Compiled tests: out/src/node/templates.js ->
// ../../../templates. Both are tried, first hit wins (and is remembered).

import { promises as fsp, statSync } from 'fs';
import * as nodePath from 'path';
import type { ReadTemplate } from '../core/scaffold/templates';

const CANDIDATES = [
  nodePath.resolve(__dirname, '..', 'templates'), // dist/cli.js, dist/extension.js
  nodePath.resolve(__dirname, '..', '..', '..', 'templates'), // out/src/node/*.js
  nodePath.resolve(__dirname, '..', '..', 'templates'), // src/node run through ts-node
];

let cachedDir: string | undefined;

/** The templates/ directory of this package; throws when it cannot be found. */
export function templatesDir(): string {
  if (cachedDir) return cachedDir;
  for (const dir of CANDIDATES) {
    try {
      if (statSync(nodePath.join(dir, 'poc.yaml.tmpl')).isFile()) return (cachedDir = dir);
    } catch {
      // try the next candidate
    }
  }
  throw new Error(`templates directory not found (looked in ${CANDIDATES.join(', ')})`);
}

/** Reads templates/<name>. Names are relative, "/"-separated and never leave the folder. */
export const readTemplate: ReadTemplate = async (name: string) => {
  if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(name) || name.split('/').includes('..')) {
    throw new Error(`invalid template name "${name}"`);
  }
  return fsp.readFile(nodePath.join(templatesDir(), ...name.split('/')), 'utf8');
};
