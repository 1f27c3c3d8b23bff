// `$(rocket) PoC 62% · Scripted` on the left of the status bar for the active PoC root; the
// tooltip lists the five pillars and names the weakest; a click opens the readiness report.

import * as vscode from 'vscode';
import { nextLevel } from '../core/score';
import { LEVEL_TITLES, PILLARS, PILLAR_TITLES, type RootResult } from '../core/types';
import type { LintController } from './controller';

export function statusText(root: RootResult): string {
  return `$(rocket) PoC ${root.score.total}% · ${LEVEL_TITLES[root.score.level]}`;
}

export class ReadinessStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('pocReadiness.score', vscode.StatusBarAlignment.Left, 50);

  constructor(private readonly controller: LintController) {
    this.item.name = 'PoC Readiness';
    this.item.command = 'pocReadiness.showReport';
  }

  get text(): string {
    return this.item.text;
  }

  update(): void {
    const active = this.controller.enabled ? this.controller.activeRoot() : undefined;
    if (!active && this.controller.enabled && this.controller.scanning) {
      this.item.text = '$(sync~spin) PoC: scanning…';
      this.item.tooltip = 'PoC Readiness is reading the workspace for the first time.';
      this.item.show();
      return;
    }
    if (!active) {
      this.item.hide();
      return;
    }
    const { root, state } = active;
    this.item.text = statusText(root);
    const md = new vscode.MarkdownString(undefined, true);
    const label = root.root === '.' ? state.folder.name : `${state.folder.name}/${root.root}`;
    md.appendMarkdown(`**PoC readiness — ${label}: ${root.score.total}% · ${LEVEL_TITLES[root.score.level]}**\n\n`);
    md.appendMarkdown('| Pillar | Score |\n|---|---:|\n');
    for (const p of PILLARS) md.appendMarkdown(`| ${p === root.score.weakest ? '$(arrow-right) ' : ''}${PILLAR_TITLES[p]} | ${root.score.pillars[p]}% |\n`);
    md.appendMarkdown(`\nWeakest pillar: **${PILLAR_TITLES[root.score.weakest]}**. ${root.findings.length} finding(s). Click for the report.`);
    const next = nextLevel(root.score.level, root.evidence);
    if (next?.missing.length) md.appendMarkdown(`\n\n${LEVEL_TITLES[next.level]} needs: ${next.missing.join(', ')}.`);
    this.item.tooltip = md;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
