// Builds every bundle the product ships: the CLI (Node), the extension's Node bundle
// (`main`) and its browser bundle (`browser`, VS Code for the Web). One core, three faces.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  legalComments: 'none',
  // The rule docs and templates are read at run time from the package, not inlined.
  loader: { '.md': 'text' },
};

const builds = [
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    banner: { js: '#!/usr/bin/env node' },
  },
];

if (fs.existsSync(path.join(__dirname, 'src/extension/extension.ts'))) {
  builds.push(
    {
      ...common,
      entryPoints: ['src/extension/extension.ts'],
      outfile: 'dist/extension.js',
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['vscode'],
    },
    {
      ...common,
      entryPoints: ['src/extension/extension.ts'],
      outfile: 'dist/web/extension.js',
      platform: 'browser',
      target: 'es2022',
      format: 'cjs',
      external: ['vscode'],
      // The core never touches Node built-ins; fail the build if something drags one in.
      define: { 'process.env.NODE_ENV': '"production"' },
    },
  );
}

async function main() {
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
  fs.chmodSync(path.join(__dirname, 'dist/cli.js'), 0o755);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
