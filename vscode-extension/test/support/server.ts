/**
 * Starts the real server the way the extension does (settings -> candidates -> probe ->
 * `python -m spice_lsp` with the extension's environment and initializationOptions) and
 * talks LSP to it over stdio, as VS Code's language client would.
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { createProtocolConnection, ProtocolConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver-protocol/node";
import { candidates, chooseServer, ServerCommand, serverArgs } from "../../src/interpreter";
import { initializationOptions, readSettings, serverEnvironment, Settings } from "../../src/settings";

export const EXTENSION_ROOT = path.resolve(__dirname, "..", "..", "..");

/** The project's Python: $SPICE_LSP_PYTHON, else the repository's .venv (what `make install` builds). */
export function projectPython(): string {
  return process.env.SPICE_LSP_PYTHON ?? path.join(EXTENSION_ROOT, "..", ".venv", "bin", "python");
}

export interface Position { line: number; character: number }
export interface TextEdit { range: { start: Position; end: Position }; newText: string }

/** Apply LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split("\n");
  const offset = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

/** What a snippet without placeholders inserts (the generation item is such a snippet). */
export function snippetText(snippet: string): string {
  return snippet.replace(/\\([\\$}])/g, "$1");
}

export class ServerSession {
  readonly notifications: { method: string; params: any }[] = [];
  readonly appliedEdits: any[] = [];
  private waiters: (() => void)[] = [];
  capabilities: any;

  private constructor(readonly server: ServerCommand, readonly settings: Settings, readonly process: ChildProcess, readonly connection: ProtocolConnection, readonly stderr: string[]) {}

  /** Resolve the server from `settingValues` (as VS Code would read them) and initialize it. */
  static async start(settingValues: Record<string, unknown>, rootPath: string): Promise<ServerSession> {
    const { settings, problems } = readSettings({ get: <T>(key: string) => settingValues[key] as T | undefined });
    if (problems.length) {
      throw new Error(problems.join("; "));
    }
    const choice = await chooseServer(await candidates(settings.pythonCommand, { workspaceFolder: rootPath }));
    if (!choice.ok) {
      throw new Error(`${choice.message}\n(run \`make install\` in the repository first, or set SPICE_LSP_PYTHON)`);
    }
    const { env } = serverEnvironment(settings, process.env);
    const child = spawn(choice.server.command, serverArgs(choice.server), { env, cwd: rootPath, stdio: ["pipe", "pipe", "pipe"] });
    const stderr: string[] = [];
    child.stderr!.on("data", (d) => stderr.push(String(d)));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const session = new ServerSession(choice.server, settings, child, connection, stderr);
    for (const method of ["textDocument/publishDiagnostics", "window/showMessage", "window/logMessage", "$/progress"]) {
      connection.onNotification(method, (params: any) => session.record(method, params));
    }
    connection.onRequest("workspace/applyEdit", (params: any) => {
      session.appliedEdits.push(params);
      session.wake();
      return { applied: true };
    });
    connection.onRequest("window/workDoneProgress/create", () => null);
    connection.onRequest("client/registerCapability", () => null);
    connection.listen();
    const rootUri = `file://${rootPath}`;
    const result: any = await connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(rootPath) }],
      initializationOptions: initializationOptions(settings),
      capabilities: {
        textDocument: {
          synchronization: { didSave: true },
          publishDiagnostics: { relatedInformation: true },
          completion: { completionItem: { snippetSupport: true } },
          inlineCompletion: {},
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ["refactor.rewrite"] } } },
        },
        workspace: { applyEdit: true, executeCommand: {} },
        window: { workDoneProgress: true, showMessage: {} },
      },
    });
    session.capabilities = result.capabilities;
    await connection.sendNotification("initialized", {});
    return session;
  }

  private record(method: string, params: any): void {
    this.notifications.push({ method, params });
    this.wake();
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    waiting.forEach((w) => w());
  }

  /** Resolves once `found()` returns something; rejects after `timeoutMs` with the server's stderr. */
  async waitFor<T>(what: string, found: () => T | undefined, timeoutMs = 30000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = found();
      if (value !== undefined) {
        return value;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`timed out waiting for ${what}; server stderr:\n${this.stderr.join("").slice(-3000)}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  diagnosticsFor(uri: string, version?: number): any[] | undefined {
    const published = this.notifications.filter((n) => n.method === "textDocument/publishDiagnostics" && n.params.uri === uri
      && (version === undefined || n.params.version === version));
    return published.length ? published[published.length - 1].params.diagnostics : undefined;
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest("shutdown");
      await this.connection.sendNotification("exit");
    } catch {
      // already gone
    }
    const exited = new Promise((resolve) => this.process.once("exit", resolve));
    const timer = setTimeout(() => this.process.kill(), 5000);
    await exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}
