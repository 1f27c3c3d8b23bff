// Scaffolding: the use-case manifest, data-requirements checklist, Dockerfile, CI pipeline and
// deployment playbook that a scalable PoC needs. Browser-safe: no vscode, no Node built-ins.

export { render, placeholders, yamlScalar, TemplateError, type TemplateVars } from './render';
export * from './templates';
export { planScaffold, relativePath, type PlannedFile, type KeptFile, type ScaffoldPlan } from './plan';
export { applyScaffold, type ApplyResult, type CreatedFile, type FailedFile } from './apply';

import type { FileSystem } from '../fs';
import { applyScaffold, type ApplyResult } from './apply';
import { planScaffold, type ScaffoldPlan } from './plan';
import type { ReadTemplate, ScaffoldId, ScaffoldOptions, ScaffoldRequest } from './templates';

/** Plans and applies in one go. Bad input throws before anything is written. */
export async function scaffold(
  root: string,
  which: ScaffoldRequest | readonly ScaffoldId[],
  options: ScaffoldOptions,
  fs: FileSystem,
  readTemplate: ReadTemplate,
): Promise<ApplyResult & { notes: string[]; plan: ScaffoldPlan }> {
  const plan = await planScaffold(root, which, options, fs, readTemplate);
  const result = await applyScaffold(plan, fs);
  return { ...result, notes: plan.notes, plan };
}
export { detectRepository, pickMinor, DEFAULT_PYTHON, CONTAINER_PORT, type RepoDetection, type DependencyInfo, type EntryPoint, type Installer, type CommandInfo, type Fact } from './detect';
