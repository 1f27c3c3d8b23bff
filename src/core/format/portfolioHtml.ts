// The portfolio as one self-contained HTML file: opens offline (Chart.js is inlined, the
// Content-Security-Policy forbids every fetch), the data travels as JSON and is put on the page
// with textContent, so nothing a repository writes in its poc.yaml can become markup.

import { SIGNAL_IDS, STAGES, scoreBuckets, UNIT_COVERAGE_TARGET, type Portfolio } from '../portfolio';
import { LEVELS, LEVEL_TITLES, PILLAR_TITLES } from '../types';
import { shareText } from './portfolio';

export interface HtmlOptions {
  /** Source of Chart.js's UMD build (defines `Chart`). */
  chartJs: string;
  generatedAt: string;
  title?: string;
}

/** JSON that is safe inside <script>: no `</script>`, no `<!--`, no U+2028/2029 surprises. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function formatPortfolioHtml(p: Portfolio, options: HtmlOptions): string {
  const title = options.title ?? 'PoC portfolio';
  const data = {
    generatedAt: options.generatedAt,
    pocs: p.pocs,
    diagnosis: p.diagnosis,
    shareTexts: Object.fromEntries(p.diagnosis.stagnation.signals.map((s) => [s.id, shareText(s)])),
    stages: STAGES,
    levels: LEVELS,
    levelTitles: LEVEL_TITLES,
    pillarTitles: PILLAR_TITLES,
    signalIds: SIGNAL_IDS,
    scoreBuckets: scoreBuckets(p.pocs),
    unitTarget: UNIT_COVERAGE_TARGET,
  };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p class="muted" id="generated"></p></header>
<section id="verdict" class="verdict"><h2 id="verdict-title"></h2><ol id="signals" class="signals"></ol></section>
<section class="kpis" id="kpis"></section>
<section class="charts">
  <figure><figcaption>PoCs per stage (funnel)</figcaption><div class="chart"><canvas id="chart-stage"></canvas></div></figure>
  <figure><figcaption>PoCs per maturity level</figcaption><div class="chart"><canvas id="chart-level"></canvas></div></figure>
  <figure><figcaption>Score distribution</figcaption><div class="chart"><canvas id="chart-score"></canvas></div></figure>
  <figure><figcaption>Active PoCs: past 12 weeks, overdue decisions</figcaption><div class="chart"><canvas id="chart-age"></canvas></div></figure>
  <figure id="trend-figure"><figcaption>Score trend over the last 30 / 90 days</figcaption><div class="chart"><canvas id="chart-trend"></canvas></div><p class="muted" id="trend-empty"></p></figure>
</section>
<section class="table"><h2>PoCs</h2><p class="muted">Click a column to sort.</p>
<table id="pocs"><thead><tr>
<th data-key="poc">PoC</th><th data-key="score" data-type="number">Score</th><th data-key="level" data-type="level">Level</th>
<th data-key="weakest">Weakest pillar</th><th data-key="stage" data-type="stage">Stage</th><th data-key="ageDays" data-type="number">Age (days)</th>
<th data-key="past12Weeks" data-type="bool">&gt; 12 weeks</th><th data-key="delta30" data-type="number">Δ 30d</th><th data-key="delta90" data-type="number">Δ 90d</th>
<th data-key="owner">Owner</th><th data-key="unit">Unit</th><th data-key="sponsor">Sponsor</th>
<th data-key="findings" data-type="number">Findings</th><th data-key="decision">Decision</th>
<th data-key="daysToScripted" data-type="number">Days to Scripted</th><th data-key="daysToPipelined" data-type="number">Days to Pipelined</th>
</tr></thead><tbody></tbody></table></section>
<script id="portfolio-data" type="application/json">${scriptJson(data)}</script>
<script>${options.chartJs.replace(/<\/(script)/gi, '<\\/$1')}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

const CSS = `
:root { --bad: #c62828; --good: #2e7d32; --warn: #ef6c00; --ink: #1f2933; --muted: #607080; --line: #d9dee4; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; padding: 24px; max-width: 1400px; background: #f7f8fa; }
h1 { margin: 0; font-size: 24px; } h2 { font-size: 18px; margin: 0 0 8px; }
.muted { color: var(--muted); margin: 4px 0; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px; margin: 16px 0; }
.verdict.likely { border-left: 6px solid var(--bad); } .verdict.unlikely { border-left: 6px solid var(--good); }
.signals { margin: 0; padding-left: 20px; } .signals li { margin: 4px 0; }
.signals .holds { color: var(--bad); font-weight: 600; } .signals .clear { color: var(--good); }
.signals .evidence { color: var(--muted); font-size: 12px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 12px; }
.kpi { border: 1px solid var(--line); border-radius: 6px; padding: 10px; } .kpi b { display: block; font-size: 22px; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; background: none; border: none; padding: 0; }
figure { margin: 0; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px; }
figcaption { font-weight: 600; margin-bottom: 6px; } .chart { position: relative; height: 240px; }
section.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; white-space: nowrap; }
th { cursor: pointer; user-select: none; background: #eef1f4; position: sticky; top: 0; }
th[aria-sort="ascending"]::after { content: " ▲"; } th[aria-sort="descending"]::after { content: " ▼"; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } .overdue { color: var(--bad); font-weight: 600; }
a { color: #1565c0; }
`;

// Runs in the page. Plain ES2020, no imports: everything it needs is in #portfolio-data.
const SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById('portfolio-data').textContent);
  var el = function (tag, text, cls) { var e = document.createElement(tag); if (text !== undefined && text !== null) e.textContent = String(text); if (cls) e.className = cls; return e; };
  document.getElementById('generated').textContent = data.pocs.length + ' PoCs · generated ' + data.generatedAt.slice(0, 10);

  var s = data.diagnosis.stagnation;
  var verdict = document.getElementById('verdict');
  verdict.classList.add(s.likely ? 'likely' : 'unlikely');
  document.getElementById('verdict-title').textContent = (s.likely ? 'Pilot stagnation likely' : 'Pilot stagnation not indicated') + ': ' + s.holding + ' of 5 signals hold (3 or more: likely)';
  var list = document.getElementById('signals');
  s.signals.forEach(function (sig) {
    var li = el('li'); li.dataset.signal = sig.id; li.dataset.holds = String(sig.holds);
    li.appendChild(el('span', (sig.holds ? '✖ ' : '✔ ') + sig.title, sig.holds ? 'holds' : 'clear'));
    li.appendChild(el('span', ' — ' + data.shareTexts[sig.id]));
    if (sig.evidence.length) {
      var names = sig.evidence.slice(0, 8).map(function (e) { return e.poc + (e.reason ? ' (' + e.reason + ')' : ''); }).join('; ');
      li.appendChild(el('div', names + (sig.evidence.length > 8 ? '; … ' + (sig.evidence.length - 8) + ' more' : ''), 'evidence'));
    }
    list.appendChild(li);
  });

  var k = data.diagnosis.kpis;
  var kpis = document.getElementById('kpis');
  var tile = function (label, value, note) { var d = el('div', undefined, 'kpi'); d.appendChild(el('b', value)); d.appendChild(el('span', label)); if (note) d.appendChild(el('div', note, 'muted')); kpis.appendChild(d); };
  tile('production use cases', k.inProduction);
  tile('active PoCs', k.active);
  tile('past 12 weeks without go / no-go', k.past12Weeks);
  tile('overdue decisions', k.overdue);
  tile('median days from start to go', k.medianDaysToGo === null ? '–' : k.medianDaysToGo, 'target ≤ 84 days (12 weeks)');
  tile('units with a PoC in production', k.unitCoverage.share === null ? '–' : Math.round(k.unitCoverage.share * 100) + '%', k.unitCoverage.withProduction + ' of ' + k.unitCoverage.units + ' units · target ' + Math.round(data.unitTarget * 100) + '%+');

  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
  var charts = [];
  var bar = function (id, labels, datasets, extra) {
    var cfg = { type: 'bar', data: { labels: labels, datasets: datasets }, options: Object.assign({ plugins: { legend: { display: datasets.length > 1 } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { beginAtZero: true, ticks: { precision: 0 } } } }, extra || {}) };
    charts.push(new Chart(document.getElementById(id), cfg));
  };
  var stageLabels = data.stages.concat(k.pocsByStage.unset ? ['unset'] : []);
  bar('chart-stage', stageLabels, [{ label: 'PoCs', data: stageLabels.map(function (st) { return k.pocsByStage[st]; }), backgroundColor: ['#90a4ae', '#42a5f5', '#7e57c2', '#2e7d32', '#bdbdbd', '#cfd8dc'] }], { indexAxis: 'y' });
  bar('chart-level', data.levels.map(function (l) { return data.levelTitles[l]; }), [{ label: 'PoCs', data: data.levels.map(function (l) { return k.pocsByLevel[l]; }), backgroundColor: ['#ef9a9a', '#ffcc80', '#90caf9', '#a5d6a7'] }], { indexAxis: 'y' });
  bar('chart-score', data.scoreBuckets.map(function (_, i) { return i * 10 + '–' + (i === 9 ? 100 : i * 10 + 9); }), [{ label: 'PoCs', data: data.scoreBuckets, backgroundColor: '#5c6bc0' }]);
  var active = data.pocs.filter(function (p) { return p.active; });
  charts.push(new Chart(document.getElementById('chart-age'), { type: 'doughnut', data: { labels: ['within 12 weeks or decided', 'past 12 weeks, no go / no-go', 'decision overdue'], datasets: [{ data: [
    active.filter(function (p) { return !p.past12Weeks && !p.overdue; }).length,
    active.filter(function (p) { return p.past12Weeks && !p.overdue; }).length,
    active.filter(function (p) { return p.overdue; }).length], backgroundColor: ['#66bb6a', '#ffa726', '#e53935'] }] } }));
  var trended = data.pocs.filter(function (p) { return p.trend; });
  if (trended.length) {
    bar('chart-trend', trended.map(function (p) { return p.poc; }), [
      { label: 'Δ 30 days', data: trended.map(function (p) { return p.trend.delta30; }), backgroundColor: '#26a69a' },
      { label: 'Δ 90 days', data: trended.map(function (p) { return p.trend.delta90; }), backgroundColor: '#80cbc4' }]);
  } else {
    document.getElementById('chart-trend').parentElement.remove();
    document.getElementById('trend-empty').textContent = 'No history given: run poc-readiness portfolio --trends on git folders, or pass files written by poc-readiness history --format json.';
  }

  var rows = data.pocs.map(function (p) {
    var t = p.trend;
    return Object.assign({}, p, { delta30: t ? t.delta30 : null, delta90: t ? t.delta90 : null, daysToScripted: t ? t.daysToLevel.scripted : null, daysToPipelined: t ? t.daysToLevel.pipelined : null });
  });
  var tbody = document.querySelector('#pocs tbody');
  var render = function () {
    tbody.textContent = '';
    rows.forEach(function (p) {
      var tr = el('tr');
      var name = el('td');
      if (p.url && /^https?:\\/\\//.test(p.url)) { var a = el('a', p.poc); a.href = p.url; a.rel = 'noopener noreferrer'; name.appendChild(a); } else name.textContent = p.poc;
      tr.appendChild(name);
      tr.appendChild(el('td', p.score + '%', 'num'));
      tr.appendChild(el('td', data.levelTitles[p.level]));
      tr.appendChild(el('td', data.pillarTitles[p.weakest] + ' (' + p.weakestScore + '%)'));
      tr.appendChild(el('td', p.stage || '–'));
      tr.appendChild(el('td', p.ageDays === null ? '–' : p.ageDays, 'num'));
      tr.appendChild(el('td', p.past12Weeks ? 'yes' : '', p.past12Weeks ? 'overdue' : ''));
      [p.delta30, p.delta90].forEach(function (d) { tr.appendChild(el('td', d === null ? '–' : (d > 0 ? '+' : '') + d, 'num')); });
      tr.appendChild(el('td', p.owner || '–'));
      tr.appendChild(el('td', p.unit || '–'));
      tr.appendChild(el('td', p.sponsor || '–'));
      tr.appendChild(el('td', p.findings, 'num'));
      tr.appendChild(el('td', p.overdue ? 'OVERDUE' : (p.decision || ''), p.overdue ? 'overdue' : ''));
      [p.daysToScripted, p.daysToPipelined].forEach(function (d) { tr.appendChild(el('td', d === null ? '–' : d, 'num')); });
      tbody.appendChild(tr);
    });
  };
  var rank = function (type, v) {
    if (v === null || v === undefined) return null;
    if (type === 'level') return data.levels.indexOf(v);
    if (type === 'stage') return data.stages.indexOf(v);
    if (type === 'bool') return v ? 1 : 0;
    return v;
  };
  document.querySelectorAll('#pocs th').forEach(function (th) {
    th.addEventListener('click', function () {
      var key = th.dataset.key, type = th.dataset.type || 'text';
      var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
      document.querySelectorAll('#pocs th').forEach(function (o) { o.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      rows.sort(function (a, b) {
        var x = rank(type, a[key]), y = rank(type, b[key]);
        if (x === y) return 0;
        if (x === null) return 1;
        if (y === null) return -1;
        return (typeof x === 'string' ? x.localeCompare(y) : x - y) * dir;
      });
      render();
    });
  });
  render();
  document.body.dataset.chartsRendered = String(charts.length);
})();
`;
