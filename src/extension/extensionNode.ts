// Entry point of the extension's Node bundle: the extension of extension.ts, plus what only a
// Node extension host can do. A folder on this machine's disk is read through Node's file system,
// as the CLI and the language server read it (one system call per listing, sizes taken at read
// time), and its first scan is shared with worker threads (dist/analyzeWorker.js). Remote and
// virtual folders keep reading through vscode.workspace.fs.

import * as path from 'node:path';
import type * as vscode from 'vscode';
import { AnalyzePool } from '../node/analyzePool';
import { NodeFileSystem } from '../node/nodeFs';
import type { LocalFolders } from './controller';
import { activate as activateExtension, deactivate, type PocReadinessApi } from './extension';

export { deactivate, type PocReadinessApi };

export function activate(context: vscode.ExtensionContext): PocReadinessApi {
  const nodeFs = new NodeFileSystem();
  const localFolders: LocalFolders = {
    // On Windows a file URI's path (/c:/…) is not the engine's path (c:/…): such folders keep vscode.workspace.fs.
    fileSystemFor: (folder) => (folder.scheme === 'file' && process.platform !== 'win32' ? nodeFs : undefined),
    // Started on the first large scan only, and ended after each (LintController).
    pool: new AnalyzePool(path.join(context.extensionPath, 'dist', 'analyzeWorker.js')),
  };
  return activateExtension(context, localFolders);
}
