// End-to-end checks of the packaged extension, on screen, as a person sees it: the readiness score
// in the status bar, `local-path` in the Problems panel, and the diagnostic's hover on a squiggle
// in a Python file. Run by test/harness/runE2E.ts, one step after another; each step leaves a
// screenshot in test-artifacts/.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { E2EContext, EDITOR, PANEL, STATUS_BAR, focusWorkbench, openProblems, poll, quickOpen, runCommand, screenshot } from './workbench';

export interface Step {
  name: string;
  run: (ctx: E2EContext) => Promise<void>;
}

/** How long the extension may take to activate and lint the fixture after the page loads. */
const ACTIVATION_MS = Number(process.env.POC_E2E_ACTIVATION_MS || 90_000);

const LOCAL_PATH_HINT = /(["'])(\/home\/|\/Users\/|\/root\/|[A-Za-z]:[\\/]|\/content\/drive\/|\/mnt\/[a-z]\/|\/Volumes\/|file:\/\/|~\/)/;

/** The Python file to hover in: POC_E2E_PY_FILE, else the first .py that holds a local path. */
export function pickPythonFile(folder: string): string {
  if (process.env.POC_E2E_PY_FILE) return process.env.POC_E2E_PY_FILE;
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.py')) found.push(full);
    }
  };
  walk(folder);
  found.sort();
  const withPath = found.find((f) => LOCAL_PATH_HINT.test(fs.readFileSync(f, 'utf8')));
  const pick = withPath ?? found[0];
  if (!pick) throw new Error(`no .py file in ${folder} to hover in (set POC_E2E_PY_FILE)`);
  return path.relative(folder, pick).split(path.sep).join('/');
}

export const steps: Step[] = [
  {
    name: 'status bar shows the readiness score ("PoC …")',
    async run(ctx) {
      const item = ctx.page.locator(`${STATUS_BAR} .statusbar-item`).filter({ hasText: /^\s*PoC / });
      await item.first().waitFor({ state: 'visible', timeout: ACTIVATION_MS });
      const text = (await item.first().innerText()).trim();
      assert.match(text, /^PoC /, `status bar item text: ${JSON.stringify(text)}`);
      ctx.state.statusBar = text;
      console.log(`      status bar: ${JSON.stringify(text)}`);
      await screenshot(ctx, 'e2e-1-status-bar');
    },
  },
  {
    name: 'Problems panel lists a local-path finding',
    async run(ctx) {
      await focusWorkbench(ctx.page);
      const panel = await openProblems(ctx.page);
      const rows = panel.locator('.monaco-list-row');
      const row = rows.filter({ hasText: 'local-path' }).first();
      const seen = await poll(() => row.isVisible().catch(() => false), ACTIVATION_MS);
      const all = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      assert.ok(seen, `no Problems entry contains "local-path"; entries: ${JSON.stringify(all)}`);
      const text = (await row.innerText()).replace(/\s+/g, ' ').trim();
      console.log(`      problem: ${JSON.stringify(text)}`);
      // Narrow the list with the panel's filter box, as a person would, and keep the messages
      // alone (without source, code and position) for the hover check.
      const filter = ctx.page.locator(`${PANEL} .markers-panel-action-filter input, ${PANEL} .viewpane-filter input`).first();
      if (await filter.isVisible().catch(() => false)) {
        await filter.fill('local-path');
        await ctx.page.waitForTimeout(500);
      }
      // `.marker-message` holds one line of a message, without source, code and position.
      const messages = await rows.filter({ hasText: 'local-path' }).locator('.marker-message').allInnerTexts();
      ctx.state.localPathMessages = JSON.stringify(messages.map((m) => m.replace(/\s+/g, ' ').trim()).filter(Boolean));
      await screenshot(ctx, 'e2e-2-problems');
    },
  },
  {
    name: 'Problems: a closed notebook\'s finding reads "Cell 3:" and its first click opens the notebook at that cell',
    async run(ctx) {
      const page = ctx.page;
      // Right after the Problems step (no click on the workbench: it could land on a problem row).
      const panel = await openProblems(page);
      const filter = page.locator(`${PANEL} .markers-panel-action-filter input, ${PANEL} .viewpane-filter input`).first();
      if (await filter.isVisible().catch(() => false)) {
        await filter.fill('Cell 3:');
        await page.waitForTimeout(500);
      }
      const row = panel.locator('.monaco-list-row').filter({ hasText: /Cell 3: Machine-local path/ }).first();
      await row.waitFor({ state: 'visible', timeout: 20_000 });
      const text = (await row.innerText()).replace(/\s+/g, ' ').trim();
      console.log(`      problem: ${JSON.stringify(text)}`);
      assert.match(text, /\[Ln [3-5], Col \d+\]/, 'a position inside the cell, not a line of the .ipynb file');
      await row.click();
      const cell = page.locator('.notebook-editor .monaco-list-row.focused[data-index="2"], .notebook-editor .monaco-list-row.selected[data-index="2"]');
      await cell.first().waitFor({ state: 'visible', timeout: 20_000 });
      await page.waitForTimeout(500);
      await screenshot(ctx, 'e2e-4-notebook-from-problems');
      if (await filter.isVisible().catch(() => false)) await filter.fill('');
    },
  },
  {
    name: 'hovering the squiggle in a .py file shows the diagnostic',
    async run(ctx) {
      const page = ctx.page;
      const rel = pickPythonFile(ctx.folder);
      await focusWorkbench(page);
      await quickOpen(page, rel);
      const editor = page.locator(EDITOR).first();
      await editor.waitFor({ state: 'visible', timeout: 20_000 });
      const squiggle = editor.locator('.view-overlays .squiggly-error, .view-overlays .squiggly-warning, .view-overlays .squiggly-info');
      await squiggle.first().waitFor({ state: 'attached', timeout: ACTIVATION_MS });
      const box = await squiggle.first().boundingBox();
      assert.ok(box, `the squiggle in ${rel} has no box on screen`);
      const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'local-path' });
      // Move onto the squiggle the way a mouse does (a few intermediate moves trigger the hover).
      await page.mouse.move(box.x + box.width / 2, box.y - 20);
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
      if (!(await poll(() => hover.first().isVisible().catch(() => false), 5_000))) {
        // Retry once a little further in, in case a decoration overlapped the first spot.
        await page.mouse.move(box.x + Math.min(box.width - 2, 12), box.y + box.height / 2, { steps: 3 });
      }
      await hover.first().waitFor({ state: 'visible', timeout: 15_000 });
      const text = (await hover.first().innerText()).replace(/\s+/g, ' ').trim();
      assert.match(text, /local-path/, `hover text: ${JSON.stringify(text)}`);
      // The hover shows a diagnostic message the Problems panel listed for local-path.
      const messages: string[] = JSON.parse(ctx.state.localPathMessages || '[]');
      if (messages.length > 0) {
        assert.ok(
          messages.some((m) => text.includes(m)),
          `hover shows none of the Problems panel's local-path messages ${JSON.stringify(messages)}: ${JSON.stringify(text)}`,
        );
      }
      console.log(`      hover: ${JSON.stringify(text)}`);
      await screenshot(ctx, 'e2e-3-hover');
    },
  },
  {
    name: 'the readiness view: pillar → rule (count, points lost) → file → finding labelled file:line',
    async run(ctx) {
      const page = ctx.page;
      await runCommand(page, 'View: Close Panel');
      await runCommand(page, 'Explorer: Focus on PoC Readiness View');
      // Room for the tree: the folder section collapsed, the side bar wider.
      const folders = page.locator('.pane-header', { hasText: /notebook-pilot/i }).first();
      if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
      const sideBar = await page.locator('#workbench\\.parts\\.sidebar').boundingBox();
      if (sideBar && sideBar.width < 500) {
        // The sash sits on the side bar's right edge.
        await page.mouse.move(sideBar.x + sideBar.width, 400);
        await page.mouse.down();
        await page.mouse.move(sideBar.x + 620, 400, { steps: 8 });
        await page.mouse.up();
      }
      const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /PoC Readiness/i }) }).last();
      const rows = view.locator('.monaco-list-row');
      // The twistie expands without running the row's command (a rule row opens its doc).
      const expand = async (row: typeof rows) => {
        if ((await row.getAttribute('aria-expanded')) !== 'true') await row.locator('.monaco-tl-twistie').click();
      };
      const pillar = rows.filter({ hasText: 'Abstract infrastructure' }).first();
      await pillar.waitFor({ state: 'visible', timeout: 20_000 });
      await expand(pillar);
      const rule = rows.filter({ hasText: /^\s*local-path/ }).first();
      await rule.waitFor({ state: 'visible', timeout: 10_000 });
      const ruleText = (await rule.innerText()).replace(/\s+/g, ' ').trim();
      assert.match(ruleText, /local-path\s*\d+ · −\d+ pts/, `rule row: ${JSON.stringify(ruleText)}`);
      await expand(rule);
      const finding = rows.filter({ hasText: 'pipeline.py:3' }).first();
      await finding.waitFor({ state: 'visible', timeout: 10_000 });
      console.log(`      rule: ${JSON.stringify(ruleText)}`);
      await page.waitForTimeout(300);
      await screenshot(ctx, 'e2e-5-readiness-view');
    },
  },
  {
    name: '"Fix all local paths in this notebook" from the Ctrl+. list rewrites the notebook\'s paths',
    async run(ctx) {
      const page = ctx.page;
      await page.locator('.tabs-container .tab', { hasText: 'churn_model.ipynb' }).first().click();
      const notebook = page.locator('.notebook-editor >> visible=true').first();
      await notebook.waitFor({ state: 'visible', timeout: 10_000 });
      // The DATA_DIR literal of cell 3 (a local-path squiggle): the cursor goes inside it.
      const literal = notebook.locator('.view-line span', { hasText: /^"\/home\/dana\/projects\/churn\/data"$/ }).first();
      await literal.waitFor({ state: 'visible', timeout: 20_000 });
      const box = await literal.boundingBox();
      assert.ok(box, 'the literal on screen');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.keyboard.press('Control+.');
      const action = page.locator('.action-widget .monaco-list-row').filter({ hasText: /Fix all \d+ local paths in this notebook/ }).first();
      await action.waitFor({ state: 'visible', timeout: 10_000 });
      // The keyboard, as a person in the list does (the widget's pointer block swallows synthetic clicks).
      const titles = (await page.locator('.action-widget .monaco-list-row').allInnerTexts()).map((t) => t.trim()).filter((t) => t && !/^Quick Fix$/i.test(t));
      const index = titles.findIndex((t) => /Fix all \d+ local paths in this notebook/.test(t));
      for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      const fixed = notebook.locator('.view-lines').filter({ hasText: 'os.environ.get(' }).first();
      await fixed.waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.press('Escape');
      await page.waitForTimeout(800);
      await screenshot(ctx, 'e2e-6-notebook-fix');
    },
  },
];
