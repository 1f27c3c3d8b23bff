// The core's FileSystem over vscode.workspace.fs: works for local folders, remote and virtual
// workspaces, and VS Code for the Web. Paths are the URI paths of one workspace folder's scheme.

import * as vscode from 'vscode';
import type { DirEntry, FileStat, FileSystem } from '../core/fs';

export class VscodeFileSystem implements FileSystem {
  constructor(private readonly base: vscode.Uri) {}

  uri(path: string): vscode.Uri {
    return this.base.with({ path });
  }

  async readDirectory(path: string): Promise<DirEntry[]> {
    const entries = await vscode.workspace.fs.readDirectory(this.uri(path));
    return entries.map(([name, type]) => ({
      name,
      type: type & vscode.FileType.SymbolicLink ? 'symlink' : type & vscode.FileType.Directory ? 'directory' : type & vscode.FileType.File ? 'file' : 'other',
    }));
  }

  async stat(path: string): Promise<FileStat> {
    const s = await vscode.workspace.fs.stat(this.uri(path));
    return { type: s.type & vscode.FileType.Directory ? 'directory' : s.type & vscode.FileType.File ? 'file' : 'other', size: s.size, mtime: s.mtime };
  }

  async readFile(path: string): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(this.uri(path));
  }

  async exists(path: string): Promise<boolean> {
    try {
      await vscode.workspace.fs.stat(this.uri(path));
      return true;
    } catch {
      return false;
    }
  }
  // No realPath: vscode.workspace.fs cannot resolve links, so the walker never follows
  // symlinked folders here (it says so in the skip list) and loops are impossible.
}
