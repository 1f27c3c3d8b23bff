// A real LSP client for the protocol tests: `poc-readiness lsp --stdio` as a child process,
// spoken to over its stdio with vscode-languageserver-protocol (the library under VS Code's own
// client; vscode-languageclient itself needs a running VS Code).

import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ConfigurationItem,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { READINESS_NOTIFICATION, type ReadinessParams } from '../../src/lsp/protocol';

export const CLI = path.resolve(__dirname, '../../../dist/cli.js');

export interface StartOptions {
  folders: string[];
  initializationOptions?: unknown;
  /** Answers `workspace/configuration`; absent: the client does not offer it. */
  configuration?: (item: ConfigurationItem) => unknown;
  notebooks?: boolean;
  workspaceFolders?: boolean;
  /** The client resolves a code action's edit lazily (`codeAction/resolve`), as VS Code and Neovim do. */
  resolveEdits?: boolean;
  /** Added to the server's environment (POC_READINESS_WORKERS). */
  env?: Record<string, string>;
}

export class LspClient {
  readonly diagnostics = new Map<string, Diagnostic[]>();
  readonly readiness: ReadinessParams[] = [];
  /** window/logMessage from the server. */
  readonly logs: string[] = [];
  readonly stderr: string[] = [];
  private waiters: (() => void)[] = [];

  private constructor(
    readonly connection: ProtocolConnection,
    private readonly child: ChildProcess,
  ) {}

  static async start(options: StartOptions): Promise<LspClient> {
    const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], ...(options.env ? { env: { ...process.env, ...options.env } } : {}) });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(connection, child);
    child.stderr!.on('data', (d) => client.stderr.push(String(d)));
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      client.diagnostics.set(p.uri, p.diagnostics);
      client.wake();
    });
    connection.onNotification(READINESS_NOTIFICATION, (p: ReadinessParams) => {
      client.readiness.push(p);
      client.wake();
    });
    connection.onNotification(LogMessageNotification.type, (p) => client.logs.push(p.message));
    connection.onRequest(RegistrationRequest.type, () => null);
    if (options.configuration) connection.onRequest(ConfigurationRequest.type, (p) => p.items.map((item) => options.configuration!(item) ?? null));
    connection.listen();
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: !!options.configuration,
        workspaceFolders: options.workspaceFolders ?? true,
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
      },
      textDocument: {
        synchronization: { didSave: true, dynamicRegistration: false },
        publishDiagnostics: { codeDescriptionSupport: true },
        codeAction: {
          codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } },
          ...(options.resolveEdits ? { dataSupport: true, resolveSupport: { properties: ['edit'] } } : {}),
        },
      },
      ...(options.notebooks ? { notebookDocument: { synchronization: { dynamicRegistration: false, executionSummarySupport: true } } } : {}),
    };
    const result = await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities,
      workspaceFolders: options.folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      initializationOptions: options.initializationOptions,
    });
    client.serverCapabilities = result.capabilities;
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  serverCapabilities: unknown;

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when `ready()` holds after some notification (or already holds); rejects after `ms`. */
  async until<T>(what: string, ready: () => T | undefined | false, ms = 15000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = ready();
      if (value) return value;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; diagnostics: ${JSON.stringify([...this.diagnostics])}; stderr: ${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Diagnostics of a URI once they satisfy `ok`. */
  diagnosticsOf(uri: string, ok: (d: Diagnostic[]) => boolean, what = `diagnostics of ${uri}`): Promise<Diagnostic[]> {
    return this.until(what, () => {
      const d = this.diagnostics.get(uri);
      return d && ok(d) ? d : undefined;
    });
  }

  changeConfiguration(settings: unknown = null): Promise<void> {
    return this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => (this.child.exitCode !== null ? resolve() : this.child.once('exit', () => resolve())));
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } finally {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      this.connection.dispose();
    }
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get exitCode(): number | null {
    return this.child.exitCode;
  }
}

export function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/** A throwaway repository on disk: { relative path: content }. */
export function tempRepo(files: Record<string, string>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'poc-lsp-')));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

export function notebookText(cells: { cell_type: 'code' | 'markdown'; source: string[]; execution_count?: number | null }[]): string {
  return JSON.stringify(
    {
      cells: cells.map((c) => ({ cell_type: c.cell_type, metadata: {}, source: c.source, ...(c.cell_type === 'code' ? { execution_count: c.execution_count ?? null, outputs: [] } : {}) })),
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' }, language_info: { name: 'python' } },
      nbformat: 4,
      nbformat_minor: 5,
    },
    null,
    1,
  );
}
