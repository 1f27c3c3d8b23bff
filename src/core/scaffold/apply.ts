// Writes a scaffold plan. Every file goes through FileSystem.writeFileExclusive, which fails
// when the file exists: scaffolding never overwrites, even if a file appeared after planning.

import { pathExists, type FileSystem } from '../fs';
import { isInside } from '../path';
import type { KeptFile, PlannedFile, ScaffoldPlan } from './plan';
import type { ScaffoldId } from './templates';

export interface CreatedFile {
  scaffold: ScaffoldId;
  path: string;
  rel: string;
}

export interface FailedFile extends CreatedFile {
  error: string;
}

export interface ApplyResult {
  created: CreatedFile[];
  /** Kept by the plan, plus files that appeared between planning and writing. */
  kept: KeptFile[];
  failed: FailedFile[];
}

export async function applyScaffold(plan: ScaffoldPlan, fs: FileSystem): Promise<ApplyResult> {
  if (!fs.writeFileExclusive) throw new Error('this file system is read-only: cannot create files');
  const encoder = new TextEncoder();
  const result: ApplyResult = { created: [], kept: [...plan.kept], failed: [] };
  for (const file of plan.create) {
    const entry = { scaffold: file.scaffold, path: file.path, rel: file.rel };
    try {
      // Inside the PoC root, or, for a CI file, inside the repository top it was planned for.
      const within = isInside(plan.root, file.path) || !plan.repoRoot ? plan.root : plan.repoRoot;
      await fs.writeFileExclusive(file.path, encoder.encode(file.content), within);
      result.created.push(entry);
    } catch (err) {
      if (await pathExists(fs, file.path)) {
        result.kept.push({ ...entry, reason: `kept: ${file.rel} exists` });
      } else {
        result.failed.push({ ...entry, error: err instanceof Error ? err.message : String(err) });
      }
    }
  }
  return result;
}

export type { PlannedFile };
