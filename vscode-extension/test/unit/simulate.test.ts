import * as assert from "assert";
import { CommandUnavailable, formatReport, normalize, plotHtml, requestSimulation, serverHasCommand, SIMULATE_COMMAND } from "../../src/simulate";
import { findDescribeLine, isDescribeLine } from "../../src/describe";
import { statusText, statusTooltip } from "../../src/status";

/** A stand-in for the LanguageClient: records requests, answers with `reply`. */
function fakeClient(reply: (method: string, params: any) => unknown) {
  const sent: { method: string; params: any }[] = [];
  return {
    sent,
    async sendRequest(method: string, params: unknown) {
      sent.push({ method, params });
      const answer = reply(method, params);
      if (answer instanceof Error) {
        throw answer;
      }
      return answer;
    },
  };
}

describe("simulate command", () => {
  const result = { ok: true, text: "v(out) = 2.5\nmeas gain = -20 dB", plots: ["/tmp/run/plot.svg"], errors: [] };

  it("asks the server with workspace/executeCommand spice-lsp.simulate [uri] or [uri, line]", async () => {
    const client = fakeClient(() => result);
    assert.deepStrictEqual(await requestSimulation(client, "file:///w/rc.cir"), result);
    await requestSimulation(client, "file:///w/rc.cir", 7);
    assert.deepStrictEqual(client.sent, [
      { method: "workspace/executeCommand", params: { command: SIMULATE_COMMAND, arguments: ["file:///w/rc.cir"] } },
      { method: "workspace/executeCommand", params: { command: SIMULATE_COMMAND, arguments: ["file:///w/rc.cir", 7] } },
    ]);
  });

  it("turns a server without the command into CommandUnavailable, and passes other errors on", async () => {
    const missing = Object.assign(new Error("Command 'spice-lsp.simulate' not found"), { code: -32601 });
    await assert.rejects(requestSimulation(fakeClient(() => missing), "file:///a.cir"), CommandUnavailable);
    await assert.rejects(requestSimulation(fakeClient(() => new Error("unknown command spice-lsp.simulate")), "file:///a.cir"), CommandUnavailable);
    await assert.rejects(requestSimulation(fakeClient(() => new Error("connection closed")), "file:///a.cir"), /connection closed/);
  });

  it("reads malformed answers as failures, not crashes", () => {
    assert.deepStrictEqual(normalize(null), { ok: false, text: "", plots: [], errors: ["the server returned no simulation result"] });
    assert.deepStrictEqual(normalize({ ok: true, text: 3, plots: ["/a.svg", 4], errors: "no" }), { ok: true, text: "", plots: ["/a.svg"], errors: [] });
    assert.strictEqual(normalize({ ok: true, text: "", plots: [], errors: ["Error: unknown subckt"] }).ok, false);
  });

  it("writes text, errors and plots to the output channel", () => {
    const when = new Date(2026, 10, 24, 23, 5, 0);
    const ok = formatReport("rc.cir", result, when);
    assert.ok(ok.startsWith(`── rc.cir · ${when.toLocaleTimeString()} · ngspice finished ──\nv(out) = 2.5\nmeas gain = -20 dB\nPlots:\n  /tmp/run/plot.svg\n`), ok);
    const failed = formatReport("bad.cir", { ok: false, text: "", plots: [], errors: ["Error on line 3: could not find a valid modelname"] }, when);
    const mentioned = formatReport("rc.cir", { ...result, text: "Plots\n  /tmp/run/plot.svg" }, when);
    assert.strictEqual(mentioned.match(/\/tmp\/run\/plot\.svg/g)?.length, 1, "a plot the summary names is not listed twice");
    assert.strictEqual(failed, `── bad.cir · ${when.toLocaleTimeString()} · ngspice reported errors ──\nErrors:\n  Error on line 3: could not find a valid modelname\n`);
  });

  it("shows a plot on the theme's background with a strict content policy", () => {
    const html = plotHtml("gain<1>.svg", "https://file+.vscode-resource/tmp/plot.svg?t=1", "https://*.vscode-cdn.net");
    assert.match(html, /default-src 'none'; img-src https:\/\/\*\.vscode-cdn\.net data:;/);
    assert.match(html, /background: var\(--vscode-editor-background\)/);
    assert.match(html, /body\.vscode-dark img, body\.vscode-high-contrast img \{ filter: invert/);
    assert.match(html, /<img src="https:\/\/file\+\.vscode-resource\/tmp\/plot\.svg\?t=1" alt="gain&#60;1&#62;\.svg">/);
    assert.doesNotMatch(html, /<script/);
  });

  it("checks the server's advertised commands", () => {
    const caps = { executeCommandProvider: { commands: ["spice-lsp.generate"] } };
    assert.strictEqual(serverHasCommand(caps, "spice-lsp.generate"), true);
    assert.strictEqual(serverHasCommand(caps, SIMULATE_COMMAND), false);
    assert.strictEqual(serverHasCommand(undefined, SIMULATE_COMMAND), false);
  });
});

describe("describe lines and the status bar", () => {
  it("recognises describe lines as the server does", () => {
    assert.ok(isDescribeLine("* describe: RC low-pass, R=1k"));
    assert.ok(isDescribeLine("  ;Describe : buck converter"));
    assert.ok(!isDescribeLine("* describe:"));
    assert.ok(!isDescribeLine("* description of the circuit"));
    assert.ok(!isDescribeLine("R1 a b 1k ; describe: no"));
  });

  it("picks the cursor's describe line, else the only one", () => {
    const lines = ["title", "* describe: RC low-pass", "R1 a b 1k", "* describe: diode clipper"];
    assert.strictEqual(findDescribeLine(lines, 3), 3);
    assert.strictEqual(findDescribeLine(lines, 2), undefined); // two candidates: ambiguous
    assert.strictEqual(findDescribeLine(lines.slice(0, 3), 2), 1);
    assert.strictEqual(findDescribeLine(["title", ".end"], 0), undefined);
  });

  it("shows the state and, when running, the backend", () => {
    assert.strictEqual(statusText("running", "template"), "$(circuit-board) SPICE: template");
    assert.strictEqual(statusText("starting", "template"), "$(sync~spin) SPICE: starting");
    assert.strictEqual(statusText("failed", "openai"), "$(error) SPICE: failed");
    assert.strictEqual(statusTooltip("running", "default", "/v/python -m spice_lsp (from PATH)", "0.1.0"),
      "spice-lsp 0.1.0: running\ngeneration backend: default\nserver: /v/python -m spice_lsp (from PATH)\nClick to show the server log");
  });
});
