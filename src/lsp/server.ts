// `poc-readiness lsp --stdio`: the language-server face over the core, for Neovim, Helix,
// JetBrains (LSP4IJ), JupyterLab (jupyter-lsp) and any other LSP client. Like the extension it
// keeps one Engine per workspace folder: a full scan at start and on new files, one file
// re-analysed per (debounced) edit, diagnostics pushed for every file the core lints.

import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  NotebookDocuments,
  TextDocuments,
  TextDocumentSyncKind,
  createConnection,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type NotebookDocument,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeText, Engine } from '../core/engine';
import { RULES } from '../core/rules';
import { planScaffold, SCAFFOLD_IDS, type ScaffoldId } from '../core/scaffold';
import { readTemplate } from '../node/templates';
import { basename, dirname, join } from '../core/path';
import { findingGroups, type Finding, type LintResult } from '../core/types';
import { AnalyzePool } from '../node/analyzePool';
import { NodeFileSystem, toPosix } from '../node/nodeFs';
import { planPathFix, planPathFixAll, siteOf, type FixSite, type FixSource, type PlannedFix } from '../core/fix/local-path';
import { changedSpan, sharedPrefixOf, withLocalPathAllowed, withRuleOff } from '../core/fix/manifest';
import { decodeText } from '../core/fs';
import { ignoreEdit } from '../core/fix/ignore';
import { notebookJson, place, toDiagnostic, type Placement } from './placement';
import { FIX_ALL_KIND, READINESS_NOTIFICATION, type ReadinessParams } from './protocol';
import { parseSettings, type ServerSettings } from './settings';

interface Folder {
  uri: string;
  /** Absolute "/"-separated path: the Engine's root. */
  path: string;
  engine: Engine;
  settings: ServerSettings;
  result?: LintResult;
  scan?: Promise<void>;
  rescan?: boolean;
}

/** What a scaffold code action carries until the client resolves it. */
interface ScaffoldActionData {
  scaffold: string;
  /** The folder's URI, as the server's folders are keyed. */
  folder: string;
  /** The PoC root, relative to the folder. */
  root: string;
}

interface Published {
  diagnostics: Diagnostic[];
  /** With the finding's folder and PoC root (workspace-relative), for the fixes that edit the PoC. */
  findings: { finding: Finding; placement: Placement; diagnostic: Diagnostic; folder?: Folder; root?: string }[];
  signature: string;
}

export interface ServerOptions {
  /**
   * A script that serves analysis requests in a worker thread (the CLI bundle itself): the first
   * scan of a large folder is shared with worker threads, which end when no scan runs.
   */
  workerScript?: string;
}

export function startServer(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout, options: ServerOptions = {}): Connection {
  const connection = createConnection(input, output);
  const server = new ReadinessServer(connection, options.workerScript ? new AnalyzePool(options.workerScript) : undefined);
  // Background work (rescans, re-reads) is not awaited by a request: its failure is logged, never fatal.
  process.on('unhandledRejection', (err) => server.logError(err));
  server.listen();
  connection.listen();
  return connection;
}

class ReadinessServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly notebooks = new NotebookDocuments(TextDocument);
  private readonly fs = new NodeFileSystem();
  private readonly folders = new Map<string, Folder>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Text-document versions seen at open: TextDocuments reports the open as a content change too. */
  private readonly openedVersion = new Map<string, number>();
  /**
   * The text of each open document (a file, a notebook cell) as the engine last got it. Findings
   * on a document whose text has moved on since (an edit still in the debounce, onSave mode) sit
   * on old lines: they get no edits, which would land on the wrong line.
   */
  private readonly appliedText = new Map<string, string>();
  private published = new Map<string, Published>();
  private readiness = new Map<string, string>();
  private capabilities: InitializeParams['capabilities'] = {};
  /** Settings the client gave without being asked (initializationOptions, pushed didChangeConfiguration). */
  private givenSettings: unknown[] = [];
  /** JupyterLab's notebooks as one Python text each (jupyter-lsp virtual documents), linted apart from the engine. */
  private readonly virtualFindings = new Map<string, Finding[]>();
  /** No workspace folder from the client: each file's project folder is found on its own. */
  private folderless = false;

  /** Scans in progress: the pool's workers end when the last one does. */
  private scansRunning = 0;

  constructor(
    private readonly connection: Connection,
    private readonly pool?: AnalyzePool,
  ) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => this.initialize(params));
    c.onInitialized(() => void this.initialized());
    c.onDidChangeConfiguration((params) => {
      const pushed = (params.settings as Record<string, unknown> | null | undefined) ?? undefined;
      if (pushed && typeof pushed === 'object' && Object.keys(pushed).length) this.givenSettings = [this.givenSettings[0], pushed];
      void this.reloadSettings();
    });
    c.onDidChangeWatchedFiles((params) => {
      for (const change of params.changes) this.onDiskEvent(change.uri, change.type);
    });
    c.onCodeAction((params) => this.codeActions(params));
    c.onCodeActionResolve((action) => this.resolveCodeAction(action));
    c.onShutdown(() => {
      for (const t of this.timers.values()) clearTimeout(t);
      this.timers.clear();
    });

    this.documents.onDidOpen((e) => {
      this.openedVersion.set(e.document.uri, e.document.version);
      // The text as opened: an edit right after the open is linted (or not, onSave) on its own terms.
      const opened = e.document.getText();
      this.scheduleDocument(e.document.uri, () => opened, 0);
    });
    this.documents.onDidChangeContent((e) => {
      if (this.openedVersion.get(e.document.uri) === e.document.version) return;
      if (this.settingsFor(e.document.uri).run === 'onType') this.scheduleDocument(e.document.uri, () => e.document.getText());
    });
    this.documents.onDidSave((e) => this.scheduleDocument(e.document.uri, () => e.document.getText(), 0, true));
    this.documents.onDidClose((e) => {
      this.openedVersion.delete(e.document.uri);
      this.appliedText.delete(e.document.uri);
      if (this.virtualFindings.delete(e.document.uri)) this.publish();
      this.reloadFromDisk(e.document.uri);
    });
    this.notebooks.onDidOpen((nb) => this.scheduleDocument(nb.uri, () => this.notebookText(nb), 0));
    this.notebooks.onDidChange((e) => {
      // Added or removed cells re-index findings, so they relint even in onSave mode.
      const structural = !!e.cells && (e.cells.added.length > 0 || e.cells.removed.length > 0);
      const content = !!e.cells && (e.cells.changed.textContent.length > 0 || e.cells.changed.data.length > 0);
      if (structural || (content && this.settingsFor(e.notebookDocument.uri).run === 'onType')) this.scheduleDocument(e.notebookDocument.uri, () => this.notebookText(e.notebookDocument));
    });
    this.notebooks.onDidSave((nb) => this.scheduleDocument(nb.uri, () => this.notebookText(nb), 0, true));
    // Closed: the disk wins again, and the findings move from the cells back onto the .ipynb file.
    this.notebooks.onDidClose((nb) => {
      for (const cell of nb.cells) this.appliedText.delete(cell.document);
      this.reloadFromDisk(nb.uri);
    });
    this.documents.listen(this.connection);
    this.notebooks.listen(this.connection);
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities;
    this.givenSettings = [params.initializationOptions];
    const given: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: basename(params.rootUri) }] : []);
    for (const f of given) this.addFolder(f.uri);
    this.folderless = this.folders.size === 0;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        // Markdown and raw cells too: findings count cells as nbformat does, Markdown included.
        notebookDocumentSync: { notebookSelector: [{ notebook: '*', cells: [{ language: 'python' }, { language: 'markdown' }, { language: 'raw' }] }], save: true },
        // Resolve: a scaffold's files are planned when the user picks it, not for every light bulb.
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'poc-readiness' },
    };
  }

  private async initialized(): Promise<void> {
    const ws = this.capabilities.workspace;
    if (ws?.didChangeConfiguration?.dynamicRegistration) void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'pocReadiness' });
    // New files change what a scan finds; clients without watchers get a rescan on save instead.
    if (ws?.didChangeWatchedFiles?.dynamicRegistration) void this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    if (ws?.workspaceFolders) {
      this.connection.workspace.onDidChangeWorkspaceFolders((e) => {
        for (const f of e.removed) this.removeFolder(f.uri);
        for (const f of e.added) void this.loadSettings(this.addFolder(f.uri)).then((folder) => this.scanFolder(folder));
      });
    }
    await Promise.all([...this.folders.values()].map((f) => this.loadSettings(f)));
    await Promise.all([...this.folders.values()].map((f) => this.scanFolder(f)));
  }

  // ------------------------------------------------------------------ folders and settings

  private addFolder(uri: string): Folder {
    const existing = this.folders.get(uri);
    if (existing) return existing;
    const path = pathOf(uri) ?? '/nonexistent';
    const settings = parseSettings(...this.givenSettings);
    const folder: Folder = { uri, path, settings, engine: new Engine(this.fs, path, { overrides: settings.overrides, ...(this.pool ? { offload: this.pool } : {}) }) };
    this.folders.set(uri, folder);
    return folder;
  }

  private removeFolder(uri: string): void {
    this.folders.delete(uri);
    this.readiness.delete(uri);
    this.publish();
  }

  /** Settings of a folder: what the client gave, overlaid by `workspace/configuration` when it answers it. */
  private async loadSettings(folder: Folder): Promise<Folder> {
    let pulled: unknown;
    if (this.capabilities.workspace?.configuration) {
      try {
        pulled = await this.connection.workspace.getConfiguration({ scopeUri: folder.uri, section: 'pocReadiness' });
      } catch {
        pulled = undefined;
      }
    }
    folder.settings = parseSettings(...this.givenSettings, pulled);
    folder.engine.reconfigure(folder.settings.overrides);
    return folder;
  }

  private async reloadSettings(): Promise<void> {
    const wasEnabled = new Map([...this.folders.values()].map((f) => [f.uri, f.settings.enable]));
    await Promise.all([...this.folders.values()].map((f) => this.loadSettings(f)));
    for (const folder of this.folders.values()) {
      if (folder.settings.enable && !wasEnabled.get(folder.uri)) void this.scanFolder(folder);
      else if (folder.result) folder.result = folder.engine.evaluate();
    }
    this.publish();
  }

  private settingsFor(uri: string): ServerSettings {
    return this.folderFor(uri)?.settings ?? parseSettings(...this.givenSettings);
  }

  /** The innermost workspace folder holding the URI's file. */
  private folderFor(uri: string): Folder | undefined {
    const path = pathOf(uri);
    if (!path) return undefined;
    let best: Folder | undefined;
    for (const f of this.folders.values()) {
      if ((path === f.path || path.startsWith(f.path.replace(/\/$/, '') + '/')) && (!best || f.path.length > best.path.length)) best = f;
    }
    return best;
  }

  /** Without workspace folders (an editor opened on one file): the nearest folder with a poc.yaml or .git, else the file's own. */
  private async adoptFolderFor(uri: string): Promise<Folder | undefined> {
    const path = pathOf(uri);
    if (!path) return undefined;
    let dir = dirname(path);
    for (let d = dir; d !== '/' && d !== '.'; d = dirname(d)) {
      if ((await this.fs.exists(join(d, 'poc.yaml'))) || (await this.fs.exists(join(d, '.git')))) {
        dir = d;
        break;
      }
    }
    const folder = this.folderFor(uri) ?? (await this.loadSettings(this.addFolder(pathToFileURL(dir).href)));
    await this.scanFolder(folder);
    return folder;
  }

  private relative(folder: Folder, uri: string): string | undefined {
    const path = pathOf(uri);
    const base = folder.path.replace(/\/$/, '');
    return path?.startsWith(base + '/') ? path.slice(base.length + 1) : undefined;
  }

  // ------------------------------------------------------------------ linting

  private scanFolder(folder: Folder): Promise<void> {
    if (folder.scan) {
      folder.rescan = true;
      return folder.scan;
    }
    if (!folder.settings.enable) {
      folder.result = undefined;
      this.publish();
      return Promise.resolve();
    }
    this.scansRunning++;
    const analysedBefore = this.pool?.analysed ?? 0;
    folder.scan = folder.engine
      .scan()
      .then(() => {
        const byWorkers = (this.pool?.analysed ?? 0) - analysedBefore;
        if (byWorkers > 0) this.connection.console.info(`poc-readiness: scanned ${folder.path}; worker threads analysed ${byWorkers} files`);
        // Text the client has open wins over what the scan read from disk.
        for (const doc of this.documents.all()) {
          const rel = this.relative(folder, doc.uri);
          if (rel && isVirtualDocument(rel)) this.lintVirtualDocument(folder, doc.uri, rel, doc.getText(), false);
          else if (rel && folder.engine.lintsText(rel)) this.applyText(folder, rel, doc.uri, doc.getText());
        }
        for (const nb of this.openNotebooks()) {
          const rel = this.relative(folder, nb.uri);
          if (rel && folder.engine.lintsText(rel)) this.applyText(folder, rel, nb.uri, this.notebookText(nb));
        }
        folder.result = folder.engine.evaluate();
      })
      .catch((err) => this.connection.console.error(`poc-readiness: scan of ${folder.path} failed: ${(err as Error).stack ?? err}`))
      .finally(() => {
        folder.scan = undefined;
        if (--this.scansRunning === 0) void this.pool?.close();
        if (this.folders.get(folder.uri) !== folder) return;
        this.publish();
        if (folder.rescan) {
          folder.rescan = false;
          void this.scanFolder(folder);
        }
      });
    return folder.scan;
  }

  /** Debounced incremental lint of one open document: parse one file, re-evaluate its roots. */
  private scheduleDocument(uri: string, text: () => string, delay?: number, saved = false): void {
    this.debounce(uri, delay ?? this.settingsFor(uri).debounceMs, () => void this.lintDocument(uri, text, saved).catch((err) => this.logError(err)));
  }

  private async lintDocument(uri: string, text: () => string, saved: boolean): Promise<void> {
    const folder = this.folderFor(uri) ?? (this.folderless ? await this.adoptFolderFor(uri) : undefined);
    if (!folder || !folder.settings.enable) return;
    const rel = this.relative(folder, uri);
    if (!rel) return;
    // A running scan re-applies open documents when it ends.
    if (folder.scan) return;
    if (isVirtualDocument(rel)) return this.lintVirtualDocument(folder, uri, rel, text());
    // Only files the walk accepted: ignored, virtualenv and oversized files stay out. A saved
    // file the walk has not seen yet (a client without file watchers) asks for a rescan; a saved
    // oversized one is looked at again on disk (it may have shrunk).
    if (!folder.engine.lintsText(rel)) {
      if (saved && folder.engine.isKnown(rel)) this.reloadFromDisk(uri);
      else if (saved) this.debounce(`scan:${folder.uri}`, 200, () => void this.scanFolder(folder));
      return;
    }
    this.applyText(folder, rel, uri, text());
    this.evaluate(folder);
    // A new poc.yaml or a renamed checklist makes the engine re-read a few files: show them when done.
    if (folder.engine.busy) void folder.engine.settled().then(() => this.evaluate(folder));
  }

  /** Whether the findings published on `uri` were made from its text as it is now. */
  private isCurrent(uri: string, text: string): boolean {
    const applied = this.appliedText.get(uri);
    if (applied !== undefined) return applied === text;
    // Not handed to the engine since it opened: the findings are the disk's, which it opened with.
    const doc = this.documents.get(uri);
    return !doc || this.openedVersion.get(uri) === doc.version;
  }

  private applyText(folder: Folder, rel: string, uri: string, text: string): void {
    folder.engine.updateFile(rel, text);
    const nb = this.notebooks.getNotebookDocument(uri);
    if (!nb) return void this.appliedText.set(uri, text);
    for (const cell of nb.cells) this.appliedText.set(cell.document, this.notebooks.getCellTextDocument(cell)?.getText() ?? '');
  }

  /**
   * jupyterlab-lsp sends an open notebook as one Python document, `.virtual_documents/<path>.ipynb`,
   * its code cells joined, and maps diagnostics back onto the cells itself. The file rules run on
   * that text; severities and the allow-list come from the client's settings. It stays out of
   * the engine: the notebook on disk already counts for the repository rules and the score.
   */
  private lintVirtualDocument(folder: Folder, uri: string, rel: string, text: string, publish = true): void {
    this.appliedText.set(uri, text);
    const real = notebookOfVirtual(rel);
    const root = folder.engine.rootOf(real) ?? '.';
    const analysis = analyzeText(real.replace(/\.ipynb$/i, '.py'), 'python', text, { localPathAllow: [], rootName: basename(root === '.' ? folder.path : root) });
    const { rules, localPathAllow = [] } = folder.settings.overrides;
    const findings: Finding[] = [];
    for (const raw of analysis.findings) {
      const rule = RULES.find((r) => r.id === raw.ruleId);
      const severity = rules?.[raw.ruleId] ?? rule?.severity;
      if (!rule || !severity || severity === 'off') continue;
      const path = raw.data?.path;
      if (raw.ruleId === 'local-path' && typeof path === 'string' && localPathAllow.some((p) => p && path.startsWith(p))) continue;
      findings.push({ ruleId: rule.id, pillar: rule.pillar, severity, file: real, ...raw.range, message: raw.message, ...(raw.data ? { data: raw.data } : {}) });
    }
    this.virtualFindings.set(uri, findings);
    if (publish) this.publish();
  }

  private reloadFromDisk(uri: string): void {
    const folder = this.folderFor(uri);
    const rel = folder && this.relative(folder, uri);
    if (!folder || !rel || !folder.engine.isKnown(rel)) return;
    void folder.engine.refreshFile(rel).then(() => this.evaluate(folder));
  }

  private onDiskEvent(uri: string, type: FileChangeType): void {
    const folder = this.folderFor(uri);
    const rel = folder && this.relative(folder, uri);
    if (!folder || !rel || !folder.settings.enable) return;
    const gitignore = /(^|\/)\.gitignore$/.test(rel);
    if (type === FileChangeType.Deleted && !gitignore) {
      this.debounce(uri, 100, () => {
        folder.engine.removeFile(rel);
        this.evaluate(folder);
      });
      return;
    }
    // New files and ignore-file edits may change which files count: rescan (unchanged files are not re-read).
    if (type === FileChangeType.Created || gitignore) {
      this.debounce(`scan:${folder.uri}`, 500, () => void this.scanFolder(folder));
      return;
    }
    if (!folder.engine.isKnown(rel) || this.documents.get(uri) || this.notebooks.getNotebookDocument(uri)) return;
    this.debounce(uri, 100, () => void folder.engine.refreshFile(rel).then(() => this.evaluate(folder)));
  }

  private evaluate(folder: Folder): void {
    if (folder.scan || this.folders.get(folder.uri) !== folder) return;
    folder.result = folder.engine.evaluate();
    this.publish();
  }

  logError(err: unknown): void {
    this.connection.console.error(`poc-readiness: ${(err as Error).stack ?? err}`);
  }

  private debounce(key: string, ms: number, fn: () => void): void {
    const prev = this.timers.get(key);
    if (prev) clearTimeout(prev);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        // A bug in one lint must not take the server (and every open editor's diagnostics) down.
        try {
          fn();
        } catch (err) {
          this.logError(err);
        }
      }, ms),
    );
  }

  // ------------------------------------------------------------------ notebooks

  private *openNotebooks(): Iterable<NotebookDocument> {
    const seen = new Set<string>();
    for (const doc of this.notebooks.cellTextDocuments.all()) {
      const nb = this.notebooks.findNotebookDocumentForCell(doc.uri);
      if (nb && !seen.has(nb.uri)) {
        seen.add(nb.uri);
        yield nb;
      }
    }
  }

  private notebookText(nb: NotebookDocument): string {
    const cells = nb.cells.map((cell) => {
      const doc = this.notebooks.getCellTextDocument(cell);
      return { kind: cell.kind, executionOrder: cell.executionSummary?.executionOrder, text: doc?.getText() ?? '', languageId: doc?.languageId };
    });
    return notebookJson(cells, nb.metadata);
  }

  // ------------------------------------------------------------------ publishing

  /** Pushes the diagnostics that changed (usually one file's on a keystroke) and the scores that changed. */
  private publish(): void {
    const next = new Map<string, Published>();
    for (const folder of this.folders.values()) {
      if (!folder.settings.enable || !folder.result) continue;
      const uriOf = (file: string) => this.uriOf(folder, file);
      const ctx = {
        uriOf,
        cellsOf: (uri: string) => this.notebooks.getNotebookDocument(uri)?.cells.map((c) => c.document),
      };
      for (const group of findingGroups(folder.result)) {
        for (const finding of group.findings) {
          const placement = place(finding, group.anchor, ctx);
          if (!placement) continue;
          const diagnostic = toDiagnostic(finding, placement);
          let entry = next.get(placement.uri);
          if (!entry) next.set(placement.uri, (entry = { diagnostics: [], findings: [], signature: '' }));
          entry.diagnostics.push(diagnostic);
          // Outside every PoC root there is no poc.yaml to edit: no root, so no PoC-level actions.
          entry.findings.push({ finding, placement, diagnostic, folder, ...(group.outside ? {} : { root: group.root }) });
        }
      }
      this.sendReadiness(folder);
    }
    for (const [uri, findings] of this.virtualFindings) {
      if (!this.folderFor(uri)?.settings.enable) continue;
      const entry: Published = { diagnostics: [], findings: [], signature: '' };
      for (const finding of findings) {
        const placement = place(finding, undefined, { uriOf: () => uri, cellsOf: () => undefined })!;
        const diagnostic = toDiagnostic(finding, placement);
        entry.diagnostics.push(diagnostic);
        entry.findings.push({ finding, placement, diagnostic });
      }
      next.set(uri, entry);
    }
    for (const [uri, entry] of next) entry.signature = JSON.stringify(entry.diagnostics);
    for (const uri of this.published.keys()) if (!next.has(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    for (const [uri, entry] of next) {
      if (this.published.get(uri)?.signature !== entry.signature) void this.connection.sendDiagnostics({ uri, diagnostics: entry.diagnostics });
    }
    this.published = next;
  }

  private sendReadiness(folder: Folder): void {
    const params: ReadinessParams = {
      folder: folder.uri,
      roots: (folder.result?.roots ?? []).map((r) => ({
        root: r.root,
        uri: r.root === '.' ? folder.uri : this.uriOf(folder, r.root),
        ...(r.anchor ? { anchor: this.uriOf(folder, r.anchor) } : {}),
        score: r.score.total,
        level: r.score.level,
        pillars: r.score.pillars,
        weakest: r.score.weakest,
        findings: r.findings.length,
      })),
    };
    const signature = JSON.stringify(params);
    if (this.readiness.get(folder.uri) === signature) return;
    this.readiness.set(folder.uri, signature);
    void this.connection.sendNotification(READINESS_NOTIFICATION, params);
  }

  /** The client's own spelling of an open file's URI (percent-encoding differs between clients), else a file: URI. */
  private uriOf(folder: Folder, file: string): string {
    const path = join(folder.path, file);
    for (const doc of this.documents.all()) if (pathOf(doc.uri) === path) return doc.uri;
    for (const nb of this.openNotebooks()) if (pathOf(nb.uri) === path) return nb.uri;
    return pathToFileURL(path).href;
  }

  // ------------------------------------------------------------------ code actions

  private async codeActions(params: CodeActionParams): Promise<CodeAction[]> {
    const uri = params.textDocument.uri;
    const entry = this.published.get(uri);
    const text = this.textOf(uri);
    if (!entry || text === undefined) return [];
    // A lone CR is a line break to the client but not to the core (which counts \n): positions
    // in such a text do not agree, so no edit is computed from them.
    const current = this.isCurrent(uri, text) && !/\r(?!\n)/.test(text);
    const only = params.context.only;
    if (only?.some((k) => k === 'source' || k === 'source.fixAll' || k === FIX_ALL_KIND)) {
      const all = current ? this.fixAll(uri, entry, FIX_ALL_KIND) : undefined;
      return all ? [all.action] : [];
    }
    if (only && !only.some((k) => k === CodeActionKind.QuickFix || k.startsWith(CodeActionKind.QuickFix + '.'))) return [];
    const wanted = params.context.diagnostics;
    const cell = !!this.notebooks.getNotebookCell(uri);
    const actions: CodeAction[] = [];
    let pathFixes = 0;
    for (const { finding, placement, diagnostic, folder, root } of entry.findings) {
      const asked = wanted.length
        ? wanted.some((d) => d.code === diagnostic.code && (d.range ? sameRange(d.range, diagnostic.range) : overlaps(diagnostic.range, params.range)))
        : overlaps(diagnostic.range, params.range);
      if (!asked) continue;
      const replace = placement.raw || !current ? undefined : this.pathFix(uri, diagnostic, finding);
      if (replace) {
        actions.push({ ...replace, diagnostics: [diagnostic], isPreferred: true });
        pathFixes++;
      }
      const ignore = finding.line && !placement.raw && current ? ignoreEdit(text, pathOf(uri) ?? uri, diagnostic.range.start.line, finding.ruleId, cell) : undefined;
      if (ignore) actions.push({ title: `Ignore ${finding.ruleId} on this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: [{ range: { start: ignore.start, end: ignore.end }, newText: ignore.newText }] } } });
      const scaffold = folder && root !== undefined && finding.data?.scaffold ? await this.scaffoldAction(folder, root, String(finding.data.scaffold)) : undefined;
      if (scaffold) actions.push({ ...scaffold, diagnostics: [diagnostic] });
      // The PoC's own lint settings in poc.yaml, as the extension offers them (no poc.yaml: the client's settings are the place).
      const manifest = folder && root !== undefined ? await this.manifestOf(folder, root) : undefined;
      const prefix = finding.ruleId === 'local-path' && typeof finding.data?.path === 'string' ? sharedPrefixOf(finding.data.path) : undefined;
      const allow = manifest && prefix ? manifestAction(manifest, `Allow the prefix ${prefix} for this PoC (lint.local_path_allow)`, (t) => withLocalPathAllowed(t, prefix)) : undefined;
      const off = manifest && REPOSITORY_RULES.has(finding.ruleId) ? manifestAction(manifest, `Turn off ${finding.ruleId} for this PoC`, (t) => withRuleOff(t, finding.ruleId)) : undefined;
      for (const a of [allow, off]) if (a) actions.push({ ...a, diagnostics: [diagnostic] });
    }
    // As vscode-eslint does: "fix all" right in the quick-fix list, when there is more than this one.
    if (pathFixes) {
      const all = this.fixAll(uri, entry, CodeActionKind.QuickFix);
      if (all && all.count > 1) actions.splice(pathFixes, 0, all.action);
    }
    return actions;
  }

  private pathFix(uri: string, diagnostic: Diagnostic, finding: Finding): CodeAction | undefined {
    const target = this.fixTarget(uri);
    const unit = target?.uris.indexOf(uri) ?? -1;
    const site = target && unit >= 0 ? siteAt(finding, unit, diagnostic.range) : undefined;
    const plan = site && planPathFix(target!.source, site);
    return plan ? toAction(plan, CodeActionKind.QuickFix, target!.uris) : undefined;
  }

  /**
   * Every safe path rewrite of the document, with `import os` once. For a notebook cell, the quick
   * fix covers every cell of the notebook (as its title says); `source.fixAll` (run on save, which
   * editors ask of each cell in turn) covers this cell, so the cells' edits never overlap.
   */
  private fixAll(uri: string, entry: Published, kind: string): { action: CodeAction; count: number } | undefined {
    const target = this.fixTarget(uri);
    const unit = target?.uris.indexOf(uri) ?? -1;
    if (!target || unit < 0) return undefined;
    const wholeNotebook = target.source.notebook && kind === CodeActionKind.QuickFix;
    const sites: FixSite[] = [];
    target.uris.forEach((cellUri, k) => {
      if (k !== unit && !wholeNotebook) return;
      const published = k === unit ? entry : this.published.get(cellUri);
      const text = k === unit ? undefined : target.source.units[k];
      if (!published || (text !== undefined && (text === null || !this.isCurrent(cellUri, text)))) return;
      for (const { finding, placement, diagnostic } of published.findings) {
        const site = placement.raw ? undefined : siteAt(finding, k, diagnostic.range);
        if (site) sites.push(site);
      }
    });
    const plan = planPathFixAll(target.source, sites, target.source.notebook && !wholeNotebook ? 'this cell' : undefined);
    return plan && { action: toAction(plan, kind, target.uris), count: plan.count };
  }

  /** The Python module, or every cell of the notebook a cell belongs to, as the core fix reads them. */
  private fixTarget(uri: string): { source: FixSource; uris: string[] } | undefined {
    const cell = this.notebooks.getNotebookCell(uri);
    if (cell) {
      const nb = this.notebooks.findNotebookDocumentForCell(uri);
      const fileInRoot = nb && this.pathInRoot(nb.uri);
      if (!nb || !fileInRoot) return undefined;
      const CODE = 2;
      const units = nb.cells.map((c) => {
        const doc = this.notebooks.getCellTextDocument(c);
        return c.kind === CODE && doc?.languageId === 'python' ? doc.getText() : null;
      });
      return { source: { fileInRoot, notebook: true, units }, uris: nb.cells.map((c) => c.document) };
    }
    const doc = this.documents.get(uri);
    const path = pathOf(uri) ?? '';
    const folder = this.folderFor(uri);
    const rel = folder && this.relative(folder, uri);
    // A jupyterlab-lsp virtual document runs as its notebook does: from the notebook's folder.
    if (doc && rel && isVirtualDocument(rel)) {
      const fileInRoot = this.pathInRoot(pathToFileURL(join(folder!.path, notebookOfVirtual(rel))).href);
      return fileInRoot ? { source: { fileInRoot, notebook: true, units: [doc.getText()] }, uris: [uri] } : undefined;
    }
    if (!doc || (doc.languageId !== 'python' && !/\.pyw?$/i.test(path))) return undefined;
    const fileInRoot = this.pathInRoot(uri);
    return fileInRoot ? { source: { fileInRoot, notebook: false, units: [doc.getText()] }, uris: [uri] } : undefined;
  }

  /** A file's path relative to its PoC root (what the core fix resolves defaults against). */
  private pathInRoot(uri: string): string | undefined {
    const folder = this.folderFor(uri);
    const rel = folder && this.relative(folder, uri);
    if (!folder || !rel) return undefined;
    const root = folder.engine.rootOf(rel) ?? '.';
    return root === '.' ? rel : rel.slice(root.length + 1);
  }

  /** The PoC's poc.yaml as the client has it (unsaved text included), else as on disk. */
  private async manifestOf(folder: Folder, root: string): Promise<{ uri: string; text: string } | undefined> {
    const rel = join(root, 'poc.yaml');
    if (!folder.engine.lintsText(rel)) return undefined;
    const uri = this.uriOf(folder, rel);
    const open = this.documents.get(uri)?.getText();
    if (open !== undefined) return { uri, text: open };
    try {
      const decoded = decodeText(await this.fs.readFile(join(folder.path, rel)));
      return decoded && !decoded.lossy ? { uri, text: decoded.text } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Text of an open document or notebook cell. */
  private textOf(uri: string): string | undefined {
    const cell = this.notebooks.getNotebookCell(uri);
    return (cell ? this.notebooks.getCellTextDocument(cell) : this.documents.get(uri))?.getText();
  }

  /**
   * "Scaffold the missing piece": planned now for a client that cannot resolve a code action's
   * edit, else left to `resolveCodeAction`, as planning reads the PoC (detection reads up to a
   * few hundred modules) and a client asks for code actions whenever the cursor moves.
   */
  private async scaffoldAction(folder: Folder, root: string, which: string): Promise<CodeAction | undefined> {
    if (!this.canCreateFiles() || !(SCAFFOLD_IDS as readonly string[]).includes(which)) return undefined;
    const title = `Scaffold the missing piece (${which})`;
    const codeAction = this.capabilities.textDocument?.codeAction;
    // Resolving needs the action's data back, which a client only promises with dataSupport.
    if (codeAction?.dataSupport && codeAction.resolveSupport?.properties.includes('edit')) {
      const data: ScaffoldActionData = { scaffold: which, folder: folder.uri, root };
      return { title, kind: CodeActionKind.QuickFix, data };
    }
    const edit = await this.scaffoldEdit(join(folder.path, root), which);
    return edit && { title, kind: CodeActionKind.QuickFix, edit };
  }

  private async resolveCodeAction(action: CodeAction): Promise<CodeAction> {
    const data = action.data as Partial<ScaffoldActionData> | undefined;
    // The data comes back from the client: only a folder this server has, and a root inside it, are planned.
    const folder = typeof data?.folder === 'string' ? this.folders.get(data.folder) : undefined;
    if (!folder || typeof data?.scaffold !== 'string' || typeof data.root !== 'string' || !folder.engine.roots().includes(data.root)) return action;
    const edit = await this.scaffoldEdit(join(folder.path, data.root), data.scaffold);
    return edit ? { ...action, edit } : action;
  }

  private canCreateFiles(): boolean {
    const edit = this.capabilities.workspace?.workspaceEdit;
    return !!edit?.documentChanges && !!edit.resourceOperations?.includes('create');
  }

  /**
   * The files a scaffold creates, as a workspace edit (create, then insert the content), for
   * clients that can create files. A file that appeared meanwhile makes the client refuse the
   * edit (neither `overwrite` nor `ignoreIfExists`): nothing existing is ever written into.
   */
  private async scaffoldEdit(root: string, which: string): Promise<WorkspaceEdit | undefined> {
    if (!this.canCreateFiles() || !(SCAFFOLD_IDS as readonly string[]).includes(which)) return undefined;
    try {
      const plan = await planScaffold(root, which as ScaffoldId, {}, this.fs, readTemplate);
      if (!plan.create.length) return undefined;
      return {
        documentChanges: plan.create.flatMap((file) => {
          const uri = pathToFileURL(file.path).href;
          return [
            { kind: 'create' as const, uri, options: { overwrite: false, ignoreIfExists: false } },
            { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: file.content }] },
          ];
        }),
      };
    } catch (err) {
      this.logError(err);
      return undefined;
    }
  }
}

const REPOSITORY_RULES = new Set(RULES.filter((r) => r.scope === 'repository').map((r) => r.id));

/** An edit of poc.yaml (the span that changes), or undefined when the edit cannot be made safely or changes nothing. */
function manifestAction(manifest: { uri: string; text: string }, title: string, edit: (text: string) => string | undefined): CodeAction | undefined {
  const next = edit(manifest.text);
  if (next === undefined || next === manifest.text) return undefined;
  const { start, end, newText } = changedSpan(manifest.text, next);
  return { title, kind: CodeActionKind.QuickFix, edit: { changes: { [manifest.uri]: [{ range: { start, end }, newText }] } } };
}

/** The finding's site where its diagnostic is now. */
function siteAt(finding: Finding, unit: number, range: Range): FixSite | undefined {
  const site = siteOf(finding);
  return site && { ...site, unit, start: range.start, end: range.end };
}

function toAction(plan: PlannedFix, kind: string, uris: readonly string[]): CodeAction {
  const changes: Record<string, TextEdit[]> = {};
  for (const e of plan.edits) (changes[uris[e.unit]] ??= []).push({ range: { start: e.start, end: e.end }, newText: e.newText });
  return { title: plan.title, kind, edit: { changes } };
}

function isVirtualDocument(rel: string): boolean {
  return /(^|\/)\.virtual_documents\/.+\.ipynb$/i.test(rel);
}

/** The notebook a jupyter-lsp virtual document stands for: `.virtual_documents/a/b.ipynb` → `a/b.ipynb`. */
function notebookOfVirtual(rel: string): string {
  return rel.replace(/(^|\/)\.virtual_documents\//, '$1');
}

function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return toPosix(fileURLToPath(uri)).replace(/(.)\/$/, '$1');
  } catch {
    return undefined;
  }
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
