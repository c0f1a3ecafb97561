/**
 * The VS Code side of spice-lsp: resolves the Python that runs the server, starts the
 * language client with the user's settings as initializationOptions, and adds the commands
 * (generate, simulate, restart), a status-bar item and the output channels. Everything
 * that can be decided without VS Code lives in settings.ts, interpreter.ts, simulate.ts,
 * describe.ts and status.ts, where the unit tests reach it.
 */
import * as path from "path";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, State, TransportKind } from "vscode-languageclient/node";
import { findDescribeLine } from "./describe";
import { bundledLibs, candidates, chooseServer, describe, probe, PythonExtensionApi, serverArgs, ServerCommand, serverEnv, withBundle } from "./interpreter";
import { backendLabel, initializationOptions, readSettings, SECTION, serverEnvironment, Settings } from "./settings";
import {
  CommandUnavailable, formatReport, GENERATE_COMMAND, normalize, plotHtml, requestSimulation, serverHasCommand, SIMULATE_COMMAND,
  SimulationResult,
} from "./simulate";
import { ServerState, statusText, statusTooltip } from "./status";

const LANGUAGE = "spice";

let client: LanguageClient | undefined;
let log: vscode.LogOutputChannel;
let simulationOutput: vscode.OutputChannel;
let statusItem: vscode.StatusBarItem;
let settings: Settings;
let extensionRoot: string;
let server: ServerCommand | undefined;
let serverVersion: string | undefined;
let state: ServerState = "stopped";
let lastFailure: string | undefined;
const plotPanels = new Map<string, vscode.WebviewPanel>();

/** What the end-to-end tests (and other extensions) can see. */
export interface Api {
  state(): ServerState;
  client(): LanguageClient | undefined;
  lastFailure(): string | undefined;
}

export async function activate(context: vscode.ExtensionContext): Promise<Api> {
  extensionRoot = context.extensionPath;
  log = vscode.window.createOutputChannel("SPICE Language Server", { log: true });
  simulationOutput = vscode.window.createOutputChannel("SPICE Simulation");
  statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  statusItem.command = "spice-lsp.showOutput";
  context.subscriptions.push(
    log, simulationOutput, statusItem,
    vscode.commands.registerCommand("spice-lsp.generateNetlist", generateNetlist),
    vscode.commands.registerCommand("spice-lsp.simulateFile", simulateFile),
    vscode.commands.registerCommand("spice-lsp.restartServer", restart),
    vscode.commands.registerCommand("spice-lsp.showOutput", () => log.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION) && !e.affectsConfiguration(`${SECTION}.trace`)) {
        log.info("settings changed: restarting the server");
        void restart();
      }
    }),
    { dispose: () => void stop() },
  );
  await start();
  return { state: () => state, client: () => client, lastFailure: () => lastFailure };
}

export async function deactivate(): Promise<void> {
  await stop();
}

function setState(next: ServerState): void {
  state = next;
  const backend = settings ? backendLabel(settings) : "default";
  statusItem.text = statusText(next, backend);
  statusItem.tooltip = statusTooltip(next, backend, server && describe(server), serverVersion);
  statusItem.backgroundColor = next === "failed" ? new vscode.ThemeColor("statusBarItem.errorBackground") : undefined;
  statusItem.show();
}

async function pythonExtensionApi(): Promise<PythonExtensionApi | undefined> {
  const extension = vscode.extensions.getExtension<PythonExtensionApi>("ms-python.python");
  if (!extension) {
    return undefined;
  }
  try {
    return extension.isActive ? extension.exports : await extension.activate();
  } catch (error) {
    log.warn(`the Python extension did not activate: ${error}`);
    return undefined;
  }
}

/** One message with the actions that fix a server that cannot start. */
async function reportFailure(message: string): Promise<void> {
  lastFailure = message;
  log.error(message);
  setState("failed");
  const actions = ["Open Settings", "Show Log"];
  if (vscode.extensions.getExtension("ms-python.python")) {
    actions.splice(1, 0, "Select Interpreter");
  }
  const choice = await vscode.window.showErrorMessage(message, ...actions);
  if (choice === "Open Settings") {
    await vscode.commands.executeCommand("workbench.action.openSettings", `${SECTION}.server.pythonCommand`);
  } else if (choice === "Select Interpreter") {
    await vscode.commands.executeCommand("python.setInterpreter");
  } else if (choice === "Show Log") {
    log.show(true);
  }
}

async function start(): Promise<void> {
  setState("starting");
  lastFailure = undefined;
  const read = readSettings(vscode.workspace.getConfiguration(SECTION));
  settings = read.settings;
  const environment = serverEnvironment(settings, process.env);
  for (const problem of [...read.problems, ...environment.problems]) {
    log.warn(problem);
    void vscode.window.showWarningMessage(`spice-lsp: ${problem}`);
  }
  const folder = vscode.workspace.workspaceFolders?.[0];
  const found = withBundle(await candidates(settings.pythonCommand, {
    pythonApi: settings.pythonCommand.length ? undefined : await pythonExtensionApi(),
    resource: folder?.uri,
    workspaceFolder: folder?.uri.fsPath,
  }), settings.importStrategy, bundledLibs(extensionRoot));
  const choice = await chooseServer(found, (c) => probe(c, 30000, environment.env));
  for (const line of choice.tried) {
    log.info(`not used: ${line}`);
  }
  if (!choice.ok) {
    server = undefined;
    void reportFailure(choice.message);
    return;
  }
  server = choice.server;
  serverVersion = choice.version;
  log.info(`starting ${describe(server)}, spice_lsp ${serverVersion}`);
  const serverOptions: ServerOptions = {
    command: server.command,
    args: serverArgs(server),
    transport: TransportKind.stdio,
    options: { env: serverEnv(server, environment.env), cwd: folder?.uri.fsPath },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE, scheme: "file" }, { language: LANGUAGE, scheme: "untitled" }],
    initializationOptions: initializationOptions(settings),
    outputChannel: log,
    traceOutputChannel: log,
    middleware: {
      // The server's "Simulate" code lenses run spice-lsp.simulate as a VS Code command; its
      // answer would be dropped, so show it as "Simulate current file" does.
      executeCommand: async (command, args, next) => {
        const result = await next(command, args);
        if (command === SIMULATE_COMMAND && typeof args[0] === "string") {
          showSimulation(path.basename(vscode.Uri.parse(args[0]).fsPath), normalize(result));
        }
        return result;
      },
    },
    initializationFailedHandler: (error) => {
      void reportFailure(`spice-lsp: the server failed to initialize: ${error}. See the log (SPICE: Show server log).`);
      return false;
    },
  };
  const next = new LanguageClient(SECTION, "SPICE language server", serverOptions, clientOptions);
  // Inline completion is LSP 3.18: stable in vscode-languageclient 10+, proposed before that.
  next.registerProposedFeatures();
  next.onDidChangeState((e) => {
    if (e.newState === State.Running) {
      setState("running");
    } else if (e.newState === State.Starting) {
      setState("starting");
    } else if (state !== "failed") {
      setState("stopped");
    }
  });
  client = next;
  try {
    await next.start();
  } catch (error) {
    client = undefined;
    void reportFailure(`spice-lsp: the server did not start (${describe(server)}): ${error}. See the log (SPICE: Show server log).`);
  }
}

async function stop(): Promise<void> {
  const current = client;
  client = undefined;
  if (current) {
    try {
      await current.stop(5000);
    } catch (error) {
      log.warn(`stopping the server: ${error}`);
    }
  }
  setState("stopped");
}

async function restart(): Promise<void> {
  await stop();
  await start();
}

function runningClient(): LanguageClient | undefined {
  if (client && client.state === State.Running) {
    return client;
  }
  void vscode.window.showWarningMessage(lastFailure ?? "spice-lsp: the server is not running (SPICE: Restart server).");
  return undefined;
}

function spiceEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== LANGUAGE) {
    void vscode.window.showInformationMessage("spice-lsp: open a SPICE netlist first.");
    return undefined;
  }
  return editor;
}

async function generateNetlist(): Promise<void> {
  const editor = spiceEditor();
  const lsp = editor && runningClient();
  if (!editor || !lsp) {
    return;
  }
  const doc = editor.document;
  const lines = Array.from({ length: doc.lineCount }, (_, i) => doc.lineAt(i).text);
  const line = findDescribeLine(lines, editor.selection.active.line);
  if (line === undefined) {
    void vscode.window.showInformationMessage("spice-lsp: put the cursor on a `* describe: ...` line, e.g. `* describe: RC low-pass, R=1k, C=100n, AC sweep to 1 MHz`.");
    return;
  }
  // The server edits the document through workspace/applyEdit, and only if it is unchanged.
  const result = (await lsp.sendRequest("workspace/executeCommand", {
    command: GENERATE_COMMAND,
    arguments: [lsp.code2ProtocolConverter.asUri(doc.uri), line, doc.version],
  })) as { backend?: string; reason?: string; warnings?: string[]; checklist?: string[] } | null;
  if (result) {
    // The server shows the checklist in a message too; the log keeps it.
    log.info(`generated with ${result.backend}: ${result.reason}`);
    for (const line of result.checklist ?? []) {
      log.info(`  ${line}`);
    }
    for (const warning of result.warnings ?? []) {
      log.warn(warning);
    }
  }
}

async function simulateFile(): Promise<void> {
  const editor = spiceEditor();
  const lsp = editor && runningClient();
  if (!editor || !lsp) {
    return;
  }
  const doc = editor.document;
  const name = path.basename(doc.fileName);
  simulationOutput.show(true);
  if (!serverHasCommand(lsp.initializeResult?.capabilities, SIMULATE_COMMAND)) {
    simulationOutput.appendLine(`spice-lsp ${serverVersion ?? ""} has no ${SIMULATE_COMMAND} command: update the server.`);
    return;
  }
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: `Simulating ${name}` },
      () => requestSimulation(lsp, lsp.code2ProtocolConverter.asUri(doc.uri)),
    );
    showSimulation(name, result);
  } catch (error) {
    const message = error instanceof CommandUnavailable ? error.message : `simulation failed: ${error}`;
    simulationOutput.appendLine(message);
    void vscode.window.showErrorMessage(`spice-lsp: ${message}`);
  }
}

function showSimulation(name: string, result: SimulationResult): void {
  simulationOutput.append(formatReport(name, result));
  simulationOutput.show(true);
  if (!result.ok) {
    void vscode.window.showWarningMessage(`spice-lsp: ngspice reported errors for ${name} (see SPICE Simulation).`);
  }
  result.plots.forEach((plot) => showPlot(plot));
}

function showPlot(file: string): void {
  // One panel per plot name (the server writes each run to a new folder): a re-run replaces it.
  const title = path.basename(file);
  const options = { localResourceRoots: [vscode.Uri.file(path.dirname(file))], enableScripts: false };
  let panel = plotPanels.get(title);
  if (!panel) {
    panel = vscode.window.createWebviewPanel("spice-lsp.plot", title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, options);
    plotPanels.set(title, panel);
    panel.onDidDispose(() => plotPanels.delete(title));
  } else {
    panel.webview.options = options;
    panel.reveal(vscode.ViewColumn.Beside, true);
  }
  // A query string so a re-run with the same file name shows the new plot.
  const src = panel.webview.asWebviewUri(vscode.Uri.file(file)).with({ query: `t=${Date.now()}` });
  panel.webview.html = plotHtml(title, src.toString(), panel.webview.cspSource);
}
