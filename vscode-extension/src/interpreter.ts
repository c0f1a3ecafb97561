/**
 * Which Python runs the server: the `spice-lsp.server.pythonCommand` setting first, then the
 * Python extension's active interpreter, then `python3`/`python` on PATH. The server itself
 * comes with the extension (bundled/libs: spice_lsp and its pure-Python dependencies), put
 * first on that Python's PYTHONPATH, as Microsoft's Python tools extension template does;
 * with `importStrategy: "fromEnvironment"` (or no bundle) the Python's own spice_lsp runs.
 * Each candidate is probed (`import spice_lsp`) so that a missing interpreter or package
 * becomes one clear message instead of a server that dies at start. No `vscode` import:
 * tested in plain Node.
 */
import { execFile } from "child_process";
import * as os from "os";
import * as path from "path";
import * as fs from "fs";

export type Source = "setting" | "python-extension" | "PATH";
export const IMPORT_STRATEGIES = ["useBundled", "fromEnvironment"] as const;
export type ImportStrategy = (typeof IMPORT_STRATEGIES)[number];

export interface ServerCommand {
  /** The Python executable. */
  command: string;
  /** Arguments to Python before `-m spice_lsp` (from the setting, e.g. `-X utf8`). */
  pythonArgs: string[];
  source: Source;
  /** The extension's bundled libraries, put first on PYTHONPATH (absent: the Python's own spice_lsp). */
  bundled?: string;
}

/** The part of the Python extension's API (ms-python.python) used here. */
export interface PythonExtensionApi {
  environments?: {
    getActiveEnvironmentPath(resource?: unknown): { path: string } | undefined;
    resolveEnvironment(env: { path: string } | string): Promise<{ executable?: { uri?: { fsPath: string } } } | undefined>;
  };
}

export interface ResolveContext {
  pythonApi?: PythonExtensionApi;
  /** The document or folder the server is for (the Python extension's interpreter is per folder). */
  resource?: unknown;
  workspaceFolder?: string;
  /** Finds an executable on PATH. */
  which?: (name: string) => string | undefined;
  home?: string;
}

export function serverArgs(cmd: ServerCommand): string[] {
  return [...cmd.pythonArgs, "-m", "spice_lsp"];
}

export function describe(cmd: ServerCommand): string {
  const origin = { setting: "setting spice-lsp.server.pythonCommand", "python-extension": "the Python extension's interpreter", PATH: "PATH" }[cmd.source];
  return `${[cmd.command, ...serverArgs(cmd)].join(" ")} (from ${origin}${cmd.bundled ? ", the server bundled with the extension" : ""})`;
}

/** The environment the server (and its probe) runs in: the bundle first on PYTHONPATH. */
export function serverEnv(cmd: ServerCommand, base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (!cmd.bundled) {
    return base;
  }
  return { ...base, PYTHONPATH: [cmd.bundled, base.PYTHONPATH ?? ""].filter((p) => p).join(path.delimiter) };
}

/** The extension's bundled libraries when it has them (a packaged .vsix does; a checkout may not). */
export function bundledLibs(extensionRoot: string): string | undefined {
  const libs = path.join(extensionRoot, "bundled", "libs");
  return fs.existsSync(path.join(libs, "spice_lsp", "__init__.py")) ? libs : undefined;
}

/** The candidates to run with the bundled server, when the strategy asks for it and there is one. */
export function withBundle(found: ServerCommand[], strategy: ImportStrategy, libs: string | undefined): ServerCommand[] {
  return strategy === "useBundled" && libs ? found.map((c) => ({ ...c, bundled: libs })) : found;
}

/** `~` and `${workspaceFolder}` in the setting, as users write them in other extensions. */
export function expandVariables(value: string, ctx: ResolveContext): string {
  let out = value;
  const home = ctx.home ?? os.homedir();
  if (out === "~" || out.startsWith("~/")) {
    out = home + out.slice(1);
  }
  if (ctx.workspaceFolder) {
    out = out.split("${workspaceFolder}").join(ctx.workspaceFolder);
  }
  return out;
}

export function whichOnPath(name: string, envPath = process.env.PATH ?? ""): string | undefined {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) {
      continue;
    }
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) {
        return candidate;
      }
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The candidates in order of preference; an explicit setting is the only candidate. */
export async function candidates(pythonCommand: string[], ctx: ResolveContext): Promise<ServerCommand[]> {
  if (pythonCommand.length > 0) {
    const [command, ...pythonArgs] = pythonCommand.map((part) => expandVariables(part, ctx));
    return [{ command, pythonArgs, source: "setting" }];
  }
  const found: ServerCommand[] = [];
  const envs = ctx.pythonApi?.environments;
  if (envs) {
    try {
      const active = envs.getActiveEnvironmentPath(ctx.resource);
      const resolved = active ? await envs.resolveEnvironment(active) : undefined;
      const executable = resolved?.executable?.uri?.fsPath;
      if (executable) {
        found.push({ command: executable, pythonArgs: [], source: "python-extension" });
      }
    } catch {
      // the Python extension is installed but not ready: fall through to PATH
    }
  }
  const which = ctx.which ?? ((name: string) => whichOnPath(name));
  for (const name of process.platform === "win32" ? ["python.exe", "py.exe"] : ["python3", "python"]) {
    const onPath = which(name);
    if (onPath && !found.some((c) => c.command === onPath)) {
      found.push({ command: onPath, pythonArgs: [], source: "PATH" });
      break;
    }
  }
  return found;
}

export type Probe =
  | { ok: true; version: string }
  | { ok: false; reason: "not-found" | "no-package" | "failed"; detail: string };

const PROBE = "import sys, spice_lsp; print(spice_lsp.__version__); print(sys.version.split()[0])";

/** Can this Python import the server? */
export function probe(cmd: ServerCommand, timeoutMs = 30000, env: NodeJS.ProcessEnv = process.env): Promise<Probe> {
  return new Promise((resolve) => {
    execFile(cmd.command, [...cmd.pythonArgs, "-c", PROBE], { timeout: timeoutMs, env: serverEnv(cmd, env) }, (error, stdout, stderr) => {
      if (!error) {
        resolve({ ok: true, version: stdout.split("\n")[0].trim() });
      } else if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "EACCES") {
        resolve({ ok: false, reason: "not-found", detail: `${cmd.command} does not exist or cannot be run` });
      } else if (/No module named '?spice_lsp/.test(stderr)) {
        resolve({ ok: false, reason: "no-package", detail: `${cmd.command} has no spice_lsp package` });
      } else {
        const last = stderr.trim().split("\n").slice(-1)[0] || error.message;
        resolve({ ok: false, reason: "failed", detail: `${cmd.command} failed to import spice_lsp: ${last}` });
      }
    });
  });
}

export type Choice =
  | { ok: true; server: ServerCommand; version: string; tried: string[] }
  | { ok: false; message: string; tried: string[] };

/**
 * The first candidate that can import spice_lsp, or one actionable message saying what was
 * tried and what to do.
 */
export async function chooseServer(found: ServerCommand[], check: (c: ServerCommand) => Promise<Probe> = (c) => probe(c)): Promise<Choice> {
  const tried: string[] = [];
  let last: Probe | undefined;
  for (const candidate of found) {
    const result = (last = await check(candidate));
    if (result.ok) {
      return { ok: true, server: candidate, version: result.version, tried };
    }
    tried.push(`${describe(candidate)}: ${result.detail}`);
  }
  const fromSetting = found.length === 1 && found[0].source === "setting";
  let message: string;
  if (found.length === 0) {
    message = "spice-lsp: no Python found. Install Python 3.10+ (the server comes with the extension) or select an interpreter in the Python extension, or set spice-lsp.server.pythonCommand, e.g. [\"/usr/bin/python3\"].";
  } else if (fromSetting && last && !last.ok && last.reason === "not-found") {
    const names = found[0].bundled ? "a Python 3.10+ to run the server bundled with the extension, e.g. [\"/usr/bin/python3\"]"
      : "the Python that has spice_lsp installed, e.g. [\"/path/to/spice-lsp/.venv/bin/python\"]";
    message = `spice-lsp: the server cannot start: ${tried[0]}. Fix the setting spice-lsp.server.pythonCommand: it names ${names}.`;
  } else if (found.every((c) => c.bundled)) {
    message = `spice-lsp: the server bundled with the extension needs Python 3.10+, and no Python here could run it (tried ${tried.join("; ")}). Install Python 3.10 or later and select it in the Python extension, or set spice-lsp.server.pythonCommand to it.`;
  } else if (fromSetting) {
    message = `spice-lsp: the server cannot start: ${tried[0]}. Fix the setting spice-lsp.server.pythonCommand (it names the Python that has spice_lsp installed, e.g. [\"/path/to/spice-lsp/.venv/bin/python\"]) or install the package into it with \`${found[0].command} -m pip install -e /path/to/spice-lsp\`.`;
  } else {
    message = `spice-lsp: the server cannot start: no Python here has the spice_lsp package (tried ${tried.join("; ")}). Set spice-lsp.server.pythonCommand to the Python that has it, e.g. [\"/path/to/spice-lsp/.venv/bin/python\"], or select that interpreter in the Python extension.`;
  }
  return { ok: false, message, tried };
}
