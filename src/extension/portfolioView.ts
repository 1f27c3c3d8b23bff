// "PoC: Show Portfolio": the portfolio's verdict, five signals, KPIs and table over every PoC
// root of the workspace (a monorepo or a multi-root workspace), as a read-only Markdown
// document. The same core as `poc-readiness portfolio`; without git here, owners-moving-on reads
// owners only (no last-commit dates).

import * as vscode from 'vscode';
import { formatPortfolioMarkdown } from '../core/format/portfolio';
import { analyzePortfolio, charterOf, inputsFromResult } from '../core/portfolio';
import { LEVEL_TITLES } from '../core/types';
import type { LintController } from './controller';

export const PORTFOLIO_URI = vscode.Uri.from({ scheme: 'poc-readiness', path: '/PoC Portfolio.md' });

export function portfolioMarkdown(controller: LintController, today = new Date()): string {
  const inputs = controller
    .states()
    .filter((s) => s.result)
    .flatMap((s) => inputsFromResult(s.result!, s.folder.name, (root) => charterOf(s.engine.manifestData(root))));
  if (!inputs.length) return '# PoC portfolio\n\nNo workspace folder has been scanned yet.';
  return `# PoC portfolio — ${inputs.length} PoC${inputs.length === 1 ? '' : 's'}\n\n${formatPortfolioMarkdown(analyzePortfolio(inputs, today), LEVEL_TITLES)}\n`;
}

export async function showPortfolio(): Promise<void> {
  await vscode.commands.executeCommand('markdown.showPreview', PORTFOLIO_URI).then(undefined, async () =>
    vscode.window.showTextDocument(await vscode.workspace.openTextDocument(PORTFOLIO_URI)),
  );
}
