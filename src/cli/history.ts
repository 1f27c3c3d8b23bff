// `poc-readiness history [path]` — score and level along the git history, read with the git
// CLI (log --raw, ls-tree, cat-file): never a checkout, nothing of the repository runs.

import { parseArgs } from 'node:util';
import * as nodePath from 'node:path';
import { changesBetweenSamples, EVERY, sampleCommits, scoreHistory, type Every, type HistoryReport } from '../core/history';
import { LEVEL_TITLES } from '../core/types';
import { CatFile, commitsWithChanges, gitLocation, treeAt } from '../node/git';
import { repositoryInfo } from '../node/gitInfo';
import { UsageError } from './args';

export const HISTORY_HELP = `Usage: poc-readiness history [path] [options]

Score and level of every PoC root along the git history of [path] (default: the current
folder). Reads commits with the git CLI; re-analyses only the files that changed between
sampled commits. Never checks anything out.

Options:
      --every <commit|day|week>  Sample every commit, the last commit of each day or week (default: commit)
      --since <YYYY-MM-DD>       Only commits since this date
  -f, --format <text|json>       Output format (default: text)
  -h, --help                     Show this help`;

export async function historyOfRepository(dir: string, options: { every: Every; since?: Date; mode?: 'incremental' | 'full' }): Promise<HistoryReport & { filesRead: number; commits: number }> {
  const { top, prefix } = await gitLocation(dir);
  const all = await commitsWithChanges(top, prefix, options.since);
  const sampled = sampleCommits(all, options.every);
  const between = changesBetweenSamples(all, sampled);
  const blobs = new CatFile(top);
  try {
    // The first sample starts from its whole tree (--since may cut the history), then only what changed.
    const changes = async (previous: string | undefined, commit: string) => (previous ? between.get(commit) ?? [] : treeAt(top, prefix, commit));
    const run = await scoreHistory(sampled, { blobs, changes, mode: options.mode });
    const info = await repositoryInfo(dir);
    const repository = info ? { ...(info.name ? { name: info.name } : {}), ...(info.url ? { url: info.url } : {}) } : undefined;
    const first = !options.since && all.length ? { firstCommitDate: all[0].date } : {};
    return { version: 1, ...(repository ? { repository } : {}), every: options.every, ...first, points: run.points, filesRead: run.filesRead, commits: all.length };
  } finally {
    blobs.close();
  }
}

export async function runHistory(argv: string[], out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      every: { type: 'string', default: 'commit' },
      since: { type: 'string' },
      format: { type: 'string', short: 'f', default: 'text' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    out(HISTORY_HELP);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError('history takes one path');
  const every = values.every as Every;
  if (!EVERY.includes(every)) throw new UsageError(`history: --every must be commit, day or week (got '${values.every}')`);
  if (!['text', 'json'].includes(values.format!)) throw new UsageError(`history: unknown --format '${values.format}' (text, json)`);
  let since: Date | undefined;
  if (values.since !== undefined) {
    since = new Date(`${values.since}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.since) || Number.isNaN(since.getTime())) throw new UsageError('history: --since must be a date YYYY-MM-DD');
  }
  const dir = nodePath.resolve(positionals[0] ?? '.');
  let report;
  try {
    report = await historyOfRepository(dir, { every, since });
  } catch (err) {
    process.stderr.write(`poc-readiness history: cannot read the git history of '${positionals[0] ?? '.'}': ${(err as Error).message}\n`);
    return 2;
  }
  const { filesRead, commits, ...json } = report;
  if (values.format === 'json') {
    out(JSON.stringify(json, null, 2));
    return 0;
  }
  for (const p of json.points) {
    const roots = p.roots.map((r) => `${r.root === '.' ? '' : `${r.root} `}${r.total}% ${LEVEL_TITLES[r.level]}`).join(' · ');
    out(`${p.date.slice(0, 10)}  ${p.commit.slice(0, 10)}  ${roots}`);
  }
  out(`${json.points.length} point${json.points.length === 1 ? '' : 's'} from ${commits} commit${commits === 1 ? '' : 's'} (every ${every}); ${filesRead} file reads.`);
  return 0;
}
