// `poc-readiness init`: scaffolds what a scalable PoC is missing, non-interactively.
// Never overwrites: existing files are reported as kept.

import { parseArgs } from 'node:util';
import * as nodePath from 'node:path';
import {
  CI_PROVIDERS,
  DEPLOYMENT_TARGETS,
  SCAFFOLD_IDS,
  STAGES,
  ScaffoldInputError,
  USE_CASE_TYPES,
  applyScaffold,
  oneOf,
  planScaffold,
  resolveScaffolds,
  type RiskTier,
  type ScaffoldId,
  type ScaffoldOptions,
} from '../core/scaffold';
import { NodeFileSystem, absolutePosix, toPosix } from '../node/nodeFs';
import { readTemplate } from '../node/templates';
import { errorLine } from './args';

export const INIT_HELP = `Usage: poc-readiness init [path] [options]

Scaffolds what a scalable PoC needs in [path] (default: the current directory):
poc.yaml, data-requirements.yaml, Dockerfile + .dockerignore, a CI pipeline and a
deployment playbook. Existing files are never overwritten; they are reported as kept.
A PoC inside a git repository gets its CI file at the repository's top (where the CI
system reads it), not in [path]. Nothing is written through a symlink that leaves the
PoC folder or the repository.

Options:
  --type <type>          use-case type: ${USE_CASE_TYPES.join(' | ')}
                         (picks the KPI and failure-criteria block; default: other)
  --name <name>          use-case name (default: the directory name)
  --problem <text>       the business problem in one sentence (default: TBD)
  --owner <name>         business owner (default: TBD)
  --sponsor <name>       executive sponsor (default: TBD)
  --risk-tier <1|2|3>    1 low, 2 medium (default), 3 high
  --target <target>      deployment target: ${DEPLOYMENT_TARGETS.join(' | ')}
                         (default: by use-case type)
  --stage <stage>        ${STAGES.join(' | ')} (default: poc)
  --started <date>       YYYY-MM-DD the work started (default: today)
  --budget-poc <n>       PoC budget (default: 0)
  --budget-operating <n> operating budget for production (default: 0)
  --kpi-target <value>   target of the first success KPI, e.g. ">= 0.60" (default: TBD)
  --kpi <name>           that KPI, where the type's template leaves it open (other)
  --failure-threshold <value>  when to stop, on the first failure metric, e.g. "< 0.40" (default: TBD)
  --failure-metric <name>      that metric, where the type's template leaves it open (other)
  --decide-by <date>     YYYY-MM-DD of the go / no-go decision (default: today + 12 weeks)
  --ci <provider>        ${CI_PROVIDERS.join(' | ')} (default: the CI already configured, else github)
  --only <list>          comma-separated subset of: ${SCAFFOLD_IDS.join(',')}
  --dry-run              print what would be created, write nothing
  --yes                  create [path] if it does not exist
  -h, --help             show this help

Exit codes: 0 done, 2 usage or I/O error.
`;

/** `out` gets the report; `err` (stderr in the CLI) the errors, one line each. */
export async function runInit(argv: string[], out: (s: string) => void, err: (s: string) => void = out): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        type: { type: 'string' },
        name: { type: 'string' },
        problem: { type: 'string' },
        owner: { type: 'string' },
        sponsor: { type: 'string' },
        'risk-tier': { type: 'string' },
        target: { type: 'string' },
        stage: { type: 'string' },
        started: { type: 'string' },
        'budget-poc': { type: 'string' },
        'budget-operating': { type: 'string' },
        kpi: { type: 'string' },
        'kpi-target': { type: 'string' },
        'failure-metric': { type: 'string' },
        'failure-threshold': { type: 'string' },
        'decide-by': { type: 'string' },
        ci: { type: 'string' },
        only: { type: 'string' },
        'dry-run': { type: 'boolean' },
        yes: { type: 'boolean', short: 'y' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usageError(err, errorLine(e));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(INIT_HELP.trimEnd());
    return 0;
  }
  if (positionals.length > 1) return usageError(err, `expected at most one path, got ${positionals.length}`);

  let options: ScaffoldOptions;
  let which: ScaffoldId[];
  try {
    options = { today: new Date() };
    if (values.name !== undefined) options.name = values.name;
    if (values.problem !== undefined) options.problem = values.problem;
    if (values.owner !== undefined) options.businessOwner = values.owner;
    if (values.sponsor !== undefined) options.sponsor = values.sponsor;
    if (values.type !== undefined) options.useCaseType = oneOf(values.type, USE_CASE_TYPES, '--type');
    if (values.target !== undefined) options.deploymentTarget = oneOf(values.target, DEPLOYMENT_TARGETS, '--target');
    if (values.ci !== undefined) options.ci = oneOf(values.ci, CI_PROVIDERS, '--ci');
    if (values.stage !== undefined) options.stage = oneOf(values.stage, STAGES, '--stage');
    if (values.started !== undefined) options.started = values.started;
    if (values['budget-poc'] !== undefined) options.budgetPoc = amount(values['budget-poc'], '--budget-poc');
    if (values['budget-operating'] !== undefined) options.budgetOperating = amount(values['budget-operating'], '--budget-operating');
    if (values.kpi !== undefined) options.kpi = values.kpi;
    if (values['kpi-target'] !== undefined) options.kpiTarget = values['kpi-target'];
    if (values['failure-metric'] !== undefined) options.failureMetric = values['failure-metric'];
    if (values['failure-threshold'] !== undefined) options.failureThreshold = values['failure-threshold'];
    if (values['decide-by'] !== undefined) options.decideBy = values['decide-by'];
    if (values['risk-tier'] !== undefined) {
      const tier = values['risk-tier'].trim();
      if (!/^[123]$/.test(tier)) throw new ScaffoldInputError(`--risk-tier must be 1, 2 or 3 (got "${tier}")`);
      options.riskTier = Number(tier) as RiskTier;
    }
    which = values.only !== undefined ? resolveScaffolds(values.only.split(',').filter((s) => s.trim())) : resolveScaffolds('all');
  } catch (e) {
    return usageError(err, errorLine(e));
  }

  const fs = new NodeFileSystem();
  const root = absolutePosix(positionals[0] ?? '.');
  try {
    const st = await fs.stat(root);
    if (st.type !== 'directory') return usageError(err, `${display(root)} is not a directory`);
  } catch {
    if (!values.yes) return usageError(err, `${display(root)} does not exist (pass --yes to create it)`);
  }
  options.repoRoot = await findRepoRoot(fs, root);

  try {
    const plan = await planScaffold(root, which, options, fs, readTemplate);
    for (const note of plan.notes) out(`note: ${note}`);
    if (values['dry-run']) {
      for (const f of plan.create) out(`would create: ${display(f.path)}`);
      for (const k of plan.kept) out(`kept: ${display(k.path)} exists`);
      return 0;
    }
    const result = await applyScaffold(plan, fs);
    for (const f of result.created) out(`created: ${display(f.path)}`);
    for (const k of result.kept) out(`kept: ${display(k.path)} exists`);
    for (const f of result.failed) err(`error: could not create ${display(f.path)}: ${f.error}`);
    if (result.failed.length) return 2;
    const todos = result.created.filter((f) => plan.create.find((p) => p.path === f.path)?.content.includes('TODO(poc-readiness)'));
    if (todos.length) {
      out(`next: complete the TODO(poc-readiness) lines in ${todos.map((f) => display(f.path)).join(', ')} (what could not be detected)`);
    }
    if (result.created.some((f) => f.scaffold === 'manifest' || f.scaffold === 'data-requirements')) {
      out('next: fill in the TBDs in poc.yaml together with the business owner, then run `poc-readiness lint`');
    }
    return 0;
  } catch (e) {
    if (e instanceof ScaffoldInputError) return usageError(err, e.message);
    err(`error: ${errorLine(e)}`);
    return 2;
  }
}

function amount(text: string, flag: string): number {
  const n = Number(text.trim());
  if (!text.trim() || !Number.isFinite(n) || n < 0) throw new ScaffoldInputError(`${flag} must be a number of at least 0 (got "${text}")`);
  return n;
}

function usageError(err: (s: string) => void, message: string): number {
  err(`error: ${message} (see poc-readiness init --help)`);
  return 2;
}

/** The closest directory at or above `dir` holding .git, for CI files; undefined when none. */
async function findRepoRoot(fs: NodeFileSystem, dir: string): Promise<string | undefined> {
  let current = dir;
  for (let i = 0; i < 100; i++) {
    if (await fs.exists(`${current.replace(/\/$/, '')}/.git`)) return current;
    const parent = toPosix(nodePath.dirname(current));
    if (parent === current) return undefined;
    current = parent;
  }
  return undefined;
}

function display(p: string): string {
  const rel = toPosix(nodePath.relative(process.cwd(), p));
  return rel === '' ? '.' : rel;
}
