// The AI Center of Excellence view: the pure diagnosis (thresholds, evidence, KPIs, trends),
// and the CLI end to end over a fixture organisation of nine PoCs, each its own git
// repository, from folders and from the reports their CI would keep.

import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzePortfolio, charterOf, inputsFromReport, trend, type PortfolioInput } from '../../src/core/portfolio';
import { makeOrganisation } from '../helpers/organisation';
import { formatPortfolioHtml } from '../../src/core/format/portfolioHtml';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const TODAY = new Date('2027-03-01T12:00:00Z');

function cli(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function poc(name: string, yaml: Record<string, unknown>, extra: Partial<PortfolioInput> = {}): PortfolioInput {
  return {
    poc: name,
    charter: charterOf(yaml),
    score: { total: 60, level: 'manual', weakest: 'failure-criteria', pillars: { 'production-data': 70, 'code-quality': 70, 'abstract-infrastructure': 70, 'business-involvement': 70, 'failure-criteria': 40 } },
    findings: 3,
    overdue: false,
    ...extra,
  };
}

const healthy = (name: string, owner: string) =>
  poc(name, { name, stage: 'poc', started: '2027-01-20', business_owner: { name: owner, unit: 'Sales' }, sponsor: { name: 'Sam Ortiz' }, budget: { poc: 1, operating: 2 }, success_criteria: [{ kpi: 'uplift', target: 0.1 }] });

const signal = (p: ReturnType<typeof analyzePortfolio>, id: string) => p.diagnosis.stagnation.signals.find((s) => s.id === id)!;

describe('portfolio core', () => {
  it('charterOf reads stage, started, budget, owner, unit, sponsor, criteria and decision; placeholders read as absent', () => {
    const c = charterOf({
      name: 'x', stage: 'pilot', started: '2026-09-01', budget: { poc: 10, operating: 0 }, business_owner: { name: 'Dana Lee', unit: 'Finance' },
      sponsor: { name: 'TBD' }, success_criteria: [{ kpi: 'TBD' }, { kpi: 'precision' }], failure_criteria: [{ metric: 'm', decide_by: '2027-02-01' }, { metric: 'n', decide_by: '2026-12-01' }],
      decision: { outcome: 'pending' },
    });
    assert.deepEqual(c, { successCriteria: 1, name: 'x', stage: 'pilot', started: '2026-09-01', budget: { poc: 10, operating: 0 }, owner: 'Dana Lee', unit: 'Finance', decision: { outcome: 'pending' }, decideBy: '2026-12-01' });
    assert.deepEqual(charterOf({ stage: 'shipping', started: 'soon', budget: { operating: 'lots' }, business_owner: 'Dana Lee' }), { successCriteria: 0, budget: {}, owner: 'Dana Lee' });
    assert.deepEqual(charterOf(undefined), { successCriteria: 0 });
  });

  it('a signal describes a practice: one outlier among ten active PoCs does not make it hold, half does', () => {
    const pocs = Array.from({ length: 10 }, (_, i) => healthy(`p${i}`, `Owner ${i}`));
    pocs[0] = poc('p0', { name: 'p0', stage: 'poc', business_owner: { name: 'Owner 0' } });
    const one = analyzePortfolio(pocs, TODAY);
    for (const id of ['no-success-criteria', 'no-sponsor', 'no-operating-budget']) {
      assert.equal(signal(one, id).holds, false, id);
      assert.equal(signal(one, id).share, 0.1, id);
      assert.deepEqual(signal(one, id).evidence.map((e) => e.poc), ['p0'], id);
    }
    for (let i = 1; i < 5; i++) pocs[i] = poc(`p${i}`, { name: `p${i}`, stage: 'pilot', business_owner: { name: `Owner ${i}` } });
    const half = analyzePortfolio(pocs, TODAY);
    for (const id of ['no-success-criteria', 'no-sponsor', 'no-operating-budget']) assert.equal(signal(half, id).holds, true, id);
    assert.equal(signal(half, 'no-sponsor').evidence[0].key, 'sponsor.name');
    assert.equal(signal(half, 'no-operating-budget').evidence[0].key, 'budget.operating');
    // Ten active PoCs and none in production: the fourth signal; the verdict needs three.
    assert.equal(signal(half, 'none-in-production').holds, true);
    assert.equal(half.diagnosis.stagnation.holding, 4);
    assert.equal(half.diagnosis.stagnation.likely, true);
    assert.equal(one.diagnosis.stagnation.likely, false);
  });

  it('none-in-production needs two active PoCs and no production one; idea and retired are not active', () => {
    const single = analyzePortfolio([healthy('a', 'A'), poc('i', { name: 'i', stage: 'idea' }), poc('r', { name: 'r', stage: 'retired' })], TODAY);
    assert.equal(signal(single, 'none-in-production').holds, false);
    assert.equal(single.diagnosis.kpis.active, 1);
    const two = analyzePortfolio([healthy('a', 'A'), poc('b', { name: 'b' })], TODAY);
    assert.equal(signal(two, 'none-in-production').holds, true, 'a PoC without stage is active');
    const shipped = analyzePortfolio([healthy('a', 'A'), healthy('b', 'B'), poc('c', { name: 'c', stage: 'production' })], TODAY);
    assert.equal(signal(shipped, 'none-in-production').holds, false);
    assert.deepEqual(signal(shipped, 'none-in-production').evidence, [{ poc: 'c', key: 'stage', value: 'production', reason: 'in production' }]);
  });

  it('owners-moving-on: an owner with another active PoC, or 8 weeks without a commit while the decision is pending', () => {
    const idle = { repository: { lastCommitDate: '2026-12-20T10:00:00Z' } };
    const p = analyzePortfolio(
      [
        healthy('a', 'Dana Lee'),
        healthy('b', 'dana  lee'),
        { ...healthy('c', 'Omar'), ...idle },
        { ...poc('d', { name: 'd', business_owner: { name: 'Lena' }, decision: { outcome: 'go', date: '2027-01-01' } }), ...idle },
        { ...healthy('e', 'Eva'), repository: { lastCommitDate: '2027-02-20T10:00:00Z' } },
      ],
      TODAY,
    );
    const s = signal(p, 'owners-moving-on');
    assert.deepEqual(s.evidence.map((e) => [e.poc, e.key, e.reason]), [
      ['a', 'business_owner.name', 'owner of 2 active PoCs'],
      ['b', 'business_owner.name', 'owner of 2 active PoCs'],
      ['c', 'repository.lastCommitDate', 'no commit for 10 weeks, decision pending'],
    ]);
    assert.equal(s.share, 0.6);
    assert.equal(s.holds, true);
  });

  it('per PoC: age from started (else the first commit), past 12 weeks only while active and undecided', () => {
    const p = analyzePortfolio(
      [
        poc('old', { name: 'old', stage: 'pilot', started: '2026-11-01' }),
        poc('decided', { name: 'decided', stage: 'pilot', started: '2026-11-01', decision: { outcome: 'no-go' } }),
        poc('young', { name: 'young', started: '2027-01-01' }),
        poc('commit', { name: 'commit' }, { firstCommitDate: '2026-10-01T00:00:00Z' }),
        poc('unknown', { name: 'unknown' }),
      ],
      TODAY,
    );
    const row = (n: string) => p.pocs.find((r) => r.poc === n)!;
    assert.deepEqual([row('old').ageDays, row('old').past12Weeks, row('old').stage], [120, true, 'pilot']);
    assert.equal(row('decided').past12Weeks, false);
    assert.deepEqual([row('young').ageDays, row('young').past12Weeks, row('young').stage], [59, false, null]);
    assert.equal(row('commit').ageDays, 151);
    assert.equal(row('unknown').ageDays, null);
    assert.equal(p.diagnosis.kpis.past12Weeks, 2);
  });

  it('KPIs: PoCs per stage and level, median days to go, unit coverage', () => {
    const p = analyzePortfolio(
      [
        poc('a', { name: 'a', stage: 'production', started: '2026-01-01', decision: { outcome: 'go', date: '2026-03-02' }, business_owner: { name: 'A', unit: 'Sales' } }),
        poc('b', { name: 'b', stage: 'production', started: '2026-01-01', decision: { outcome: 'go', date: '2026-05-01' }, business_owner: { name: 'B', unit: 'sales' } }),
        poc('c', { name: 'c', stage: 'poc', business_owner: { name: 'C', unit: 'Risk' } }),
        poc('d', { name: 'd', business_owner: { name: 'D', unit: 'TBD' } }),
      ],
      TODAY,
    );
    const k = p.diagnosis.kpis;
    assert.deepEqual(k.pocsByStage, { idea: 0, poc: 1, pilot: 0, production: 2, retired: 0, unset: 1 });
    assert.deepEqual(k.pocsByLevel, { manual: 4, scripted: 0, pipelined: 0, continuous: 0 });
    assert.equal(k.inProduction, 2);
    assert.equal(k.medianDaysToGo, 90);
    assert.deepEqual(k.unitCoverage, { share: 0.5, units: 2, withProduction: 1 });
  });

  it('trend: deltas against the last point at least 30 / 90 days old, days to reach each level', () => {
    const t = trend(
      [
        { date: '2026-10-01T00:00:00Z', total: 40, level: 'manual' },
        { date: '2026-12-15T00:00:00Z', total: 60, level: 'scripted' },
        { date: '2027-02-20T00:00:00Z', total: 80, level: 'scripted' },
      ],
      85,
      TODAY,
    );
    assert.deepEqual(t, { delta30: 25, delta90: 45, daysToLevel: { manual: 0, scripted: 75, pipelined: null, continuous: null } });
    assert.equal(trend([{ date: '2027-02-25T00:00:00Z', total: 80, level: 'manual' }], 80, TODAY).delta30, null);
  });

  it('inputsFromReport rejects what is not a lint report, and reads one that is', () => {
    assert.throws(() => inputsFromReport({ version: 2 }, 'x'), /not a `poc-readiness lint --format json` report/);
    assert.throws(() => inputsFromReport({ version: 1, roots: [{ root: '.', score: { total: 'high' } }] }, 'x'), /roots\[0\] has no valid score/);
    const [a, b] = inputsFromReport(
      {
        version: 1,
        repository: { name: 'mono', url: 'https://github.com/acme/mono' },
        roots: [
          { root: '.', score: { total: 50, level: 'manual', pillars: { 'production-data': 80, 'code-quality': 40, 'abstract-infrastructure': 40, 'business-involvement': 90, 'failure-criteria': 60 } }, findings: [{ ruleId: 'decision-overdue' }] },
          { root: 'fraud', score: { total: 70, level: 'scripted', pillars: {} }, charter: { stage: 'pilot', successCriteria: 2 }, findings: [] },
        ],
      },
      'mono',
    );
    assert.deepEqual([a.poc, a.score.weakest, a.overdue, a.findings, a.charter.successCriteria], ['mono', 'code-quality', true, 1, 0]);
    assert.deepEqual([b.poc, b.root, b.charter.stage, b.repository?.url], ['mono/fraud', 'fraud', 'pilot', 'https://github.com/acme/mono']);
    // Another repository's output is read field by field: wrong types and link tricks are dropped.
    const [odd] = inputsFromReport(
      {
        version: 1,
        repository: { name: 'x', url: 'javascript:alert(1)', lastCommitDate: 'yesterday' },
        roots: [{ root: '.', score: { total: 1, level: 'manual', pillars: {} }, charter: { stage: '__proto__', owner: 5, started: 'soon', budget: { operating: -3 }, decision: { outcome: '<b>' }, successCriteria: 'many' } }],
      },
      'x',
    );
    assert.deepEqual(odd.charter, { successCriteria: 0, budget: {}, decision: {} });
    assert.deepEqual(odd.repository, { name: 'x' });
    assert.doesNotThrow(() => analyzePortfolio([odd], TODAY));
  });
});

describe('portfolio HTML (pure)', () => {
  it('what a repository writes cannot become markup: the data is JSON with < escaped, put on the page with textContent', () => {
    const evil = '</script><script>alert(1)</script><!--';
    const p = analyzePortfolio([poc(evil, { name: evil, business_owner: { name: evil, unit: evil }, sponsor: { name: evil } }, { repository: { url: 'javascript:alert(1)' } })], TODAY);
    const html = formatPortfolioHtml(p, { chartJs: 'window.Chart = function () {};', generatedAt: TODAY.toISOString(), title: evil });
    assert.equal(html.split('</script>').length - 1, 3, 'only the three script elements close');
    assert.ok(!html.includes('<script>alert(1)'));
    assert.match(html, /<title>&#60;\/script&#62;/);
    const data = JSON.parse(/<script id="portfolio-data" type="application\/json">(.*?)<\/script>/s.exec(html)![1]);
    assert.equal(data.pocs[0].poc, evil);
    // Links are set only for http(s) URLs, in the page script.
    assert.match(html, /if \(p\.url && \/\^https\?:/);
  });
});

// ---- end to end: nine repositories, each with its own git history and remote

describe('portfolio CLI over an organisation of nine PoCs', function () {
  this.timeout(60_000);
  let org: string;
  before(() => {
    assert.ok(fs.existsSync(CLI), 'dist/cli.js is built by `node esbuild.js` before the tests');
    org = makeOrganisation();
  });
  after(() => fs.rmSync(org, { recursive: true, force: true }));

  const EXPECTED_SIGNALS = {
    'none-in-production': { holds: false, share: 0.71, evidence: ['churn-prediction', 'route-planner'] },
    'no-success-criteria': { holds: false, share: 0.4, evidence: ['fraud-alerts', 'support-genai'] },
    'no-sponsor': { holds: true, share: 0.6, evidence: ['invoice-classifier', 'quality-vision', 'support-genai'] },
    'owners-moving-on': { holds: true, share: 0.6, evidence: ['invoice-classifier', 'quality-vision', 'support-genai'] },
    'no-operating-budget': { holds: true, share: 0.8, evidence: ['fraud-alerts', 'invoice-classifier', 'quality-vision', 'support-genai'] },
  };

  const byName = (label: string) => label.split('/').pop()!;

  function checkOrganisation(json: any) {
    const s = json.diagnosis.stagnation;
    assert.equal(s.likely, true);
    assert.equal(s.holding, 3);
    const got = Object.fromEntries(s.signals.map((x: any) => [x.id, { holds: x.holds, share: x.share, evidence: x.evidence.map((e: any) => byName(e.poc)) }]));
    assert.deepEqual(got, EXPECTED_SIGNALS);
    const moving = s.signals.find((x: any) => x.id === 'owners-moving-on');
    assert.deepEqual(moving.evidence.map((e: any) => e.reason), ['owner of 2 active PoCs', 'no commit for 17 weeks, decision pending', 'owner of 2 active PoCs']);
    assert.deepEqual(json.diagnosis.kpis, {
      pocsByStage: { idea: 1, poc: 2, pilot: 2, production: 2, retired: 1, unset: 1 },
      inProduction: 2,
      past12Weeks: 4,
      overdue: 2,
      active: 5,
      medianDaysToGo: 94,
      unitCoverage: { share: 0.25, units: 8, withProduction: 2 },
      // Levels are the score's business: counted from the rows, whatever they are.
      pocsByLevel: Object.fromEntries(['manual', 'scripted', 'pipelined', 'continuous'].map((l) => [l, json.pocs.filter((p: any) => p.level === l).length])),
    });
    const row = (n: string) => json.pocs.find((p: any) => byName(p.poc) === n);
    assert.equal(json.pocs.length, 9);
    assert.deepEqual([row('invoice-classifier').stage, row('invoice-classifier').ageDays, row('invoice-classifier').past12Weeks, row('invoice-classifier').overdue], ['pilot', 151, true, true]);
    assert.deepEqual([row('demand-forecast').stage, row('demand-forecast').ageDays, row('demand-forecast').past12Weeks, row('demand-forecast').overdue], ['poc', 50, false, false]);
    assert.deepEqual([row('quality-vision').stage, row('quality-vision').past12Weeks], [null, true]);
    assert.equal(row('churn-prediction').url, 'https://github.com/acme/churn-prediction');
  }

  it('from folders: the expected five signals, evidence, verdict and KPIs', () => {
    const r = cli(['portfolio', ...fs.readdirSync(path.join(org, 'repos')).map((n) => path.join(org, 'repos', n)), '--format', 'json', '--today', '2027-03-01']);
    assert.equal(r.code, 0, r.stderr);
    checkOrganisation(JSON.parse(r.stdout));
  });

  it('from the reports each repository’s CI keeps (a glob of lint --format json files): the same JSON apart from paths', () => {
    fs.mkdirSync(path.join(org, 'reports'));
    for (const name of fs.readdirSync(path.join(org, 'repos'))) {
      const lint = cli(['lint', path.join(org, 'repos', name), '--format', 'json', '-o', path.join(org, 'reports', `${name}.json`)]);
      assert.ok(lint.code === 0 || lint.code === 1, lint.stderr);
    }
    const fromReports = cli(['portfolio', 'reports/*.json', '--format', 'json', '--today', '2027-03-01'], org);
    assert.equal(fromReports.code, 0, fromReports.stderr);
    const reports = JSON.parse(fromReports.stdout);
    checkOrganisation(reports);
    assert.ok(reports.pocs.every((p: any) => !p.poc.includes('/')), 'a report is named by its repository');
    const folders = JSON.parse(cli(['portfolio', path.join(org, 'repos', '*'), '--format', 'json', '--today', '2027-03-01']).stdout);
    // Folders in a git work tree are named by their repository too: the same JSON, paths included.
    assert.deepEqual(folders.pocs.map((p: any) => p.poc).sort(), reports.pocs.map((p: any) => p.poc).sort());
    delete folders.generatedAt;
    delete reports.generatedAt;
    assert.deepEqual(reports, folders);
    // Mixed: a folder and reports in one call.
    const mixed = JSON.parse(cli(['portfolio', path.join(org, 'repos', 'churn-prediction'), 'reports/fraud-alerts.json', '--format', 'json', '--today', '2027-03-01'], org).stdout);
    assert.deepEqual(mixed.pocs.map((p: any) => byName(p.poc)).sort(), ['churn-prediction', 'fraud-alerts']);
  });

  it('lint --format json carries repository { name, url, commit, branch, lastCommitDate } without credentials, and generatedAt', () => {
    const repo = path.join(org, 'repos', 'quality-vision');
    const json = JSON.parse(cli(['lint', repo, '--format', 'json']).stdout);
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo }).toString().trim();
    assert.deepEqual(json.repository, { name: 'quality-vision', url: 'https://github.com/acme/quality-vision', branch: 'main', commit: head, lastCommitDate: '2026-11-01T09:00:00.000Z' });
    assert.ok(!JSON.stringify(json).includes('ghp_notarealtoken'));
    assert.ok(Math.abs(Date.parse(json.generatedAt) - Date.now()) < 60_000);
    assert.deepEqual(json.roots[0].charter, { successCriteria: 1, name: 'quality-vision', started: '2026-07-01', owner: 'Lena Park', unit: 'Manufacturing', decision: { outcome: 'pending' }, decideBy: '2026-10-01' });
    // Packed objects (after gc) read the same date.
    execFileSync('git', ['gc', '-q'], { cwd: repo });
    assert.equal(fs.readdirSync(path.join(repo, '.git/objects')).filter((d) => /^[0-9a-f]{2}$/.test(d)).length, 0, 'every object is packed');
    assert.equal(JSON.parse(cli(['lint', repo, '--format', 'json']).stdout).repository.lastCommitDate, '2026-11-01T09:00:00.000Z');
  });

  it('text and markdown say the verdict, the signals and the KPIs', () => {
    const text = cli(['portfolio', path.join(org, 'repos', '*'), '--today', '2027-03-01']).stdout;
    assert.match(text, /^Pilot stagnation likely: 3 of 5 signals hold/m);
    assert.match(text, /\[x\] No executive sponsors \(no-sponsor\): 60% of active PoCs/);
    assert.match(text, /\[ \] PoCs started without success criteria/);
    assert.match(text, /Business units with a PoC in production: 2 of 8 \(25%; target 70%\+\)/);
    const md = cli(['portfolio', path.join(org, 'repos', '*'), '--format', 'markdown', '--today', '2027-03-01']).stdout;
    assert.match(md, /^## Pilot stagnation likely/m);
    assert.match(md, /\| \[[^\]]*churn-prediction\]\(https:\/\/github\.com\/acme\/churn-prediction\) \|/);
  });

  it('bad inputs: a JSON file that is no report, a glob matching nothing, a missing path', () => {
    fs.writeFileSync(path.join(org, 'package.json'), '{"name": "x"}');
    const r = cli(['portfolio', path.join(org, 'package.json')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /not a `poc-readiness lint --format json` report/);
    assert.match(cli(['portfolio', path.join(org, 'nothing-*.json')]).stderr, /no file or folder matches/);
    assert.equal(cli(['portfolio', path.join(org, 'missing')]).code, 2);
    // Among good reports, a bad one is skipped with its reason and the rest aggregate.
    fs.writeFileSync(path.join(org, 'truncated.json'), '{"version": 1, "roots": [');
    const mixed = cli(['portfolio', path.join(org, 'repos', 'fraud-alerts'), path.join(org, 'truncated.json'), path.join(org, 'package.json'), '--format', 'json']);
    assert.equal(mixed.code, 0, mixed.stderr);
    assert.equal(JSON.parse(mixed.stdout).pocs.length, 1);
    assert.match(mixed.stderr, /skipped '.*truncated\.json': not JSON/);
    assert.match(mixed.stderr, /skipped '.*package\.json': not a `poc-readiness lint --format json` report/);
    // The same repository twice (two artifacts): counted once, the newer report wins.
    const newer = path.join(org, 'fraud-alerts.json');
    cli(['lint', path.join(org, 'repos', 'fraud-alerts'), '--format', 'json', '-o', newer]);
    const older = JSON.parse(fs.readFileSync(newer, 'utf8'));
    older.generatedAt = '2020-01-01T00:00:00.000Z';
    older.roots[0].charter.stage = 'idea';
    fs.writeFileSync(path.join(org, 'older.json'), JSON.stringify(older));
    const twice = JSON.parse(cli(['portfolio', path.join(org, 'older.json'), newer, '--format', 'json']).stdout);
    assert.deepEqual(twice.pocs.map((p: any) => [p.poc, p.stage]), [['fraud-alerts', 'pilot']]);
  });
});
