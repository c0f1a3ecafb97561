/**
 * The extension's launch logic against the real server (`python -m spice_lsp` from the
 * project's virtual environment): what VS Code shows for a netlist with an error, and what a
 * `* describe:` completion, inline completion and the generate command insert.
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CommandUnavailable, GENERATE_COMMAND, requestSimulation, serverHasCommand, SIMULATE_COMMAND } from "../../src/simulate";
import { applyEdits, snippetText, projectPython, ServerSession } from "../support/server";

const ERROR_NETLIST = "error netlist\nV1 a 0 1\nR1 a\n.op\n.end\n";
const DESCRIBE = "* describe: RC low-pass, R=1k, C=100n, AC sweep to 1 MHz";

describe("the real server, started as the extension starts it", function () {
  this.timeout(120000);
  let session: ServerSession;
  let root: string;
  let version = 0;
  const open = async (name: string, text: string) => {
    const uri = `file://${path.join(root, name)}`;
    fs.writeFileSync(path.join(root, name), text);
    await session.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "spice", version: ++version, text } });
    return { uri, version };
  };
  /** Our checker on a file: exit code 0 means no error-level diagnostic. */
  const check = (file: string) => {
    try {
      execFileSync(session.server.command, ["-m", "spice_lsp", "check", file], { encoding: "utf8" });
      return { ok: true, output: "" };
    } catch (error: any) {
      return { ok: false, output: `${error.stdout}${error.stderr}` };
    }
  };

  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "spice-ext-"));
    session = await ServerSession.start({
      "server.pythonCommand": [projectPython()],
      "generation.backend": "template",
      includePaths: [root],
    }, root);
  });
  after(async () => {
    await session?.stop();
  });

  it("accepts the extension's initializationOptions without complaint and advertises what the extension uses", () => {
    const warnings = session.notifications.filter((n) => n.method === "window/showMessage");
    assert.deepStrictEqual(warnings, []);
    const caps = session.capabilities;
    assert.ok(caps.completionProvider, "completion");
    assert.ok(caps.inlineCompletionProvider, "inline completion");
    assert.ok(caps.codeActionProvider, "code actions");
    assert.ok(serverHasCommand(caps, GENERATE_COMMAND), JSON.stringify(caps.executeCommandProvider));
  });

  it("publishes the node-count error of `R1 a`", async () => {
    const { uri, version: v } = await open("error.cir", ERROR_NETLIST);
    const diagnostics = await session.waitFor("diagnostics", () => session.diagnosticsFor(uri, v));
    const sp002 = diagnostics.filter((d) => d.code === "SP002");
    assert.strictEqual(sp002.length, 1, JSON.stringify(diagnostics));
    assert.deepStrictEqual(sp002[0].range, { start: { line: 2, character: 0 }, end: { line: 2, character: 4 } });
    assert.strictEqual(sp002[0].severity, 1);
    assert.strictEqual(sp002[0].source, "spice-lsp");
    assert.match(sp002[0].message, /R1/);
  });

  it("completes a `* describe:` line with a netlist that our checker and ngspice accept", async () => {
    const text = `${DESCRIBE}\n`;
    const { uri } = await open("describe.cir", text);
    const list: any = await session.connection.sendRequest("textDocument/completion", {
      textDocument: { uri }, position: { line: 0, character: DESCRIBE.length },
    });
    const item = list.items[0];
    assert.match(item.label, /^Generate netlist \(rc lowpass, template\)$/);
    assert.match(item.detail, /verified by ngspice/);
    assert.strictEqual(item.insertTextFormat, 2); // a snippet: Neovim's built-in completion inserts multi-line text only so
    assert.strictEqual(item.filterText, "MHz"); // the word typed last: every client keeps the item while it is typed
    const edit = { ...item.textEdit, newText: snippetText(item.textEdit.newText) };
    const filled = applyEdits(text, [edit, ...(item.additionalTextEdits ?? [])]);
    assert.ok(filled.startsWith(`${DESCRIBE}\n`), "the describe line stays");
    assert.match(item.documentation.value, /parses/); // the checklist, shown beside the item
    assert.match(filled, /^R\w*\s+\S+\s+\S+\s+1k\b/m);
    assert.match(filled, /^C\w*\s+\S+\s+\S+\s+100n\b/m);
    assert.match(filled, /^\.ac\b/m);
    fs.writeFileSync(path.join(root, "filled.cir"), filled);
    const checked = check(path.join(root, "filled.cir"));
    assert.ok(checked.ok, checked.output);
  });

  it("offers the same netlist as an inline completion", async () => {
    const text = `${DESCRIBE}\n`;
    const { uri } = await open("inline.cir", text);
    const completion: any = await session.connection.sendRequest("textDocument/completion", {
      textDocument: { uri }, position: { line: 0, character: DESCRIBE.length },
    });
    const inline: any = await session.connection.sendRequest("textDocument/inlineCompletion", {
      textDocument: { uri }, position: { line: 0, character: DESCRIBE.length },
      context: { triggerKind: 1 },
    });
    assert.strictEqual(inline.items.length, 1);
    const item = completion.items[0];
    assert.strictEqual(item.filterText + inline.items[0].insertText, snippetText(item.textEdit.newText));
  });

  it("runs the generate command as the extension's command does and applies the server's edit", async () => {
    const text = `RC filter\n${DESCRIBE}\n.end\n`;
    const { uri, version: v } = await open("command.cir", text);
    const before = session.appliedEdits.length;
    const result: any = await session.connection.sendRequest("workspace/executeCommand", {
      command: GENERATE_COMMAND, arguments: [uri, 1, v],
    });
    assert.strictEqual(result.backend, "template");
    const applied = await session.waitFor("workspace/applyEdit", () => session.appliedEdits[before]);
    const filled = applyEdits(text, applied.edit.changes[uri]);
    assert.ok(filled.startsWith(`RC filter\n${DESCRIBE}\n`));
    assert.strictEqual(filled.match(/^\.end$/gm)?.length, 1, "the document's .end is kept, the generated one dropped");
    fs.writeFileSync(path.join(root, "command-filled.cir"), filled);
    const checked = check(path.join(root, "command-filled.cir"));
    assert.ok(checked.ok, checked.output);
  });

  it("simulates through spice-lsp.simulate, or reports a server without it", async () => {
    const netlist = "RC divider\nV1 in 0 DC 5\nR1 in out 1k\nR2 out 0 1k\n.op\n.end\n";
    const { uri } = await open("simulate.cir", netlist);
    const client = { sendRequest: (method: string, params: unknown) => session.connection.sendRequest(method, params) };
    if (serverHasCommand(session.capabilities, SIMULATE_COMMAND)) {
      const result = await requestSimulation(client, uri);
      assert.deepStrictEqual(result.errors, []);
      assert.strictEqual(result.ok, true);
      assert.match(result.text, /2\.5/); // v(out) of the divider
      result.plots.forEach((plot) => assert.ok(fs.existsSync(plot), plot));
    } else {
      // The server this runs against predates the command: the extension must say so.
      await assert.rejects(requestSimulation(client, uri), CommandUnavailable);
    }
  });
});
