// Keeps one core Engine per workspace folder in step with the editor and the disk:
// full scans (activation, file events, commands) and keystroke-cheap incremental updates.

import * as vscode from 'vscode';
import { BASELINE_FILE, applyBaseline, loadBaseline, type Baseline } from '../core/baseline';
import { Engine, type Offload } from '../core/engine';
import type { FileSystem } from '../core/fs';
import { join as joinPath, relative as relativeTo } from '../core/path';
import type { LintResult, RootResult } from '../core/types';
import { readSettings, type Settings } from './settings';
import { VscodeFileSystem } from './vscodeFs';

/**
 * What the Node extension host adds (extensionNode.ts; none in VS Code for the Web): a local
 * folder read through Node's file system, as the CLI reads it, with its first scan shared with
 * worker threads.
 */
export interface LocalFolders {
  /** Undefined for a folder that is not on this machine's disk (remote, virtual). */
  fileSystemFor(folder: vscode.Uri): FileSystem | undefined;
  pool: Offload & { readonly analysed: number; close(): Promise<void> };
}

/** One full scan of a folder, for the log and the extension's API. */
export interface ScanRecord {
  folder: string;
  files: number;
  /** Files worker threads analysed (0 when the folder is not local, small, or on one core). */
  workerFiles: number;
  ms: number;
}

export interface FolderState {
  folder: vscode.WorkspaceFolder;
  fs: FileSystem;
  /** Read through Node's file system (see LocalFolders). */
  local: boolean;
  engine: Engine;
  result?: LintResult;
  /** The folder's .poc-readiness-baseline.json: its findings are shown lower (or hidden), never change the score. */
  baseline?: Baseline;
}

/** A scan slower than this gets a cancellable progress notification. */
const NOTIFY_AFTER_MS = 1500;

export class LintController implements vscode.Disposable {
  private readonly folders = new Map<string, FolderState>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly scans = new Map<string, Promise<void>>();
  /** Folders whose files changed while a scan was running: scanned once more when it ends. */
  private readonly rescanRequested = new Set<string>();
  private settings: Settings = readSettings();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after results change (diagnostics, status bar and view listen). */
  readonly onDidChangeResults = this.changed.event;

  /** The last full scan of each folder. */
  readonly lastScans = new Map<string, ScanRecord>();

  constructor(
    private readonly log?: vscode.LogOutputChannel,
    private readonly localFolders?: LocalFolders,
  ) {}

  start(): void {
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.addFolder(folder);
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      this.changed,
      watcher,
      watcher.onDidCreate((uri) => this.onDiskEvent(uri, 'created')),
      watcher.onDidChange((uri) => this.onDiskEvent(uri, 'changed')),
      watcher.onDidDelete((uri) => this.onDiskEvent(uri, 'deleted')),
      vscode.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const f of e.removed) {
          this.folders.delete(f.uri.toString());
          this.rescanRequested.delete(f.uri.toString());
        }
        for (const f of e.added) void this.scanFolder(this.addFolder(f));
        this.changed.fire();
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.settings.run === 'onType' && e.contentChanges.length) this.scheduleDocument(e.document.uri, () => e.document.getText());
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => this.scheduleDocument(doc.uri, () => doc.getText(), 0)),
      vscode.workspace.onDidChangeNotebookDocument((e) => {
        // Outputs and metadata do not change findings; cell text, order and execution counts do.
        // Added or removed cells re-index findings, so they relint even in onSave mode.
        const structural = e.contentChanges.length > 0;
        const content = e.cellChanges.some((c) => c.document || c.executionSummary);
        if (structural || (content && this.settings.run === 'onType')) this.scheduleDocument(e.notebook.uri, () => notebookJson(e.notebook));
      }),
      vscode.workspace.onDidSaveNotebookDocument((nb) => this.scheduleDocument(nb.uri, () => notebookJson(nb), 0)),
      // Closed without saving: the disk wins again over the editor text the engine last saw.
      vscode.workspace.onDidCloseTextDocument((doc) => this.reloadFromDisk(doc.uri)),
      // A notebook that opens moves its findings from the .ipynb file onto its cells.
      vscode.workspace.onDidOpenNotebookDocument(() => this.changed.fire()),
      vscode.workspace.onDidCloseNotebookDocument((nb) => this.reloadFromDisk(nb.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('pocReadiness')) return;
        const wasEnabled = this.settings.enable;
        this.settings = readSettings();
        for (const state of this.folders.values()) state.engine.reconfigure(readSettings(state.folder.uri).overrides);
        if (this.settings.enable && !wasEnabled) this.scanAll();
        else this.evaluateAll();
      }),
    );
  }

  /** A scan is running in some folder (the status bar says so until the first results). */
  get scanning(): boolean {
    return this.scans.size > 0;
  }

  get enabled(): boolean {
    return this.settings.enable;
  }

  states(): FolderState[] {
    return [...this.folders.values()];
  }

  private addFolder(folder: vscode.WorkspaceFolder): FolderState {
    const localFs = this.localFolders?.fileSystemFor(folder.uri);
    const fs = localFs ?? new VscodeFileSystem(folder.uri);
    // Rule severities, ignores and the allow-list may differ per folder of a multi-root workspace.
    const overrides = readSettings(folder.uri).overrides;
    const engine = new Engine(fs, folder.uri.path, localFs ? { overrides, offload: this.localFolders!.pool } : { overrides });
    const state = { folder, fs, local: !!localFs, engine };
    this.folders.set(folder.uri.toString(), state);
    return state;
  }

  /** Full scan of every folder; a slow one shows a cancellable notification. */
  scanAll(): Promise<void> {
    return Promise.all(this.states().map((s) => this.scanFolder(s))).then(() => undefined);
  }

  private scanFolder(state: FolderState): Promise<void> {
    const key = state.folder.uri.toString();
    const running = this.scans.get(key);
    if (running) {
      this.rescanRequested.add(key);
      return running;
    }
    let cancelled = false;
    let finished = false;
    const progress: { report?: (done: number, total: number) => void } = {};
    const started = Date.now();
    const analysedBefore = this.localFolders?.pool.analysed ?? 0;
    const scan = state.engine
      .scan({ isCancelled: () => cancelled, onProgress: (d, t) => progress.report?.(d, t) })
      .then(async () => {
        if (cancelled) {
          this.log?.info(`The scan of ${state.folder.name} was cancelled.`);
          return;
        }
        this.reapplyOpenDocuments(state);
        await this.loadBaseline(state);
        state.result = this.resultOf(state);
        const r = state.result;
        const scores = r.roots.map((x) => `${x.root === '.' ? 'The PoC' : `The PoC in ${x.root}`} scores ${x.score.total}% (${x.score.level}) with ${x.findings.length} finding${x.findings.length === 1 ? '' : 's'}.`);
        // Another folder's scan may share the pool meanwhile: the count is of this scan's time span.
        const record: ScanRecord = { folder: key, files: r.filesLinted, workerFiles: (this.localFolders?.pool.analysed ?? 0) - analysedBefore, ms: Date.now() - started };
        this.lastScans.set(key, record);
        const shared = record.workerFiles ? ` (worker threads analysed ${record.workerFiles})` : '';
        this.log?.info(`Scanned ${state.folder.name}: ${r.filesLinted} files${shared} in ${record.ms} ms. ${scores.join(' ')}`);
        for (const s of r.skipped) this.log?.debug(`Skipped ${s.path} in ${state.folder.name}: ${s.reason}.`);
        this.changed.fire();
      })
      .catch((err) => this.log?.error(`The scan of ${state.folder.name} failed: ${(err as Error).stack ?? err}`))
      .finally(() => {
        finished = true;
        this.scans.delete(key);
        if (this.rescanRequested.delete(key) && this.folders.get(key) === state) void this.scanFolder(state);
        // Workers hold memory: they end when no scan runs, and start again with the next one.
        else if (this.scans.size === 0) void this.localFolders?.pool.close();
      });
    this.scans.set(key, scan);
    this.changed.fire();
    setTimeout(() => {
      if (finished) return;
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `PoC Readiness: scanning ${state.folder.name}`, cancellable: true },
        (p, token) => {
          token.onCancellationRequested(() => (cancelled = true));
          let last = 0;
          progress.report = (done, total) => {
            const pct = total ? (100 * done) / total : 0;
            p.report({ message: `${done} / ${total} files`, increment: pct - last });
            last = pct;
          };
          return scan;
        },
      );
    }, NOTIFY_AFTER_MS);
    return scan;
  }

  /** Unsaved editor text wins over what a scan read from disk. */
  private reapplyOpenDocuments(state: FolderState): void {
    for (const doc of vscode.workspace.textDocuments) {
      if (!doc.isDirty) continue;
      const rel = this.relative(state, doc.uri);
      // As on a keystroke: ignored and oversized files stay out.
      if (rel && state.engine.lintsText(rel)) state.engine.updateFile(rel, doc.getText());
    }
    for (const nb of vscode.workspace.notebookDocuments) {
      if (!nb.isDirty) continue;
      const rel = this.relative(state, nb.uri);
      if (rel && state.engine.lintsText(rel)) state.engine.updateFile(rel, notebookJson(nb));
    }
  }

  private stateOf(uri: vscode.Uri): FolderState | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.folders.get(folder.uri.toString()) : undefined;
  }

  relative(state: FolderState, uri: vscode.Uri): string | undefined {
    if (uri.scheme !== state.folder.uri.scheme || uri.authority !== state.folder.uri.authority) return undefined;
    const base = state.folder.uri.path.replace(/\/$/, '');
    return uri.path.startsWith(base + '/') ? uri.path.slice(base.length + 1) : undefined;
  }

  /** Debounced incremental lint of one document (keystroke path: parse one file, re-evaluate roots). */
  private scheduleDocument(uri: vscode.Uri, text: () => string, delay = this.settings.debounceMs): void {
    if (!this.settings.enable) return;
    const state = this.stateOf(uri);
    const rel = state && this.relative(state, uri);
    // Only files the walk accepted: ignored, virtualenv and oversized files stay out.
    if (!state || !rel || !state.engine.lintsText(rel)) return;
    this.debounce(uri.toString(), delay, () => {
      state.engine.updateFile(rel, text());
      this.evaluate(state);
      // A new poc.yaml or a renamed checklist makes the engine re-read a few files: show them when done.
      if (state.engine.busy) void state.engine.settled().then(() => this.evaluate(state));
    });
  }

  private reloadFromDisk(uri: vscode.Uri): void {
    const state = this.stateOf(uri);
    const rel = state && this.relative(state, uri);
    if (!state || !rel || !state.engine.isKnown(rel)) return;
    void state.engine.refreshFile(rel).then(() => this.evaluate(state));
  }

  private onDiskEvent(uri: vscode.Uri, kind: 'created' | 'changed' | 'deleted'): void {
    if (!this.settings.enable) return;
    const state = this.stateOf(uri);
    const rel = state && this.relative(state, uri);
    if (!state || !rel) return;
    if (rel === BASELINE_FILE) {
      this.debounce(uri.toString(), 100, () => void this.loadBaseline(state).then(() => this.evaluate(state)));
      return;
    }
    if (kind === 'deleted' && !/(^|\/)\.gitignore$/.test(rel)) {
      // A file or a whole folder went away: drop it, no rescan needed.
      this.debounce(uri.toString(), 100, () => {
        state.engine.removeFile(rel);
        this.evaluate(state);
      });
      return;
    }
    // New files and ignore-file edits may change which files count: rescan (the walk decides
    // what is ignored; unchanged files are not re-read).
    if (kind === 'created' || /(^|\/)\.gitignore$/.test(rel)) {
      this.debounce(`scan:${state.folder.uri}`, 500, () => void this.scanFolder(state));
      return;
    }
    if (!state.engine.isKnown(rel)) return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) return;
    this.debounce(uri.toString(), 100, () => {
      void state.engine.refreshFile(rel).then(() => this.evaluate(state));
    });
  }

  private evaluate(state: FolderState): void {
    // While a scan runs the engine is half-filled: its completion evaluates.
    if (this.scans.has(state.folder.uri.toString())) return;
    state.result = this.resultOf(state);
    this.changed.fire();
  }

  private evaluateAll(): void {
    for (const state of this.folders.values()) if (state.result) state.result = this.resultOf(state);
    this.changed.fire();
  }

  private resultOf(state: FolderState): LintResult {
    const result = state.engine.evaluate();
    return state.baseline ? applyBaseline(result, state.baseline).result : result;
  }

  /** (Re)reads the folder's baseline; an unusable one is logged and ignored. */
  private async loadBaseline(state: FolderState): Promise<void> {
    try {
      state.baseline = await loadBaseline(state.fs, `${state.folder.uri.path.replace(/\/$/, '')}/${BASELINE_FILE}`);
    } catch (err) {
      state.baseline = undefined;
      this.log?.warn(`${state.folder.name}: ${BASELINE_FILE} is unusable and ignored: ${(err as Error).message}`);
    }
  }

  private debounce(key: string, ms: number, fn: () => void): void {
    const prev = this.timers.get(key);
    if (prev) clearTimeout(prev);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      fn();
    }, ms));
  }

  /** A file's path relative to its PoC root (`notebooks/eda.ipynb`), for fixes that write relative paths. */
  pathInRoot(uri: vscode.Uri): string | undefined {
    const state = this.stateOf(uri);
    const rel = state && this.relative(state, uri);
    if (!state || !rel) return undefined;
    return relativeTo(state.engine.rootOf(rel) ?? '.', rel);
  }

  /** The poc.yaml of the PoC a document belongs to, when the engine has one. */
  manifestOf(uri: vscode.Uri): vscode.Uri | undefined {
    const target = uri.scheme === 'vscode-notebook-cell' ? notebookOfCell(uri)?.uri : uri;
    const state = target && this.stateOf(target);
    const rel = state && this.relative(state, target!);
    if (!state || !rel) return undefined;
    const manifest = joinPath(state.engine.rootOf(rel) ?? '.', 'poc.yaml');
    return state.engine.isKnown(manifest) ? fileUri(state, manifest) : undefined;
  }

  /** The PoC root the user is looking at: the active editor's, else the first one. */
  activeRoot(): { state: FolderState; root: RootResult } | undefined {
    const uri = vscode.window.activeNotebookEditor?.notebook.uri ?? vscode.window.activeTextEditor?.document.uri;
    const cellNotebook = uri?.scheme === 'vscode-notebook-cell' ? notebookOfCell(uri)?.uri : undefined;
    const target = cellNotebook ?? uri;
    if (target) {
      const state = this.stateOf(target);
      const rel = state && this.relative(state, target);
      if (state?.result && rel) {
        const rootPath = state.engine.rootOf(rel);
        const root = state.result.roots.find((r) => r.root === rootPath);
        if (root) return { state, root };
      }
    }
    for (const state of this.folders.values()) if (state.result?.roots[0]) return { state, root: state.result.roots[0] };
    return undefined;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
    void this.localFolders?.pool.close();
  }
}

/** The URI of a workspace-relative file of a folder (same scheme and authority: remote and virtual too). */
export function fileUri(state: FolderState, file: string): vscode.Uri {
  return vscode.Uri.joinPath(state.folder.uri, file);
}

/** The open notebook a cell document belongs to. */
export function notebookOfCell(cell: vscode.Uri): vscode.NotebookDocument | undefined {
  const key = cell.toString();
  return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document.uri.toString() === key));
}

/** The nbformat JSON of an open notebook, so unsaved cells are linted like the saved file. */
export function notebookJson(nb: vscode.NotebookDocument): string {
  return JSON.stringify({
    cells: nb.getCells().map((cell) => ({
      cell_type: cell.kind === vscode.NotebookCellKind.Code ? 'code' : 'markdown',
      execution_count: cell.executionSummary?.executionOrder ?? null,
      metadata: {},
      source: cell.document.getText(),
      outputs: [],
    })),
    metadata: { ...(nb.metadata ?? {}), language_info: { name: nb.getCells().find((c) => c.kind === vscode.NotebookCellKind.Code)?.document.languageId ?? 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  });
}
