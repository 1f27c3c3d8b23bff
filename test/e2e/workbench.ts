// Page helpers for driving the VS Code web workbench (code-server 4.100 = VS Code 1.100) the way a
// person does: keyboard shortcuts, the command palette, Quick Open, the mouse. Selectors are the
// workbench's own DOM classes, the same ones VS Code's smoke tests use.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export const STATUS_BAR = '#workbench\\.parts\\.statusbar';
export const PANEL = '#workbench\\.parts\\.panel';
export const QUICK_INPUT = '.quick-input-widget';
export const EDITOR = '#workbench\\.parts\\.editor .monaco-editor';

export interface E2EContext {
  page: Page;
  /** Absolute path of the workspace folder opened in the page. */
  folder: string;
  /** Where screenshots go (test-artifacts/). */
  artifacts: string;
  /** State shared between steps (e.g. the diagnostic message read from the Problems panel). */
  state: Record<string, string>;
}

export async function screenshot(ctx: E2EContext, name: string): Promise<string> {
  fs.mkdirSync(ctx.artifacts, { recursive: true });
  const file = path.join(ctx.artifacts, `${name}.png`);
  await ctx.page.screenshot({ path: file, timeout: 10_000 });
  return file;
}

/** Waits until the workbench is rendered and the window has keyboard focus. */
export async function waitForWorkbench(page: Page, timeout = 60_000): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
  await page.locator(STATUS_BAR).waitFor({ state: 'visible', timeout });
  // Explorer shows the folder once the remote file system answered.
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ state: 'attached', timeout }).catch(() => undefined);
}

/** Gives the workbench (not the browser chrome) keyboard focus, without side effects. */
export async function focusWorkbench(page: Page): Promise<void> {
  const statusBar = await page.locator(STATUS_BAR).boundingBox();
  // An empty spot in the editor area: the editor group's background.
  await page.mouse.click(700, statusBar ? Math.max(statusBar.y - 200, 100) : 400);
}

/** Command palette (F1), type the command's title, run the first exact match (or the first item). */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator(`${QUICK_INPUT} input`);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  const rows = page.locator(`${QUICK_INPUT} .monaco-list-row`);
  await rows.first().waitFor({ state: 'visible', timeout: 10_000 });
  const exact = rows.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(title)}`) });
  if ((await exact.count()) > 0) await exact.first().click();
  else await page.keyboard.press('Enter');
  await page.locator(QUICK_INPUT).waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
}

/** Quick Open (Ctrl+P): type a workspace-relative path and open it. */
export async function quickOpen(page: Page, relPath: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator(`${QUICK_INPUT} input`);
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(relPath);
  const base = path.posix.basename(relPath);
  await page.locator(`${QUICK_INPUT} .monaco-list-row`, { hasText: base }).first().waitFor({ state: 'visible', timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tabs-container .tab.active`, { hasText: base }).waitFor({ state: 'visible', timeout: 20_000 });
}

/** The Problems panel: Ctrl+Shift+M, or the command palette when the shortcut does not take. */
export async function openProblems(page: Page): Promise<Locator> {
  const panel = page.locator(`${PANEL} .markers-panel`);
  await page.keyboard.press('Control+Shift+M');
  if (!(await panel.isVisible().catch(() => false))) {
    await panel.waitFor({ state: 'visible', timeout: 3_000 }).catch(() => undefined);
  }
  if (!(await panel.isVisible().catch(() => false))) {
    await runCommand(page, 'View: Focus on Problems View');
  }
  await panel.waitFor({ state: 'visible', timeout: 10_000 });
  return panel;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Polls fn until it returns a truthy value or the timeout passes; returns the last value. */
export async function poll<T>(fn: () => Promise<T>, timeout: number, interval = 250): Promise<T> {
  const deadline = Date.now() + timeout;
  let last = await fn();
  while (!last && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, interval));
    last = await fn();
  }
  return last;
}
