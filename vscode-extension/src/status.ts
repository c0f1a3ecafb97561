/** What the status-bar item says; kept apart from `vscode` so it can be tested. */

export type ServerState = "starting" | "running" | "stopped" | "failed";

const ICONS: Record<ServerState, string> = {
  starting: "$(sync~spin)",
  running: "$(circuit-board)",
  stopped: "$(debug-stop)",
  failed: "$(error)",
};

export function statusText(state: ServerState, backend: string): string {
  return state === "running" ? `${ICONS.running} SPICE: ${backend}` : `${ICONS[state]} SPICE: ${state}`;
}

export function statusTooltip(state: ServerState, backend: string, server?: string, version?: string): string {
  const lines = [`spice-lsp ${version ?? ""}`.trim() + `: ${state}`, `generation backend: ${backend}`];
  if (server) {
    lines.push(`server: ${server}`);
  }
  lines.push("Click to show the server log");
  return lines.join("\n");
}
