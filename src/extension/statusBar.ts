// `$(rocket) PoC 62% · Scripted` on the left of the status bar for the active PoC root; the
// tooltip lists the five pillars and names the weakest; a click opens the readiness report.

import * as vscode from 'vscode';
import { evidencePlace, gain, notApplicableByReason, pillarLosses } from '../core/format/explain';
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

  /** The texts shown since activation, oldest first (at most 20; for the integration tests). */
  readonly history: string[] = [];

  private show(text: string): void {
    this.item.text = text;
    if (this.history[this.history.length - 1] !== text) this.history.push(text);
    if (this.history.length > 20) this.history.splice(1, 1); // keep the first one: the scanning text
    this.item.show();
  }

  update(): void {
    const active = this.controller.enabled ? this.controller.activeRoot() : undefined;
    if (!active && this.controller.enabled && this.controller.scanning) {
      this.item.tooltip = 'PoC Readiness is reading the workspace for the first time.';
      this.show('$(sync~spin) PoC: scanning…');
      return;
    }
    if (!active) {
      this.item.hide();
      return;
    }
    const { root, state } = active;
    const md = new vscode.MarkdownString(undefined, true);
    const label = root.root === '.' ? state.folder.name : `${state.folder.name}/${root.root}`;
    md.appendMarkdown(`**PoC readiness — ${label}: ${root.score.total}% · ${LEVEL_TITLES[root.score.level]}**\n\n`);
    md.appendMarkdown('| Pillar | Score | Lost to |\n|---|---:|---|\n');
    for (const p of pillarLosses(root)) {
      const lost = p.rules.slice(0, 3).map((r) => `${r.id} −${r.points}`).join(', ') + (p.rules.length > 3 ? ', …' : '');
      md.appendMarkdown(`| ${p.pillar === root.score.weakest ? '$(arrow-right) ' : ''}${PILLAR_TITLES[p.pillar]} | ${p.score}% | ${lost || '—'} |\n`);
    }
    md.appendMarkdown(`\nWeakest pillar: **${PILLAR_TITLES[root.score.weakest]}**. ${root.findings.length} finding(s). Click for the report.`);
    if (root.score.improvements.length) {
      md.appendMarkdown(`\n\nRaise the score most: ${root.score.improvements.map((i) => `${gain(i)} ${i.ruleId}`).join(', ')}.`);
    }
    const seen = root.score.evidence.filter((e) => e.present);
    if (seen.length) md.appendMarkdown(`\n\nLevel evidence: ${seen.map((e) => `${e.item} (${evidencePlace(e)})`).join(', ')}.`);
    const next = root.score.next;
    if (next?.missing.length) md.appendMarkdown(`\n\n${LEVEL_TITLES[next.level]} needs: ${next.missing.join(', ')}.`);
    const na = notApplicableByReason(root);
    if (na.length) md.appendMarkdown(`\n\nNot applicable: ${na.map((g) => `${g.ids.join(', ')} (${g.reason})`).join('; ')}.`);
    this.item.tooltip = md;
    this.show(statusText(root));
  }

  dispose(): void {
    this.item.dispose();
  }
}
