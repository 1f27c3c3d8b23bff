/// <reference lib="dom" />
// The HTML dashboard in a real browser: headless Debian chromium (playwright-core, the same
// launch flags as the VS Code harness) opens the file offline, the charts render (Chart.js
// instances with painted pixels), the table sorts, nothing is fetched. The screenshot is kept
// in test-artifacts/portfolio-dashboard.png.

import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../harness/codeServer';
import { makeOrganisation } from '../helpers/organisation';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');

describe('portfolio --format html in headless chromium', function () {
  this.timeout(120_000);
  let org: string;
  let browser: Browser;
  let html: string;
  before(async () => {
    org = makeOrganisation();
    html = path.join(org, 'portfolio.html');
    const r = spawnSync(process.execPath, [CLI, 'portfolio', path.join(org, 'repos', '*'), '--trends', '--format', 'html', '-o', html, '--today', '2027-03-01'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const { chromium } = require('playwright-core') as typeof import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    fs.rmSync(org, { recursive: true, force: true });
  });

  it('is one self-contained file: Chart.js inlined, a CSP that forbids fetching, no external reference', () => {
    const text = fs.readFileSync(html, 'utf8');
    assert.match(text, /Chart\.js v4\.\d+\.\d+/);
    assert.match(text, /default-src 'none'/);
    assert.doesNotMatch(text, /<(script|link|img)[^>]+(src|href)=/i);
  });

  it('renders the verdict, five signals and charts, sorts the table, fetches nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (req) => requests.push(req.url()));
    page.on('pageerror', (err) => errors.push(err.message));
    const url = pathToFileURL(html).href;
    await page.goto(url);
    await page.waitForFunction(() => document.body.dataset.chartsRendered !== undefined, undefined, { timeout: 20_000 });
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, [url]);

    assert.match((await page.textContent('#verdict-title'))!, /^Pilot stagnation likely: 3 of 5 signals hold/);
    const signals = await page.$$eval('#signals li', (lis) => lis.map((li) => [(li as HTMLElement).dataset.signal, (li as HTMLElement).dataset.holds]));
    assert.deepEqual(signals, [['none-in-production', 'false'], ['no-success-criteria', 'false'], ['no-sponsor', 'true'], ['owners-moving-on', 'true'], ['no-operating-budget', 'true']]);

    // Every chart is a Chart.js instance that painted something on its canvas.
    const charts = await page.$$eval('canvas', (canvases) =>
      canvases.map((c) => {
        const canvas = c as HTMLCanvasElement;
        const chart = (window as any).Chart.getChart(canvas);
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
        return { id: canvas.id, type: chart?.config.type, painted, width: canvas.width };
      }),
    );
    assert.deepEqual(charts.map((c) => [c.id, c.type]), [['chart-stage', 'bar'], ['chart-level', 'bar'], ['chart-score', 'bar'], ['chart-age', 'doughnut'], ['chart-trend', 'bar']]);
    for (const c of charts) assert.ok(c.painted > 500 && c.width > 100, JSON.stringify(c));
    assert.equal(await page.evaluate(() => document.body.dataset.chartsRendered), '5');
    const stageData = await page.evaluate(() => (window as any).Chart.getChart(document.getElementById('chart-stage')).data.datasets[0].data);
    assert.deepEqual(stageData, [1, 2, 2, 2, 1, 1]);

    const column = (i: number) => page.$$eval(`#pocs tbody tr td:nth-child(${i})`, (tds) => tds.map((td) => td.textContent!));
    assert.equal((await column(1)).length, 9);
    await page.click('#pocs th[data-key="poc"]');
    const names = await column(1);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
    assert.equal(await page.getAttribute('#pocs th[data-key="poc"]', 'aria-sort'), 'ascending');
    await page.click('#pocs th[data-key="ageDays"]');
    await page.click('#pocs th[data-key="ageDays"]');
    const ages = (await column(6)).map(Number);
    assert.deepEqual(ages, [...ages].sort((a, b) => b - a), 'descending after a second click');
    // price-optimizer has no `started`: with --trends its age counts from its first commit (2027-01-15).
    const names6 = await column(1);
    assert.equal(ages[names6.indexOf('price-optimizer')], 45);
    const link = await page.getAttribute('#pocs tbody a >> nth=0', 'href');
    assert.match(link!, /^https:\/\/github\.com\/acme\/[a-z-]+$/);

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.click('#pocs th[data-key="score"]');
    await page.screenshot({ path: path.join(ARTIFACTS, 'portfolio-dashboard.png'), fullPage: true });
    assert.ok(fs.statSync(path.join(ARTIFACTS, 'portfolio-dashboard.png')).size > 20_000);
    await page.close();
  });
});
