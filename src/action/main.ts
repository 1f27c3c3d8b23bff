// The GitHub Action (action.yml): runs the bundled CLI (dist/cli.js) on the checkout, writes
// the JSON report and the SARIF log, a job summary (score, level, pillars, the three changes
// that raise the score most, and on pull requests the delta against the base commit), and the
// outputs `score` and `level`. It reads what the runner provides: INPUT_<NAME> variables,
// GITHUB_WORKSPACE, GITHUB_EVENT_NAME / GITHUB_EVENT_PATH, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT.
// The base commit is read from git objects (a temporary index, `git checkout-index`), so the
// checkout itself is never touched.

import { spawnSync } from 'node:child_process';
import { promises as fsp, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { LEVELS, LEVEL_TITLES, PILLARS, PILLAR_TITLES, type Level } from '../core/types';

/** What the action reads of a root in the CLI's JSON report. */
interface JsonRoot {
  root: string;
  score: {
    total: number;
    level: string;
    pillars: Record<string, number>;
    weakest?: string;
    next?: { level: string; missing: string[] };
    /** The core's ranking: the failing rules whose fix raises the total most, best first. */
    improvements?: Array<{ ruleId: string; points: number; title: string }>;
  };
  findings: Array<{ ruleId: string; severity: 'error' | 'warning' | 'info'; message: string; file?: string; fingerprint?: string; baselineState?: string }>;
}

type Env = Record<string, string | undefined>;

interface Inputs {
  path: string;
  minScore?: number;
  minLevel?: Level;
  baseline?: string;
  sarifFile: string;
  reportFile: string;
}

/** The runner passes `with:` values as INPUT_<NAME> (upper-cased, spaces to underscores, dashes kept). */
function input(env: Env, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function readInputs(env: Env): Inputs {
  const minScoreText = input(env, 'min-score');
  const minLevelText = input(env, 'min-level').toLowerCase();
  let minScore: number | undefined;
  if (minScoreText) {
    minScore = Number(minScoreText);
    if (!Number.isFinite(minScore) || minScore < 0 || minScore > 100) throw new Error(`min-score must be a number from 0 to 100 (got '${minScoreText}')`);
  }
  if (minLevelText && !(LEVELS as readonly string[]).includes(minLevelText)) throw new Error(`min-level must be one of ${LEVELS.join(', ')} (got '${minLevelText}')`);
  return {
    path: input(env, 'path') || '.',
    minScore,
    minLevel: (minLevelText || undefined) as Level | undefined,
    baseline: input(env, 'baseline') || undefined,
    sarifFile: input(env, 'sarif-file') || 'poc-readiness.sarif',
    reportFile: input(env, 'report-file') || 'poc-readiness.json',
  };
}

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const CLI = nodePath.join(__dirname, 'cli.js');

function cli(args: string[], cwd: string): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? 2, stdout: r.stdout ?? '', stderr: r.stderr ?? (r.error ? String(r.error) : '') };
}

function git(args: string[], cwd: string, env: Env = {}): { ok: boolean; out: string; err: string } {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { ok: r.status === 0, out: (r.stdout ?? '').trim(), err: (r.stderr ?? '').trim() };
}

interface Report {
  roots: JsonRoot[];
  /** Findings in files outside every PoC root (never scored). */
  outside?: { findings: JsonRoot['findings'] };
  baseline?: { file: string; unchanged: number; new: number; absent: number };
}

/** The pull request's base commit, from the event payload; undefined for other events. */
async function baseSha(env: Env): Promise<string | undefined> {
  if (!/^pull_request/.test(env.GITHUB_EVENT_NAME ?? '') || !env.GITHUB_EVENT_PATH) return undefined;
  try {
    const event = JSON.parse(await fsp.readFile(env.GITHUB_EVENT_PATH, 'utf8'));
    const sha = event?.pull_request?.base?.sha;
    return typeof sha === 'string' && /^[0-9a-f]{7,64}$/i.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

/** Lints the base commit from git objects into a temporary folder; a reason when it cannot. */
function lintBase(workspace: string, sha: string, path: string): { report?: Report; reason?: string } {
  const top = git(['rev-parse', '--show-toplevel'], workspace);
  if (!top.ok) return { reason: 'the workspace is not a git checkout' };
  if (!git(['cat-file', '-e', `${sha}^{commit}`], top.out).ok) {
    // A shallow checkout (actions/checkout's default depth 1) lacks the base: fetch just that commit.
    git(['fetch', '--no-tags', '--depth=1', 'origin', sha], top.out);
    if (!git(['cat-file', '-e', `${sha}^{commit}`], top.out).ok) return { reason: `base commit ${sha.slice(0, 12)} is not in the checkout (use actions/checkout with fetch-depth: 0)` };
  }
  const tmp = mkdtempSync(nodePath.join(os.tmpdir(), 'poc-readiness-base-'));
  try {
    const index = nodePath.join(tmp, 'index');
    const tree = nodePath.join(tmp, 'tree') + nodePath.sep;
    const gitEnv = { GIT_INDEX_FILE: index };
    if (!git(['read-tree', sha], top.out, gitEnv).ok || !git(['checkout-index', '--all', `--prefix=${tree}`], top.out, gitEnv).ok) {
      return { reason: `cannot read the files of base commit ${sha.slice(0, 12)}` };
    }
    // The same folder inside the base tree as `path` is inside the checkout.
    const rel = nodePath.relative(top.out, nodePath.resolve(workspace, path));
    const target = nodePath.join(tree, rel);
    const run = cli(['lint', target, '--format', 'json', '--no-baseline'], tree);
    if (run.code === 2) return { reason: `the base commit could not be linted: ${run.stderr.trim().split('\n')[0]}` };
    return { report: JSON.parse(run.stdout) as Report };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** "2 new, 1 fixed in this pull request": findings matched by file, rule and fingerprint, each once. */
function changeOf(before: JsonRoot['findings'], after: JsonRoot['findings']): string {
  const key = (f: JsonRoot['findings'][number]) => `${f.file ?? ''}|${f.ruleId}|${f.fingerprint ?? f.message}`;
  const left = new Map<string, number>();
  for (const f of before) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
  let added = 0;
  for (const f of after) {
    const n = left.get(key(f)) ?? 0;
    if (n > 0) left.set(key(f), n - 1);
    else added++;
  }
  const fixed = [...left.values()].reduce((a, b) => a + b, 0);
  return `${added} new, ${fixed} fixed in this pull request`;
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `\u2212${-n}` : '\u00b10');

export function summaryMarkdown(head: Report, base: { report?: Report; reason?: string; sha?: string } | undefined, gate: string[]): string {
  const out: string[] = ['## PoC Readiness', ''];
  for (const root of head.roots) {
    const s = root.score;
    const baseRoot = base?.report?.roots.find((r) => r.root === root.root);
    const title = root.root === '.' ? 'Repository' : `\`${root.root}\``;
    const delta = baseRoot ? ` (${signed(s.total - baseRoot.score.total)} vs base)` : '';
    out.push(`### ${title}: ${s.total}% \u00b7 ${LEVEL_TITLES[s.level as Level] ?? s.level}${delta}`, '');
    if (baseRoot && baseRoot.score.level !== s.level) out.push(`Level: ${LEVEL_TITLES[baseRoot.score.level as Level] ?? baseRoot.score.level} \u2192 ${LEVEL_TITLES[s.level as Level] ?? s.level}`, '');
    out.push(baseRoot ? '| Pillar | Score | vs base |' : '| Pillar | Score |', baseRoot ? '|---|---:|---:|' : '|---|---:|');
    for (const p of PILLARS) {
      const v = s.pillars[p];
      const weakest = (s.weakest ?? weakestOf(s.pillars)) === p ? ' (weakest)' : '';
      out.push(baseRoot ? `| ${PILLAR_TITLES[p]}${weakest} | ${v} | ${signed(v - (baseRoot.score.pillars[p] ?? v))} |` : `| ${PILLAR_TITLES[p]}${weakest} | ${v} |`);
    }
    out.push('');
    const changes = (s.improvements ?? []).slice(0, 3);
    if (changes.length) {
      out.push('**The three changes that raise the score most**', '');
      changes.forEach((c, i) => out.push(`${i + 1}. \`${c.ruleId}\`: ${c.title} (+${c.points})`));
      out.push('');
    }
    if (s.next?.missing.length) out.push(`Next level, ${LEVEL_TITLES[s.next.level as Level] ?? s.next.level}, needs: ${s.next.missing.join(', ')}`, '');
    out.push(`Findings: ${root.findings.length}${baseRoot ? ` (${changeOf(baseRoot.findings, root.findings)})` : ''}`, '');
  }
  const outside = head.outside?.findings ?? [];
  if (outside.length || base?.report?.outside?.findings.length) {
    const change = base?.report ? ` (${changeOf(base.report.outside?.findings ?? [], outside)})` : '';
    out.push(`Outside every PoC root: ${outside.length} finding(s) in files no poc.yaml covers, not scored${change}.`, '');
  }
  if (head.baseline) out.push(`Baseline \`${head.baseline.file}\`: ${head.baseline.unchanged} known finding(s) do not fail the gate; ${head.baseline.absent} fixed since it was written.`, '');
  if (base?.reason) out.push(`_No comparison with the base commit: ${base.reason}._`, '');
  else if (base?.sha && !base.report) out.push('_No comparison with the base commit._', '');
  else if (base?.sha) out.push(`_Compared with base commit \`${base.sha.slice(0, 12)}\`._`, '');
  out.push(gate.length ? `**Gate failed:** ${gate.join('; ')}` : '**Gate passed.**', '');
  return out.join('\n');
}

function weakestOf(pillars: Record<string, number>): string {
  let weakest: string = PILLARS[0];
  for (const p of PILLARS) if ((pillars[p] ?? 100) < (pillars[weakest] ?? 100)) weakest = p;
  return weakest;
}

async function writeReport(file: string, text: string): Promise<void> {
  await fsp.mkdir(nodePath.dirname(file), { recursive: true });
  await fsp.writeFile(file, text);
}

async function appendFile(file: string | undefined, text: string): Promise<void> {
  if (file) await fsp.appendFile(file, text);
}

export async function runAction(env: Env): Promise<number> {
  const inputs = readInputs(env);
  const workspace = env.GITHUB_WORKSPACE || process.cwd();
  const common = [inputs.path, ...(inputs.baseline ? ['--baseline', inputs.baseline] : [])];
  const jsonRun = cli(['lint', ...common, '--format', 'json', ...(inputs.minScore !== undefined ? ['--min-score', String(inputs.minScore)] : [])], workspace);
  if (jsonRun.code === 2) {
    process.stdout.write(`::error title=poc-readiness::${escapeCommand(jsonRun.stderr.trim() || 'the linter failed')}\n`);
    return 1;
  }
  const head = JSON.parse(jsonRun.stdout) as Report;
  await writeReport(nodePath.resolve(workspace, inputs.reportFile), jsonRun.stdout);
  const sarifRun = cli(['lint', ...common, '--format', 'sarif'], workspace);
  if (sarifRun.code !== 2) await writeReport(nodePath.resolve(workspace, inputs.sarifFile), sarifRun.stdout);

  // Gates. The minimum level is checked here from the report (independent of the CLI's --min-level).
  const gate: string[] = [];
  if (jsonRun.code === 1) {
    const errors = [...head.roots.flatMap((r) => r.findings), ...(head.outside?.findings ?? [])].filter((f) => f.severity === 'error' && f.baselineState !== 'unchanged').length;
    if (errors) gate.push(`${errors} error finding(s)`);
    if (inputs.minScore !== undefined) for (const r of head.roots) if (r.score.total < inputs.minScore) gate.push(`${r.root === '.' ? 'score' : `${r.root} score`} ${r.score.total} < min-score ${inputs.minScore}`);
  }
  if (inputs.minLevel) {
    for (const r of head.roots) {
      if (LEVELS.indexOf(r.score.level as Level) < LEVELS.indexOf(inputs.minLevel)) gate.push(`${r.root === '.' ? 'level' : `${r.root} level`} ${r.score.level} below min-level ${inputs.minLevel}`);
    }
  }

  const sha = await baseSha(env);
  const base = sha ? { sha, ...lintBase(workspace, sha, inputs.path) } : undefined;
  await appendFile(env.GITHUB_STEP_SUMMARY, summaryMarkdown(head, base, gate));

  // Outputs: the first root's (or the only root's) score and level; all roots are in the report.
  const lowest = head.roots.reduce((a, b) => (b.score.total < a.score.total ? b : a), head.roots[0]);
  await appendFile(env.GITHUB_OUTPUT, `score=${lowest?.score.total ?? ''}\nlevel=${lowest?.score.level ?? ''}\nreport-file=${inputs.reportFile}\nsarif-file=${inputs.sarifFile}\n`);
  for (const g of gate) process.stdout.write(`::error title=poc-readiness gate::${escapeCommand(g)}\n`);
  process.stdout.write(`poc-readiness: score ${lowest?.score.total}, level ${lowest?.score.level}; report ${inputs.reportFile}, SARIF ${inputs.sarifFile}\n`);
  return gate.length ? 1 : 0;
}

/** Workflow-command data escaping (%, CR, LF), as @actions/core does. */
function escapeCommand(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

if (require.main === module) {
  runAction(process.env).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stdout.write(`::error title=poc-readiness::${escapeCommand((err as Error).message ?? String(err))}\n`);
      process.exitCode = 1;
    },
  );
}
