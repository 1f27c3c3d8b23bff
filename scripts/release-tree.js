#!/usr/bin/env node
// Writes the tree of a release commit into <dest>: the committed files of HEAD plus the
// production bundles dist/cli.js and dist/action.js, which the GitHub Action (runs.main) and the
// pre-commit hooks (npm installs the tagged repository, no build step) run as they are.
// The bundles carry every dependency, so the release's package.json lists none: pre-commit's
// `npm install` of the hook repository then needs no download at all.
//
//   node scripts/release-tree.js ../release && cd ../release && git add -A && git add -f dist && git commit
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const dest = process.argv[2];
if (!dest) {
  console.error('usage: node scripts/release-tree.js <dest>');
  process.exit(2);
}
const root = path.resolve(__dirname, '..');
fs.mkdirSync(dest, { recursive: true });
const tar = execFileSync('git', ['archive', '--format=tar', 'HEAD'], { cwd: root, maxBuffer: 1 << 30 });
execFileSync('tar', ['-x', '-C', dest], { input: tar });
execFileSync(process.execPath, [path.join(root, 'esbuild.js'), '--production', '--out', path.resolve(dest)], { cwd: root, stdio: 'inherit' });
const pkgPath = path.join(dest, 'package.json');
const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
delete pkg.devDependencies;
delete pkg.dependencies;
fs.writeFileSync(pkgPath, JSON.stringify(pkg, null, 2) + '\n');
fs.rmSync(path.join(dest, 'package-lock.json'), { force: true });
