// The AI Center of Excellence view, pure: from one record per PoC (its charter, score,
// repository and, when known, score history) to the per-PoC rows, the organisation's KPIs and
// the first seed article's five-signal diagnosis of pilot stagnation ("if three or more apply,
// there is a high probability of pilot stagnation"). The faces only gather the records: from
// folders they lint, or from `lint --format json` reports each repository's CI keeps.

import { parseDate } from './rules/decision-overdue';
import { isPlaceholder, manifestList, personName } from './rules/util';
import type { HistoryReport } from './history';
import { STAGES, type Stage } from './scaffold/templates';
import { LEVELS, PILLARS, type Level, type LintResult, type PillarId, type PillarScores } from './types';

export { STAGES, type Stage };

/** What the portfolio reads of a poc.yaml; `lint --format json` carries it per root. */
export interface Charter {
  name?: string;
  stage?: Stage;
  /** YYYY-MM-DD. */
  started?: string;
  budget?: { poc?: number; operating?: number };
  /** business_owner.name, unless absent or a placeholder (TBD). */
  owner?: string;
  unit?: string;
  sponsor?: string;
  /** Success criteria with a real KPI. */
  successCriteria: number;
  decision?: { outcome?: string; date?: string };
  /** Earliest failure_criteria[].decide_by. */
  decideBy?: string;
}

export interface RepositoryInfo {
  name?: string;
  url?: string;
  commit?: string;
  branch?: string;
  /** ISO 8601. */
  lastCommitDate?: string;
  /** The linted folder inside the repository, when it is not the top ("/"-separated). */
  path?: string;
}

export interface ScorePoint {
  /** ISO 8601. */
  date: string;
  total: number;
  level: Level;
}

export interface PortfolioInput {
  /** Label shown for the PoC: a path, or repository name / root. */
  poc: string;
  /** The PoC root inside its repository ("." at the top). */
  root?: string;
  charter: Charter;
  score: { total: number; level: Level; weakest: PillarId; pillars: PillarScores };
  findings: number;
  overdue: boolean;
  repository?: RepositoryInfo;
  /** Oldest commit date, when the face could read it (folders in a git work tree). */
  firstCommitDate?: string;
  /** Score along the git history, oldest first (from `poc-readiness history`). */
  history?: ScorePoint[];
}

export interface Trend {
  delta30: number | null;
  delta90: number | null;
  /** Days from the first history point to the first point at each level (null: not reached). */
  daysToLevel: Record<Level, number | null>;
}

export interface PortfolioRow {
  poc: string;
  score: number;
  level: Level;
  weakest: PillarId;
  weakestScore: number;
  findings: number;
  overdue: boolean;
  stage: Stage | null;
  active: boolean;
  ageDays: number | null;
  past12Weeks: boolean;
  owner: string | null;
  unit: string | null;
  sponsor: string | null;
  decision: string | null;
  url: string | null;
  lastCommitDate: string | null;
  trend?: Trend;
}

export const SIGNAL_IDS = ['none-in-production', 'no-success-criteria', 'no-sponsor', 'owners-moving-on', 'no-operating-budget'] as const;
export type SignalId = (typeof SIGNAL_IDS)[number];

export const SIGNAL_TITLES: Record<SignalId, string> = {
  'none-in-production': 'Multiple PoCs running in parallel, none in production',
  'no-success-criteria': 'PoCs started without success criteria',
  'no-sponsor': 'No executive sponsors',
  'owners-moving-on': 'PoC owners already moving on to the next PoC',
  'no-operating-budget': 'Budget covers only PoC costs, no operating budget',
};

export interface SignalEvidence {
  poc: string;
  /** The poc.yaml key (or report field) the evidence reads. */
  key: string;
  value: string | number | null;
  reason?: string;
}

export interface Signal {
  id: SignalId;
  title: string;
  holds: boolean;
  /** Share of the active PoCs the evidence lists (0..1). */
  share: number;
  evidence: SignalEvidence[];
}

export interface Kpis {
  pocsByStage: Record<Stage | 'unset', number>;
  inProduction: number;
  past12Weeks: number;
  overdue: number;
  active: number;
  /** Median days from `started` to a `go` decision; null when no PoC has both. */
  medianDaysToGo: number | null;
  /** Business units (business_owner.unit) with a PoC in production, of those with any PoC. */
  unitCoverage: { share: number | null; units: number; withProduction: number };
  pocsByLevel: Record<Level, number>;
}

export interface Diagnosis {
  stagnation: { likely: boolean; holding: number; signals: Signal[] };
  kpis: Kpis;
}

export interface Portfolio {
  pocs: PortfolioRow[];
  diagnosis: Diagnosis;
}

export const TWELVE_WEEKS_DAYS = 84;
export const IDLE_DAYS = 56;
/** KPI target of the seeds: 70%+ of the departments using AI. */
export const UNIT_COVERAGE_TARGET = 0.7;
const DAY = 86_400_000;

const text = (v: unknown, max = 200): string | undefined => (typeof v === 'string' && v.trim() && v.length <= max ? v.trim() : undefined);
const day = (v: unknown): string | undefined => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined);
const amount = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

const OUTCOMES: readonly unknown[] = ['pending', 'go', 'no-go', 'pivot'];

/** The charter keys of a parsed poc.yaml (plain data; anything malformed reads as absent). */
export function charterOf(data: unknown): Charter {
  const d = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, any>) : {};
  const charter: Charter = { successCriteria: manifestList(d, 'success_criteria').filter((c) => c && !isPlaceholder(c.kpi)).length };
  if (typeof d.name === 'string' && d.name.trim()) charter.name = d.name.trim();
  if ((STAGES as readonly unknown[]).includes(d.stage)) charter.stage = d.stage;
  const started = isoDay(d.started);
  if (started) charter.started = started;
  if (d.budget && typeof d.budget === 'object') {
    const budget: Charter['budget'] = {};
    if (amount(d.budget.poc) !== undefined) budget.poc = amount(d.budget.poc);
    if (amount(d.budget.operating) !== undefined) budget.operating = amount(d.budget.operating);
    charter.budget = budget;
  }
  const owner = personName(d.business_owner);
  if (owner) charter.owner = owner.trim();
  const unit = d.business_owner && typeof d.business_owner === 'object' ? d.business_owner.unit : undefined;
  if (typeof unit === 'string' && !isPlaceholder(unit)) charter.unit = unit.trim();
  const sponsor = personName(d.sponsor);
  if (sponsor) charter.sponsor = sponsor.trim();
  if (d.decision && typeof d.decision === 'object') {
    const decision: Charter['decision'] = {};
    if (OUTCOMES.includes(d.decision.outcome)) decision.outcome = d.decision.outcome;
    const date = isoDay(d.decision.date);
    if (date) decision.date = date;
    charter.decision = decision;
  }
  const decideBy = manifestList(d, 'failure_criteria').map((c) => isoDay(c?.decide_by)).filter((x): x is string => !!x).sort()[0];
  if (decideBy) charter.decideBy = decideBy;
  return charter;
}

function isoDay(value: unknown): string | undefined {
  const date = parseDate(value);
  return date ? date.toISOString().slice(0, 10) : undefined;
}

/**
 * The PoCs of one `lint --format json` report (a repository's CI artifact), labelled
 * `<label>` or `<label>/<root>`. Throws an Error saying what is wrong with a report that is not one.
 */
export function inputsFromReport(report: unknown, label: string): PortfolioInput[] {
  const r = report as { version?: unknown; roots?: unknown; repository?: unknown };
  if (!r || typeof r !== 'object' || r.version !== 1 || !Array.isArray(r.roots)) throw new Error('not a `poc-readiness lint --format json` report (version 1 with roots)');
  const repository = repositoryOf(r.repository);
  return r.roots.map((root: any, i: number) => {
    const s = root?.score;
    if (!s || typeof s.total !== 'number' || !LEVELS.includes(s.level) || !s.pillars || typeof s.pillars !== 'object') throw new Error(`roots[${i}] has no valid score`);
    const pillars = Object.fromEntries(PILLARS.map((p) => [p, typeof s.pillars[p] === 'number' ? s.pillars[p] : 100])) as unknown as PillarScores;
    // Reports name the weakest pillar; an older one without it: the first lowest, as the score picks it.
    let weakest: PillarId = PILLARS[0];
    for (const p of PILLARS) if (pillars[p] < pillars[weakest]) weakest = p;
    if ((PILLARS as readonly unknown[]).includes(s.weakest)) weakest = s.weakest;
    const findings: Array<{ ruleId?: unknown }> = Array.isArray(root.findings) ? root.findings : [];
    const name = typeof root.root === 'string' && root.root !== '.' ? `${label}/${root.root}` : label;
    const input: PortfolioInput = {
      poc: name,
      root: typeof root.root === 'string' ? root.root : '.',
      charter: reportCharter(root.charter),
      score: { total: s.total, level: s.level, weakest, pillars },
      findings: findings.length,
      overdue: findings.some((f) => f?.ruleId === 'decision-overdue'),
    };
    if (repository) input.repository = repository;
    return input;
  });
}

/** A report's charter, field by field: a report is another repository's output, not to be trusted. */
function reportCharter(raw: unknown): Charter {
  const c = raw && typeof raw === 'object' ? (raw as Record<string, any>) : {};
  const out: Charter = { successCriteria: Number.isInteger(c.successCriteria) && c.successCriteria > 0 ? c.successCriteria : 0 };
  const set = <K extends keyof Charter>(key: K, value: Charter[K] | undefined) => {
    if (value !== undefined) out[key] = value;
  };
  set('name', text(c.name));
  set('stage', (STAGES as readonly unknown[]).includes(c.stage) ? c.stage : undefined);
  set('started', day(c.started));
  if (c.budget && typeof c.budget === 'object') out.budget = { ...(amount(c.budget.poc) !== undefined ? { poc: amount(c.budget.poc) } : {}), ...(amount(c.budget.operating) !== undefined ? { operating: amount(c.budget.operating) } : {}) };
  set('owner', text(c.owner));
  set('unit', text(c.unit));
  set('sponsor', text(c.sponsor));
  if (c.decision && typeof c.decision === 'object') {
    const outcome = OUTCOMES.includes(c.decision.outcome) ? c.decision.outcome : undefined;
    out.decision = { ...(outcome ? { outcome } : {}), ...(day(c.decision.date) ? { date: c.decision.date } : {}) };
  }
  set('decideBy', day(c.decideBy));
  return out;
}

/** A report's repository; the URL only when it is a plain http(s) address (it becomes a link). */
function repositoryOf(raw: unknown): RepositoryInfo | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const info: RepositoryInfo = {};
  for (const key of ['name', 'commit', 'branch', 'path'] as const) if (text(r[key], 300)) info[key] = text(r[key], 300);
  if (typeof r.url === 'string' && /^https?:\/\/[^\s()<>\[\]"'`]+$/.test(r.url)) info.url = r.url;
  if (typeof r.lastCommitDate === 'string' && !Number.isNaN(Date.parse(r.lastCommitDate))) info.lastCommitDate = r.lastCommitDate;
  return info;
}

/** The PoCs of an in-memory lint (the editor's engines), labelled like inputsFromReport does. */
export function inputsFromResult(result: LintResult, label: string, charter: (root: string) => Charter): PortfolioInput[] {
  return result.roots.map((r) => ({
    poc: r.root === '.' ? label : `${label}/${r.root}`,
    root: r.root,
    charter: charter(r.root),
    score: { total: r.score.total, level: r.score.level, weakest: r.score.weakest, pillars: r.score.pillars },
    findings: r.findings.length,
    overdue: r.findings.some((f) => f.ruleId === 'decision-overdue'),
  }));
}

/** Attaches a history's series to the PoCs of the same repository (by URL, else name) and root. */
export function attachHistory(history: HistoryReport, inputs: PortfolioInput[]): void {
  const repo = history.repository;
  for (const input of inputs) {
    const same = repo?.url ? input.repository?.url === repo.url : !!repo?.name && input.repository?.name === repo.name;
    if (!same) continue;
    const series = history.points.flatMap((p) => p.roots.filter((r) => r.root === (input.root ?? '.')).map((r) => ({ date: p.date, total: r.total, level: r.level })));
    if (!series.length) continue;
    input.history = series;
    // The age of a PoC without `started` counts from the first commit.
    if (typeof history.firstCommitDate === 'string') input.firstCommitDate = history.firstCommitDate;
  }
}

/** Active PoCs are those at stage poc or pilot, or with no stage. */
export function isActive(c: Charter): boolean {
  return c.stage === undefined || c.stage === 'poc' || c.stage === 'pilot';
}

function decided(c: Charter): boolean {
  return c.decision?.outcome === 'go' || c.decision?.outcome === 'no-go';
}

function pending(c: Charter): boolean {
  return !c.decision?.outcome || c.decision.outcome === 'pending';
}

function daysBetween(fromIso: string, to: Date): number {
  return Math.floor((to.getTime() - Date.parse(fromIso)) / DAY);
}

export function analyzePortfolio(inputs: readonly PortfolioInput[], today: Date): Portfolio {
  // Rows keep their charter by identity, not by label: two PoCs may share a name.
  const charters = new Map<PortfolioRow, Charter>();
  const pocs = inputs.map((p) => {
    const r = row(p, today);
    charters.set(r, p.charter);
    return r;
  });
  pocs.sort((a, b) => a.score - b.score || (a.poc < b.poc ? -1 : a.poc > b.poc ? 1 : 0));
  const signals = diagnose(pocs, charters, today);
  const holding = signals.filter((s) => s.holds).length;
  return { pocs, diagnosis: { stagnation: { likely: holding >= 3, holding, signals }, kpis: kpis(pocs, inputs) } };
}

function row(p: PortfolioInput, today: Date): PortfolioRow {
  const c = p.charter;
  const since = c.started ?? p.firstCommitDate;
  const ageDays = since && !Number.isNaN(Date.parse(since)) ? Math.max(0, daysBetween(since, today)) : null;
  const active = isActive(c);
  const out: PortfolioRow = {
    poc: p.poc,
    score: p.score.total,
    level: p.score.level,
    weakest: p.score.weakest,
    weakestScore: p.score.pillars[p.score.weakest],
    findings: p.findings,
    // Judged on the portfolio's day, not the day the report was written (decision-overdue's test).
    overdue: c.decideBy ? pending(c) && Date.parse(`${c.decideBy}T23:59:59Z`) < today.getTime() : p.overdue,
    stage: c.stage ?? null,
    active,
    ageDays,
    past12Weeks: active && ageDays !== null && ageDays > TWELVE_WEEKS_DAYS && !decided(c),
    owner: c.owner ?? null,
    unit: c.unit ?? null,
    sponsor: c.sponsor ?? null,
    decision: c.decision?.outcome ?? null,
    url: p.repository?.url ?? null,
    lastCommitDate: p.repository?.lastCommitDate ?? null,
  };
  if (p.history?.length) out.trend = trend(p.history, p.score.total, today, since);
  return out;
}

/**
 * Score deltas over 30 and 90 days, and days to first reach each level, counted from `since`
 * (the PoC's start) or else from the first point of the series.
 */
export function trend(history: readonly ScorePoint[], current: number, today: Date, since?: string): Trend {
  const points = [...history].filter((h) => !Number.isNaN(Date.parse(h.date))).sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  const at = (daysAgo: number): number | null => {
    const cutoff = today.getTime() - daysAgo * DAY;
    let found: ScorePoint | undefined;
    for (const h of points) if (Date.parse(h.date) <= cutoff) found = h;
    return found ? current - found.total : null;
  };
  const daysToLevel = {} as Record<Level, number | null>;
  const first = since && !Number.isNaN(Date.parse(since)) ? Date.parse(since) : points[0] ? Date.parse(points[0].date) : NaN;
  for (const level of LEVELS) {
    // Every PoC starts Manual; the other levels count from the start to the first point there.
    const reached = points.find((h) => LEVELS.indexOf(h.level) >= LEVELS.indexOf(level));
    daysToLevel[level] = !reached ? null : level === 'manual' ? 0 : Math.max(0, Math.floor((Date.parse(reached.date) - first) / DAY));
  }
  return { delta30: at(30), delta90: at(90), daysToLevel };
}

function diagnose(pocs: readonly PortfolioRow[], charters: ReadonlyMap<PortfolioRow, Charter>, today: Date): Signal[] {
  // Evidence in name order: it must not reshuffle when scores move.
  const byName = (a: PortfolioRow, b: PortfolioRow) => (a.poc < b.poc ? -1 : a.poc > b.poc ? 1 : 0);
  const active = pocs.filter((p) => p.active).sort(byName);
  const charter = (p: PortfolioRow) => charters.get(p)!;
  const production = pocs.filter((p) => p.stage === 'production').sort(byName);
  // A practice, not one outlier: the per-PoC signals hold when at least half the active PoCs show them.
  const practice = (id: SignalId, evidence: SignalEvidence[]): Signal => {
    const share = active.length ? evidence.length / active.length : 0;
    return { id, title: SIGNAL_TITLES[id], holds: active.length > 0 && share >= 0.5, share: round2(share), evidence };
  };

  const noneInProduction: Signal = {
    id: 'none-in-production',
    title: SIGNAL_TITLES['none-in-production'],
    holds: active.length >= 2 && production.length === 0,
    share: round2(active.length + production.length ? active.length / (active.length + production.length) : 0),
    evidence: production.length
      ? production.map((p) => ({ poc: p.poc, key: 'stage', value: 'production', reason: 'in production' }))
      : active.map((p) => ({ poc: p.poc, key: 'stage', value: p.stage, reason: 'active, not in production' })),
  };

  const noCriteria = practice('no-success-criteria', active.filter((p) => charter(p).successCriteria === 0).map((p) => ({ poc: p.poc, key: 'success_criteria', value: null, reason: 'no success criterion' })));
  const noSponsor = practice('no-sponsor', active.filter((p) => !p.sponsor).map((p) => ({ poc: p.poc, key: 'sponsor.name', value: null, reason: 'no sponsor named (absent or TBD)' })));
  const noBudget = practice(
    'no-operating-budget',
    active.filter((p) => !charter(p).budget?.operating).map((p) => ({ poc: p.poc, key: 'budget.operating', value: charter(p).budget?.operating ?? null, reason: 'no operating budget (absent or 0)' })),
  );

  const activeByOwner = new Map<string, PortfolioRow[]>();
  for (const p of active) {
    if (!p.owner) continue;
    const key = p.owner.toLowerCase().replace(/\s+/g, ' ');
    activeByOwner.set(key, [...(activeByOwner.get(key) ?? []), p]);
  }
  const movingOn: SignalEvidence[] = [];
  for (const p of active) {
    const siblings = p.owner ? activeByOwner.get(p.owner.toLowerCase().replace(/\s+/g, ' '))! : [];
    const idleDays = p.lastCommitDate ? daysBetween(p.lastCommitDate, today) : null;
    if (siblings.length > 1) {
      movingOn.push({ poc: p.poc, key: 'business_owner.name', value: p.owner, reason: `owner of ${siblings.length} active PoCs` });
    } else if (idleDays !== null && idleDays >= IDLE_DAYS && pending(charter(p))) {
      movingOn.push({ poc: p.poc, key: 'repository.lastCommitDate', value: p.lastCommitDate, reason: `no commit for ${Math.floor(idleDays / 7)} weeks, decision pending` });
    }
  }
  return [noneInProduction, noCriteria, noSponsor, practice('owners-moving-on', movingOn), noBudget];
}

function kpis(pocs: readonly PortfolioRow[], inputs: readonly PortfolioInput[]): Kpis {
  const pocsByStage = { idea: 0, poc: 0, pilot: 0, production: 0, retired: 0, unset: 0 } as Kpis['pocsByStage'];
  for (const p of pocs) pocsByStage[p.stage ?? 'unset']++;
  const pocsByLevel = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  for (const p of pocs) pocsByLevel[p.level]++;
  const toGo = inputs
    .map((p) => p.charter)
    .filter((c) => c.decision?.outcome === 'go' && c.decision.date && c.started)
    .map((c) => Math.round((Date.parse(c.decision!.date!) - Date.parse(c.started!)) / DAY))
    .filter((d) => d >= 0);
  const units = new Map<string, boolean>();
  for (const p of pocs) {
    if (!p.unit) continue;
    const key = p.unit.toLowerCase();
    units.set(key, (units.get(key) ?? false) || p.stage === 'production');
  }
  const withProduction = [...units.values()].filter(Boolean).length;
  return {
    pocsByStage,
    inProduction: pocsByStage.production,
    past12Weeks: pocs.filter((p) => p.past12Weeks).length,
    overdue: pocs.filter((p) => p.overdue).length,
    active: pocs.filter((p) => p.active).length,
    medianDaysToGo: toGo.length ? median(toGo) : null,
    unitCoverage: { share: units.size ? round2(withProduction / units.size) : null, units: units.size, withProduction },
    pocsByLevel,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : Math.round((s[mid - 1] + s[mid]) / 2);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** Score distribution in buckets of 10 points (0-9 … 90-100), for the dashboard. */
export function scoreBuckets(pocs: readonly PortfolioRow[]): number[] {
  const buckets = new Array<number>(10).fill(0);
  for (const p of pocs) buckets[Math.min(9, Math.floor(p.score / 10))]++;
  return buckets;
}
