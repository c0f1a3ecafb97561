/**
 * End to end in a real VS Code: code-server serves VS Code to headless Chromium (driven by
 * playwright-core); the packaged extension (spice-lsp.vsix) is installed and talks to the
 * server bundled in it (first on the Python's path, so the project's own spice_lsp is not the
 * one that runs; tests/unit shows the bundle starting in a bare python3). Checks that a netlist with an error gets its squiggle and problem, that a
 * `* describe:` completion inserts a netlist, and that "Simulate current file" shows
 * ngspice's summary. Screenshots go to .e2e/screenshots/ ($SPICE_E2E_SHOTS); with
 * --update-images they also replace the README's images/ (`npm run e2e:images` does that, then
 * packages again so the .vsix carries them). Nothing tracked changes otherwise, and the
 * temporary folders are removed.
 *
 *   npm run e2e      (after test/e2e/install-code-server.sh, or with $CODE_SERVER set)
 *
 * $CODE_SERVER: code-server's directory (default .e2e/code-server); $CHROMIUM: the browser
 * (default /usr/bin/chromium); $SPICE_LSP_PYTHON: the Python that runs the bundled server
 * (default ../.venv, whose matplotlib draws the plots).
 */
import { ChildProcess, execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { chromium, Page } from "playwright-core";
import { EXTENSION_ROOT, projectPython } from "../support/server";

const CODE_SERVER = process.env.CODE_SERVER ?? path.join(EXTENSION_ROOT, ".e2e", "code-server");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const IMAGES = path.join(EXTENSION_ROOT, "images");
const SHOTS = process.env.SPICE_E2E_SHOTS ?? path.join(EXTENSION_ROOT, ".e2e", "screenshots");
const UPDATE_IMAGES = process.argv.includes("--update-images");
const README_IMAGES = ["diagnostics.png", "generation-completion.png", "generation-inline.png", "generation.png", "simulation.png", "start-failure.png"];
const DESCRIBE = "* describe: RC low-pass, R=1k, C=100n, AC sweep to 1 MHz";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function step(message: string): void {
  console.log(`[e2e ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function waitForHttp(url: string, child: ChildProcess, log: string[], timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited (${child.exitCode}):\n${log.join("")}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`code-server did not answer at ${url}:\n${log.join("")}`);
}

/** The visible text of the active editor (Monaco renders spaces as U+00A0). */
async function editorText(page: Page): Promise<string> {
  const text = await page.locator(".editor-instance .view-lines").first().innerText();
  return text.replace(/\u00a0/g, " ");
}

/** Waits until the active editor shows the RC netlist below the describe line, then checks it. */
async function waitForNetlist(page: Page): Promise<void> {
  await page.waitForFunction(`/C1\\s+out\\s+0\\s+100n/.test((document.querySelector(".editor-instance .view-lines")?.innerText ?? "").replace(/\\u00a0/g, " "))`);
  const filled = await editorText(page);
  for (const expected of [`RC filter\n${DESCRIBE}\n`, /R1\s+in\s+out\s+1k/, /C1\s+out\s+0\s+100n/, /\.ac\s/]) {
    if (typeof expected === "string" ? !filled.includes(expected) : !expected.test(filled)) {
      throw new Error(`the inserted netlist lacks ${expected}:\n${filled}`);
    }
  }
  if ((filled.match(/^\.end$/gm) ?? []).length !== 1) {
    throw new Error(`expected one .end:\n${filled}`);
  }
}

async function openFile(page: Page, name: string): Promise<void> {
  await page.locator(".explorer-folders-view .monaco-list-row", { hasText: name }).dblclick();
  await page.locator(`.tab.active[aria-label*="${name}"]`).waitFor();
  await page.locator(".editor-instance .view-lines").first().waitFor();
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press("F1");
  await page.locator(".quick-input-widget input").fill(`>${title}`);
  await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().waitFor();
  await page.keyboard.press("Enter");
}

async function main(): Promise<void> {
  const entry = path.join(CODE_SERVER, "out", "node", "entry.js");
  if (!fs.existsSync(entry)) {
    throw new Error(`no code-server at ${CODE_SERVER}: run test/e2e/install-code-server.sh or set $CODE_SERVER`);
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium, or set $CHROMIUM`);
  }
  const vsix = path.join(EXTENSION_ROOT, "spice-lsp.vsix");
  const python = projectPython();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "spice-e2e-"));
  const [data, extensions, folder] = ["data", "extensions", "workspace"].map((d) => path.join(work, d));
  fs.mkdirSync(path.join(data, "User"), { recursive: true });
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(data, "User", "settings.json"), JSON.stringify({
    "spice-lsp.server.pythonCommand": [python],
    "spice-lsp.generation.backend": "template",
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.colorTheme": "Default Dark Modern",
    "security.workspace.trust.enabled": false,
    "editor.minimap.enabled": false,
    "editor.fontSize": 15,
    // The whole completion item as a user reads it: the label on its own row, the detail
    // and documentation (netlist, checklist) in the details pane beside it.
    "editor.suggest.showInlineDetails": false,
    "window.commandCenter": false,
    "extensions.ignoreRecommendations": true,
    "telemetry.telemetryLevel": "off",
  }, null, 2));
  fs.writeFileSync(path.join(folder, "error.cir"),
    "RC divider with an error\n* R2 lacks its second node: spice-lsp reports SP002\n*\n*\nV1 in 0 DC 5\nR1 in out 1k\nR2 out\n.op\n.end\n");
  for (const name of ["describe.cir", "inline.cir", "command.cir"]) {
    fs.writeFileSync(path.join(folder, name), `RC filter\n${DESCRIBE}\n.end\n`);
  }
  const common = ["--user-data-dir", data, "--extensions-dir", extensions, "--config", path.join(work, "config.yaml")];

  step(`installing ${path.basename(vsix)} into code-server`);
  execFileSync(process.execPath, [entry, ...common, "--install-extension", vsix], { stdio: "inherit" });
  const port = await freePort();
  const log: string[] = [];
  const server = spawn(process.execPath, [entry, ...common, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`,
    "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", folder], { stdio: ["ignore", "pipe", "pipe"] });
  server.stdout!.on("data", (d) => log.push(String(d)));
  server.stderr!.on("data", (d) => log.push(String(d)));
  let failurePage: Page | undefined;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, server, log);
    const page = await browser.newPage({ viewport: { width: 1440, height: 820 } });
    page.setDefaultTimeout(60000);
    failurePage = page;
    step("opening VS Code");
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`);
    await page.locator(".monaco-workbench").waitFor();
    await page.locator(".explorer-folders-view .monaco-list-row", { hasText: "error.cir" }).waitFor();

    step("a netlist with an error: squiggle and problem");
    await openFile(page, "error.cir");
    await page.locator(".statusbar-item", { hasText: "SPICE: template" }).waitFor({ timeout: 90000 });
    const squiggle = page.locator(".editor-instance .squiggly-error").first();
    await squiggle.waitFor({ timeout: 60000 });
    await page.keyboard.press("Control+Shift+M");
    const problem = page.locator(".markers-panel .monaco-list-row", { hasText: "SP002" }).first();
    await problem.waitFor();
    const problemText = await problem.innerText();
    if (!/R2/.test(problemText)) {
      throw new Error(`the problem does not name R2: ${problemText}`);
    }
    const box = await squiggle.boundingBox();
    if (!box) {
      throw new Error("the squiggle has no box");
    }
    await page.mouse.move(box.x + Math.min(8, box.width / 2), box.y + box.height / 2);
    await page.locator(".monaco-hover", { hasText: "SP002" }).first().waitFor();
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, "diagnostics.png") });
    await page.keyboard.press("Escape");

    step("a * describe: completion inserts a netlist");
    await openFile(page, "describe.cir");
    await page.locator(".editor-instance .view-line", { hasText: "describe:" }).first().click();
    await page.keyboard.press("End");
    await page.keyboard.press("Control+Space");
    const item = page.locator(".suggest-widget .monaco-list-row", { hasText: "Generate netlist" }).first();
    await item.waitFor();
    await page.keyboard.press("Control+Space"); // "Read More": the details pane with the netlist and its checklist
    await page.locator(".suggest-details", { hasText: "ngspice" }).first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, "generation-completion.png") });
    await page.keyboard.press("Enter");
    await waitForNetlist(page);
    await page.keyboard.press("Control+S");
    await page.screenshot({ path: path.join(SHOTS, "generation.png") });

    step("an inline completion (ghost text) on a * describe: line, accepted with Tab");
    await openFile(page, "inline.cir");
    await page.locator(".editor-instance .view-line", { hasText: "describe:" }).first().click();
    await page.keyboard.press("End");
    await runCommand(page, "Trigger Inline Suggestion");
    await page.locator(".editor-instance .ghost-text-decoration, .editor-instance .ghost-text").first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, "generation-inline.png") });
    await page.keyboard.press("Tab");
    await waitForNetlist(page);
    await page.keyboard.press("Control+S");

    step("SPICE: Generate netlist from description (the server applies the edit)");
    await openFile(page, "command.cir");
    await page.locator(".editor-instance .view-line", { hasText: "describe:" }).first().click();
    await runCommand(page, "SPICE: Generate netlist from description");
    await waitForNetlist(page);
    await page.keyboard.press("Control+S");

    step("Simulate current file: ngspice's summary in the output channel, the plot beside");
    await runCommand(page, "SPICE: Simulate current file");
    const output = page.locator(".output-view, .panel .monaco-editor .view-lines").first();
    await page.locator(".panel .monaco-editor .view-lines", { hasText: "ngspice" }).first().waitFor({ timeout: 90000 });
    await page.locator(".tab", { hasText: ".svg" }).first().waitFor();
    await page.screenshot({ path: path.join(SHOTS, "simulation.png") });
    step(`output channel: ${(await output.innerText()).slice(0, 200).replace(/\s+/g, " ")}`);
    step("the server's Simulate code lens: its result goes to the same output channel");
    await page.locator(".editor-instance .codelens-decoration a", { hasText: "Simulate" }).first().click();
    await page.waitForFunction(`[...document.querySelectorAll(".panel .monaco-editor .view-lines")].some((e) => (e.innerText.match(/ngspice\\sfinished/g) ?? []).length >= 2)`);
    if (await page.locator(".tab", { hasText: ".svg" }).count() !== 1) {
      throw new Error("a second run of the same analysis should reuse the plot's panel");
    }

    step("a server that cannot start: one actionable message, status bar shows the failure");
    const settingsFile = path.join(data, "User", "settings.json");
    const userSettings = JSON.parse(fs.readFileSync(settingsFile, "utf8"));
    userSettings["spice-lsp.server.pythonCommand"] = ["/nonexistent/venv/bin/python"];
    fs.writeFileSync(settingsFile, JSON.stringify(userSettings, null, 2));
    await page.reload(); // a new window: the extension activates again with the bad setting
    await page.locator(".monaco-workbench").waitFor();
    await openFile(page, "error.cir");
    const toast = page.locator(".notifications-toasts .notification-toast", { hasText: "the server cannot start" }).first();
    await toast.waitFor({ timeout: 60000 });
    await toast.locator(".monaco-button", { hasText: "Open Settings" }).first().waitFor();
    await page.locator(".statusbar-item", { hasText: "SPICE: failed" }).waitFor();
    const toastText = await toast.innerText();
    if (!toastText.includes("/nonexistent/venv/bin/python") || !toastText.includes("spice-lsp.server.pythonCommand")) {
      throw new Error(`the message does not say what to fix: ${toastText}`);
    }
    await page.screenshot({ path: path.join(SHOTS, "start-failure.png") });
    step(`passed; screenshots in ${SHOTS}`);
    if (UPDATE_IMAGES) {
      for (const name of README_IMAGES) {
        fs.copyFileSync(path.join(SHOTS, name), path.join(IMAGES, name));
      }
      step(`README images refreshed in ${IMAGES}`);
    }
  } catch (error) {
    const shot = path.join(EXTENSION_ROOT, ".e2e", "failure.png");
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await failurePage?.screenshot({ path: shot }).catch(() => undefined);
    console.error(`screenshot of the failure: ${shot}\ncode-server log:\n${log.join("").slice(-3000)}`);
    throw error;
  } finally {
    await browser.close();
    const exited = new Promise((resolve) => server.once("exit", resolve));
    server.kill();
    await exited; // code-server writes into the profile until it exits
    fs.rmSync(work, { recursive: true, force: true, maxRetries: 5 });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
