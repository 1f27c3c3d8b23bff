// The maturity ladder, on automation evidence as the seeds and the MLOps maturity models
// (Google 0–2, Microsoft 0–4, AWS) define it. Pins and tests raise the score; they are not gates.
//
//   Scripted   : importable modules or runnable scripts reproduce the work, and dependencies are declared
//   Pipelined  : Scripted + CI that runs the tests + an automated pipeline (orchestrator / ML pipeline,
//                or CI/CD that trains, builds or deploys)
//   Continuous : Pipelined + scheduled or triggered retraining + monitoring or drift detection + a model registry

import type { EvidenceHit, EvidenceKind } from './evidence';
import { dirname } from './path';
import type { RootFile } from './rule';
import { LEVELS, type EvidenceItem, type EvidenceItemId, type Level } from './types';

type Rung = Exclude<Level, 'manual'>;

export const LADDER: ReadonlyArray<{ level: Rung; items: ReadonlyArray<{ item: EvidenceItemId; label: string }> }> = [
  { level: 'scripted', items: [{ item: 'code', label: 'importable modules or runnable scripts' }, { item: 'dependencies', label: 'declared dependencies' }] },
  { level: 'pipelined', items: [{ item: 'ci-tests', label: 'CI that runs the tests' }, { item: 'automated-pipeline', label: 'an automated pipeline (orchestrator, ML pipeline, or CI/CD that trains, builds or deploys)' }] },
  { level: 'continuous', items: [{ item: 'retraining', label: 'scheduled or triggered retraining' }, { item: 'monitoring', label: 'production monitoring or drift detection' }, { item: 'model-registry', label: 'a model registry' }] },
];

type Where = Pick<EvidenceItem, 'file' | 'line' | 'cell' | 'detail'>;

/** Every rung item for a PoC root, present or not, with the first place it was seen. */
export function levelEvidence(files: readonly RootFile[]): EvidenceItem[] {
  const found = new Map<EvidenceItemId, Where>();
  const hit = (item: EvidenceItemId, where: Where) => {
    if (!found.has(item)) found.set(item, where);
  };
  const fromHit = (f: RootFile, h: EvidenceHit): Where => ({ file: f.path, line: h.line, ...(h.cell !== undefined ? { cell: h.cell } : {}), detail: h.detail });
  const first = (kind: EvidenceKind): Where | undefined => {
    for (const f of files) {
      const h = f.facts.evidence.find((e) => e.kind === kind);
      if (h) return fromHit(f, h);
    }
    return undefined;
  };

  // Scripted: a runnable entry point, or a module inside an importable package (src/ layout or __init__.py).
  const entry = first('entry-point');
  if (entry) hit('code', entry);
  const packages = new Set(files.filter((f) => /(^|\/)__init__\.py$/.test(f.path)).map((f) => dirname(f.path)));
  const packaged = files.find((f) => f.facts.module && (packages.has(dirname(f.path)) || /(^|\/)src\//.test(f.path)));
  if (packaged) hit('code', { file: packaged.path, line: 1, detail: `an importable module (${dirname(packaged.path)})` });
  const deps = files.find((f) => f.facts.deps && f.facts.deps.kind !== 'lock' && !f.facts.deps.error && (f.facts.deps.count > 0 || f.facts.deps.kind === 'setup'));
  if (deps) hit('dependencies', { file: deps.path, line: 1, detail: `${deps.facts.deps!.count} dependenc${deps.facts.deps!.count === 1 ? 'y' : 'ies'} declared` });

  // Pipelined.
  const ci = files.filter((f) => f.facts.ci && !f.facts.ci.error);
  const testTargets = new Set(files.flatMap((f) => f.facts.testTargets ?? []));
  for (const f of ci) {
    const c = f.facts.ci!;
    if (c.runsTests) hit('ci-tests', { file: f.path, line: 1, detail: `${c.provider} runs the tests` });
    const target = c.targets.find((t) => testTargets.has(t));
    if (target) hit('ci-tests', { file: f.path, line: 1, detail: `${c.provider} runs \`${target}\`, a task that runs the tests` });
  }
  const pipeline = first('pipeline');
  if (pipeline) hit('automated-pipeline', pipeline);
  for (const f of ci) {
    const c = f.facts.ci!;
    const what = [c.trains && 'trains', c.buildsImage && 'builds the image', c.deploys && 'deploys'].filter(Boolean);
    if (what.length) hit('automated-pipeline', { file: f.path, line: 1, detail: `${c.provider} CI/CD that ${what.join(', ')}` });
  }

  // Continuous.
  for (const [item, kind] of [['retraining', 'retraining'], ['monitoring', 'monitoring'], ['model-registry', 'registry']] as const) {
    const w = first(kind);
    if (w) hit(item, w);
  }

  return LADDER.flatMap(({ level, items }) => items.map(({ item, label }) => ({ level, item, label, present: found.has(item), ...(found.get(item) ?? {}) })));
}

/** The highest rung whose items, and those of every rung below, are all present. */
export function levelOf(evidence: readonly EvidenceItem[]): Level {
  let level: Level = 'manual';
  for (const { level: rung } of LADDER) {
    if (!evidence.filter((e) => e.level === rung).every((e) => e.present)) break;
    level = rung;
  }
  return level;
}

/** The next rung and the labels of what it still needs. */
export function nextLevel(level: Level, evidence: readonly EvidenceItem[]): { level: Level; missing: string[] } | undefined {
  const rung = LADDER.find((r) => LEVELS.indexOf(r.level) === LEVELS.indexOf(level) + 1);
  if (!rung) return undefined;
  return { level: rung.level, missing: evidence.filter((e) => e.level === rung.level && !e.present).map((e) => e.label) };
}
