// A minimal `vscode` module for timing the extension's activation outside VS Code: enough API
// for module evaluation and activate() to run (registrations return disposables, events never
// fire). Anything not modelled falls back to a no-op that returns a disposable.

/* eslint-disable @typescript-eslint/no-explicit-any */

const disposable = () => ({ dispose() {} });
const event = () => (_listener: unknown) => disposable();

/** Namespace whose unknown members are no-op functions returning a disposable. */
function ns<T extends object>(known: T): T {
  return new Proxy(known, {
    get(target, prop) {
      if (prop in target) return (target as any)[prop];
      if (typeof prop === 'symbol' || prop === 'then') return undefined;
      return (..._args: unknown[]) => disposable();
    },
  });
}

class Uri {
  constructor(readonly scheme: string, readonly authority: string, readonly path: string, readonly query = '', readonly fragment = '') {}
  static file(p: string) { return new Uri('file', '', p); }
  static parse(s: string) { const m = /^([a-z-]+):\/\/([^/]*)(.*)$/.exec(s); return m ? new Uri(m[1], m[2], m[3]) : new Uri('file', '', s); }
  static from(c: { scheme: string; authority?: string; path?: string }) { return new Uri(c.scheme, c.authority ?? '', c.path ?? ''); }
  static joinPath(u: Uri, ...parts: string[]) { return new Uri(u.scheme, u.authority, [u.path, ...parts].join('/')); }
  get fsPath() { return this.path; }
  with(c: { scheme?: string; path?: string }) { return new Uri(c.scheme ?? this.scheme, this.authority, c.path ?? this.path); }
  toString() { return `${this.scheme}://${this.authority}${this.path}`; }
}

class EventEmitter<T> {
  private listeners: Array<(e: T) => void> = [];
  event = (l: (e: T) => void) => { this.listeners.push(l); return disposable(); };
  fire(e: T) { for (const l of this.listeners) l(e); }
  dispose() { this.listeners = []; }
}

class Disposable {
  constructor(private readonly fn: () => void) {}
  static from(...ds: Array<{ dispose(): unknown }>) { return new Disposable(() => ds.forEach((d) => d.dispose())); }
  dispose() { this.fn(); }
}

class CodeActionKind {
  constructor(readonly value: string) {}
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Refactor = new CodeActionKind('refactor');
  static readonly Source = new CodeActionKind('source');
  static readonly SourceFixAll = new CodeActionKind('source.fixAll');
  static readonly SourceOrganizeImports = new CodeActionKind('source.organizeImports');
  append(part: string) { return new CodeActionKind(this.value ? `${this.value}.${part}` : part); }
  contains(other: CodeActionKind) { return this.value === other.value || other.value.startsWith(this.value + '.'); }
  intersects(other: CodeActionKind) { return this.contains(other) || other.contains(this); }
}

class Position { constructor(readonly line: number, readonly character: number) {} }
class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: any, b: any, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : b;
  }
}
class Selection extends Range {}
class Bag { constructor(...args: unknown[]) { Object.assign(this, { args }); } }

export function createVscodeStub(workspaceFolder?: string): Record<string, unknown> {
  const folders = workspaceFolder ? [{ uri: Uri.file(workspaceFolder), name: workspaceFolder.split('/').pop(), index: 0 }] : [];
  const statusItem = () => ({ text: '', tooltip: undefined, name: '', command: undefined, show() {}, hide() {}, dispose() {} });
  return {
    version: '1.100.0',
    Uri, EventEmitter, Disposable, CodeActionKind, Position, Range, Selection,
    CodeAction: class extends Bag {}, Diagnostic: class extends Bag {}, WorkspaceEdit: class { insert() {} replace() {} createFile() {} },
    MarkdownString: class { value = ''; appendMarkdown(s: string) { this.value += s; return this; } },
    TreeItem: class extends Bag {}, ThemeIcon: class extends Bag {}, ThemeColor: class extends Bag {}, NotebookRange: class extends Bag {},
    StatusBarAlignment: { Left: 1, Right: 2 },
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    ViewColumn: { Active: -1, Beside: -2, One: 1 },
    NotebookCellKind: { Markup: 1, Code: 2 },
    window: ns({
      createStatusBarItem: statusItem,
      onDidChangeActiveTextEditor: event(),
      onDidChangeActiveNotebookEditor: event(),
      activeTextEditor: undefined,
      activeNotebookEditor: undefined,
    }),
    languages: ns({
      createDiagnosticCollection: () => ({ set() {}, delete() {}, clear() {}, dispose() {} }),
      getDiagnostics: () => [],
    }),
    commands: ns({ registerCommand: () => disposable(), executeCommand: async () => undefined }),
    workspace: ns({
      workspaceFolders: folders,
      textDocuments: [],
      notebookDocuments: [],
      getConfiguration: () => ({ get: (_k: string, d?: unknown) => d, has: () => false, inspect: () => undefined, update: async () => {} }),
      getWorkspaceFolder: () => folders[0],
      createFileSystemWatcher: () => ({ onDidCreate: event(), onDidChange: event(), onDidDelete: event(), dispose() {} }),
      fs: ns({}),
    }),
    env: ns({ language: 'en' }),
  };
}
