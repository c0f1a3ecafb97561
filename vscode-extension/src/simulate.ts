/**
 * "Simulate current file": the server's `spice-lsp.simulate` command (arguments [uri] or
 * [uri, line]) returns {ok, text, plots, errors}; this module asks for it and renders it.
 * No `vscode` import: the unit tests drive it with a fake client.
 */

export const SIMULATE_COMMAND = "spice-lsp.simulate";
export const GENERATE_COMMAND = "spice-lsp.generate";

export interface SimulationResult {
  ok: boolean;
  text: string;
  plots: string[];
  errors: string[];
}

/** What a LanguageClient offers for this (sendRequest with a method name). */
export interface RequestClient {
  sendRequest(method: string, params: unknown): Promise<unknown>;
}

export class CommandUnavailable extends Error {}

/** Whether the server advertised a workspace command (its executeCommandProvider). */
export function serverHasCommand(capabilities: { executeCommandProvider?: { commands?: string[] } } | undefined, name: string): boolean {
  return capabilities?.executeCommandProvider?.commands?.includes(name) ?? false;
}

/** Whatever came back, as a SimulationResult (a malformed answer is an error, not a crash). */
export function normalize(raw: unknown): SimulationResult {
  if (raw === null || raw === undefined || typeof raw !== "object") {
    return { ok: false, text: "", plots: [], errors: ["the server returned no simulation result"] };
  }
  const r = raw as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);
  const errors = strings(r.errors);
  return {
    ok: r.ok === true && errors.length === 0,
    text: typeof r.text === "string" ? r.text : "",
    plots: strings(r.plots),
    errors,
  };
}

export async function requestSimulation(client: RequestClient, uri: string, line?: number): Promise<SimulationResult> {
  const args: unknown[] = line === undefined ? [uri] : [uri, line];
  try {
    return normalize(await client.sendRequest("workspace/executeCommand", { command: SIMULATE_COMMAND, arguments: args }));
  } catch (error) {
    const e = error as { code?: number; message?: string };
    if (e.code === -32601 || /command.*not found|unknown command|no command/i.test(e.message ?? "")) {
      throw new CommandUnavailable(`this spice-lsp server has no ${SIMULATE_COMMAND} command; update spice-lsp`);
    }
    throw error;
  }
}

/** The output-channel text for one run. */
export function formatReport(fileName: string, result: SimulationResult, when: Date = new Date()): string {
  const lines = [`── ${fileName} · ${when.toLocaleTimeString()} · ${result.ok ? "ngspice finished" : "ngspice reported errors"} ──`];
  if (result.text.trim()) {
    lines.push(result.text.replace(/\s+$/, ""));
  }
  if (result.errors.length > 0) {
    lines.push("Errors:", ...result.errors.map((e) => `  ${e}`));
  }
  const unmentioned = result.plots.filter((p) => !result.text.includes(p));
  if (unmentioned.length > 0) {
    lines.push("Plots:", ...unmentioned.map((p) => `  ${p}`));
  }
  return lines.join("\n") + "\n";
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A webview page showing one SVG plot on the editor's background. Plots are drawn dark on
 * white; in dark and high-contrast themes they are inverted (hue kept) so they match.
 */
export function plotHtml(title: string, src: string, cspSource: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'unsafe-inline';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { background: var(--vscode-editor-background); color: var(--vscode-editor-foreground);
         font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); margin: 0; padding: 12px; }
  figure { margin: 0; }
  img { display: block; max-width: 100%; height: auto; background: #fff; }
  body.vscode-dark img, body.vscode-high-contrast img { filter: invert(0.9) hue-rotate(180deg); }
  figcaption { margin-top: 6px; opacity: 0.8; }
</style>
</head>
<body>
<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(title)}"><figcaption>${escapeHtml(title)}</figcaption></figure>
</body>
</html>`;
}
