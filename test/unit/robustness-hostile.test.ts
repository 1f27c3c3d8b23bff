import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine } from '../../src/core/engine';
import { NodeFileSystem, toPosix } from '../../src/node/nodeFs';

// Issue 12: hostile trees on a real disk, and the CLI as a new user's CI runs it.
const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const FIXTURE = path.join(ROOT, 'test/fixtures/notebook-pilot');

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
function write(dir: string, rel: string | Buffer, content: string | Buffer): void {
  if (Buffer.isBuffer(rel)) {
    // A name that is not UTF-8: folders made byte by byte (a string path would re-encode them).
    const parts = rel.toString('latin1').split('/');
    let at = Buffer.from(dir);
    for (const part of parts.slice(0, -1)) {
      at = Buffer.concat([at, Buffer.from('/'), Buffer.from(part, 'latin1')]);
      fs.mkdirSync(at, { recursive: true });
    }
    fs.writeFileSync(Buffer.concat([at, Buffer.from('/'), Buffer.from(parts[parts.length - 1], 'latin1')]), content);
    return;
  }
  fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  fs.writeFileSync(path.join(dir, rel), content);
}
function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const BOMB = 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n';

describe('hostile trees: one bad file costs only its own findings', () => {
  const lint = async (dir: string) => new Engine(new NodeFileSystem(), toPosix(dir), { today: new Date('2026-12-01') }).lintWorkspace();
  const findingsFor = (result: Awaited<ReturnType<typeof lint>>, file: string) => result.roots.flatMap((r) => r.findings).filter((f) => f.file === file);

  it('undefined aliases and alias bombs in poc.yaml, data-requirements.yaml, azure-pipelines.yml and cloudbuild.yaml are findings; the rest is linted', async () => {
    const dir = tmp('poc-alias-');
    write(dir, 'poc.yaml', 'name: *x\n');
    write(dir, 'data-requirements.yaml', 'volume: *nothing\n');
    write(dir, 'azure-pipelines.yml', 'steps:\n  - script: *x\n');
    write(dir, 'cloudbuild.yaml', BOMB);
    write(dir, 'sub/poc.yaml', BOMB);
    write(dir, 'src/app.py', 'DATA = "/home/dana/churn.csv"\n');
    const result = await lint(dir);
    assert.match(findingsFor(result, 'poc.yaml').find((f) => f.ruleId === 'manifest-invalid')?.message ?? '', /alias \*x names no anchor/);
    assert.match(findingsFor(result, 'azure-pipelines.yml').find((f) => f.ruleId === 'invalid-file')?.message ?? '', /alias \*x names no anchor/);
    assert.match(findingsFor(result, 'cloudbuild.yaml').find((f) => f.ruleId === 'invalid-file')?.message ?? '', /Excessive alias count/);
    assert.match(findingsFor(result, 'sub/poc.yaml').find((f) => f.ruleId === 'manifest-invalid')?.message ?? '', /Excessive alias count/);
    assert.ok(findingsFor(result, 'src/app.py').some((f) => f.ruleId === 'local-path'), 'the other files are still linted');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('notebook metadata of the wrong type is a finding and the cells are still linted', async () => {
    const dir = tmp('poc-nbmeta-');
    const cells = [{ cell_type: 'code', source: ['df = read_csv("/home/dana/x.csv")'], execution_count: 1, outputs: [], metadata: {} }];
    const cases: Record<string, unknown> = {
      'info.ipynb': { cells, metadata: { language_info: { name: ['python'] } } },
      'lang.ipynb': { cells, metadata: { kernelspec: { language: 5 } } },
      'name.ipynb': { cells, metadata: { kernelspec: { name: 3 } } },
      'meta.ipynb': { cells, metadata: 'meta' },
    };
    for (const [name, json] of Object.entries(cases)) write(dir, name, JSON.stringify(json));
    const result = await lint(dir);
    const expected: Record<string, RegExp> = {
      'info.ipynb': /"metadata\.language_info\.name" should be a string, not an array/,
      'lang.ipynb': /"metadata\.kernelspec\.language" should be a string, not a number/,
      'name.ipynb': /"metadata\.kernelspec\.name" should be a string, not a number/,
      'meta.ipynb': /"metadata" should be an object, not a string/,
    };
    for (const [name, re] of Object.entries(expected)) {
      const found = findingsFor(result, name);
      assert.match(found.find((f) => f.ruleId === 'invalid-file')?.message ?? '', re, name);
      assert.ok(found.some((f) => f.ruleId === 'local-path'), `${name}: cells still linted`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('non-UTF-8 file and folder names are linted by their bytes, shown with \\x escapes', async () => {
    const dir = tmp('poc-names-');
    write(dir, Buffer.from('caf\xe9.py', 'latin1'), 'DATA = "/home/dana/x.csv"\n');
    write(dir, Buffer.from('dir\xff/a.py', 'latin1'), 'DATA = "/home/dana/y.csv"\n');
    const result = await lint(dir);
    assert.ok(findingsFor(result, 'caf\\xe9.py').some((f) => f.ruleId === 'local-path'), JSON.stringify(result.skipped));
    assert.ok(findingsFor(result, 'dir\\xff/a.py').some((f) => f.ruleId === 'local-path'), JSON.stringify(result.skipped));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('control characters in names and messages are escaped in the text and Markdown formats', () => {
    const dir = tmp('poc-ctl-');
    write(dir, 'esc\u001b[31mred\nforged.py', 'DATA = "/home/dana/x.csv"\n');
    for (const format of ['text', 'markdown']) {
      const r = cli(['lint', dir, '-f', format]);
      assert.ok(!/[\u0000-\u0008\u000b-\u001f]/.test(r.stdout), `${format}: raw control character in the output`);
      assert.ok(r.stdout.includes('esc\\x1b[31mred\\x0aforged.py'), `${format}: ${r.stdout}`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('four 2 MB lines of `{` in workflows are refused cheaply (a finding each) and the lint stays under 150 MB', () => {
    const dir = tmp('poc-brace-');
    for (const n of ['a', 'b', 'c', 'd']) write(dir, `.github/workflows/${n}.yml`, '{'.repeat(2 * 1024 * 1024 - 64));
    const probe = path.join(dir, 'rss.js');
    fs.writeFileSync(probe, "process.on('exit', () => require('fs').writeSync(2, `maxrss=${process.resourceUsage().maxRSS}\\n`));\n");
    const r = spawnSync(process.execPath, ['--require', probe, CLI, 'lint', dir, '-f', 'json'], { encoding: 'utf8' });
    const report = JSON.parse(r.stdout);
    const invalid = report.roots.flatMap((x: any) => x.findings).filter((f: any) => f.ruleId === 'invalid-file');
    assert.equal(invalid.length, 4, r.stdout);
    for (const f of invalid) assert.match(f.message, /is not read: (too large to parse|nested more than 64 levels)/);
    const rssKb = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1]);
    assert.ok(rssKb > 0 && rssKb < 150 * 1024, `max RSS ${rssKb} KB`);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('CLI: bad input answered in one line on stderr, exit 2', () => {
  const oneLine = (r: ReturnType<typeof cli>, re: RegExp, what: string) => {
    assert.equal(r.code, 2, `${what}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, `${what}: ${r.stderr}`);
    assert.match(r.stderr, re, what);
    assert.doesNotMatch(r.stderr, /\n\s+at /, `${what}: a stack trace`);
  };

  it('-o to a missing folder or a folder is refused before linting', () => {
    const dir = tmp('poc-out-');
    oneLine(cli(['lint', FIXTURE, '-o', path.join(dir, 'missing/report.json')]), /folder .* does not exist/, 'missing folder');
    oneLine(cli(['lint', FIXTURE, '-o', dir]), /is a folder/, 'a folder');
    const ok = cli(['lint', FIXTURE, '-o', path.join(dir, 'report.txt')]);
    assert.notEqual(ok.code, 2, ok.stderr);
    assert.ok(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8').includes('Readiness'));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--min-score takes whole numbers 0-100 only', () => {
    for (const bad of ['', ' ', '0x10', '-5', '101', '50.5', '1e2']) {
      oneLine(cli(['lint', FIXTURE, '--min-score', bad]), /--min-score must be a whole number from 0 to 100/, `lint --min-score '${bad}'`);
      oneLine(cli(['portfolio', FIXTURE, '--min-score', bad]), /--min-score must be a whole number/, `portfolio --min-score '${bad}'`);
    }
    assert.equal(cli(['lint', FIXTURE, '--min-score', '0']).code, 0);
    assert.equal(cli(['lint', FIXTURE, '--min-score', '100']).code, 1);
  });

  it('every command rejects what it does not understand', () => {
    oneLine(cli(['rules', '--format', 'xml']), /unknown --format 'xml'/, 'rules --format xml');
    for (const command of ['lint', 'init', 'portfolio', 'rules']) oneLine(cli([command, '--bogus']), /unknown option '--bogus'/, `${command} --bogus`);
    oneLine(cli(['portfolio', path.join(FIXTURE, 'pipeline.py')]), /is not a folder/, 'portfolio <file>');
    oneLine(cli(['frobnicate']), /unknown command 'frobnicate'/, 'unknown command');
  });

  it('lint | head ends quietly', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" lint "${FIXTURE}" -f json | head -c 10`], { encoding: 'utf8' });
    assert.equal(r.stdout.length, 10);
    assert.equal(r.stderr, '', r.stderr);
  });
});

describe('init stays inside the repository', () => {
  const snapshot = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).sort();

  for (const [label, link, args] of [
    ['docs/ (playbook)', 'docs', ['--only', 'playbook']],
    ['.github (CI)', '.github', ['--only', 'ci', '--ci', 'github']],
    ['the data_requirements: folder', 'specs', ['--only', 'data-requirements']],
  ] as const) {
    it(`refuses to write through a symlinked ${label} that leaves the root`, () => {
      const base = tmp('poc-init-');
      const repo = path.join(base, 'repo');
      const outside = path.join(base, 'outside');
      fs.mkdirSync(repo);
      fs.mkdirSync(outside);
      fs.mkdirSync(path.join(repo, '.git'));
      fs.writeFileSync(path.join(outside, 'keep.txt'), 'x');
      fs.symlinkSync(outside, path.join(repo, link));
      if (link === 'specs') fs.writeFileSync(path.join(repo, 'poc.yaml'), 'name: churn\ndata_requirements: specs/data-requirements.yaml\n');
      const before = snapshot(outside);
      const r = cli(['init', repo, ...args]);
      assert.equal(r.code, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /symlink leaves the repository/);
      assert.deepEqual(snapshot(outside), before, 'nothing written outside');
      fs.rmSync(base, { recursive: true, force: true });
    });
  }

  it('--help says where a PoC below a git repository gets its CI file', () => {
    assert.match(cli(['init', '--help']).stdout, /CI file at the repository's top/);
  });
});
