import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";
import { bundledLibs, candidates, chooseServer, describe as describeServer, expandVariables, probe, Probe, PythonExtensionApi, serverArgs, ServerCommand, serverEnv, whichOnPath, withBundle } from "../../src/interpreter";
import { EXTENSION_ROOT, projectPython } from "../support/server";

const pythonApi = (executable: string | undefined, fail = false): PythonExtensionApi => ({
  environments: {
    getActiveEnvironmentPath: () => ({ path: "/envs/active" }),
    resolveEnvironment: async () => {
      if (fail) {
        throw new Error("not ready");
      }
      return executable ? { executable: { uri: { fsPath: executable } } } : undefined;
    },
  },
});
const onPath = (names: Record<string, string>) => (name: string) => names[name];

describe("interpreter resolution", () => {
  it("uses the setting alone when it is set, expanding ~ and ${workspaceFolder}", async () => {
    const found = await candidates(["~/venv/bin/python", "-X", "utf8"], { home: "/home/me", pythonApi: pythonApi("/other/python"), which: onPath({ python3: "/usr/bin/python3" }) });
    assert.deepStrictEqual(found, [{ command: "/home/me/venv/bin/python", pythonArgs: ["-X", "utf8"], source: "setting" }]);
    assert.deepStrictEqual(serverArgs(found[0]), ["-X", "utf8", "-m", "spice_lsp"]);
    assert.strictEqual(expandVariables("${workspaceFolder}/.venv/bin/python", { workspaceFolder: "/w" }), "/w/.venv/bin/python");
  });

  it("prefers the Python extension's interpreter, then python3 on PATH", async () => {
    const found = await candidates([], { pythonApi: pythonApi("/envs/active/bin/python"), which: onPath({ python3: "/usr/bin/python3", python: "/usr/bin/python" }) });
    assert.deepStrictEqual(found.map((c) => [c.command, c.source]), [
      ["/envs/active/bin/python", "python-extension"],
      ["/usr/bin/python3", "PATH"],
    ]);
  });

  it("falls back to PATH when the Python extension is missing, not ready or has no interpreter", async () => {
    for (const api of [undefined, pythonApi(undefined), pythonApi("/x", true)]) {
      const found = await candidates([], { pythonApi: api, which: onPath({ python: "/usr/bin/python" }) });
      assert.deepStrictEqual(found, [{ command: "/usr/bin/python", pythonArgs: [], source: "PATH" }]);
    }
    assert.deepStrictEqual(await candidates([], { which: () => undefined }), []);
  });

  it("does not list the same Python twice", async () => {
    const found = await candidates([], { pythonApi: pythonApi("/usr/bin/python3"), which: onPath({ python3: "/usr/bin/python3", python: "/usr/bin/python" }) });
    assert.deepStrictEqual(found.map((c) => c.command), ["/usr/bin/python3", "/usr/bin/python"]);
  });

  it("finds executables on a PATH string", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spice-which-"));
    const exe = path.join(dir, "python3");
    fs.writeFileSync(exe, "#!/bin/sh\n", { mode: 0o755 });
    fs.writeFileSync(path.join(dir, "python"), "not executable", { mode: 0o644 });
    assert.strictEqual(whichOnPath("python3", `/nonexistent${path.delimiter}${dir}`), exe);
    assert.strictEqual(whichOnPath("python", dir), undefined);
  });
});

describe("choosing the server", () => {
  const a: ServerCommand = { command: "/envs/a/python", pythonArgs: [], source: "python-extension" };
  const b: ServerCommand = { command: "/usr/bin/python3", pythonArgs: [], source: "PATH" };
  const results = (map: Record<string, Probe>) => async (c: ServerCommand) => map[c.command];

  it("takes the first candidate that imports spice_lsp", async () => {
    const choice = await chooseServer([a, b], results({
      [a.command]: { ok: false, reason: "no-package", detail: "/envs/a/python has no spice_lsp package" },
      [b.command]: { ok: true, version: "0.1.0" },
    }));
    assert.ok(choice.ok);
    assert.deepStrictEqual([choice.server, choice.version], [b, "0.1.0"]);
    assert.strictEqual(choice.tried.length, 1);
  });

  it("gives one actionable message when nothing works", async () => {
    const none = await chooseServer([]);
    assert.ok(!none.ok && /no Python found/.test(none.message) && /spice-lsp\.server\.pythonCommand/.test(none.message));
    const fail: Probe = { ok: false, reason: "no-package", detail: "has no spice_lsp package" };
    const both = await chooseServer([a, b], results({ [a.command]: fail, [b.command]: fail }));
    assert.ok(!both.ok);
    assert.match(both.message, /no Python here has the spice_lsp package/);
    assert.match(both.message, /\/envs\/a\/python -m spice_lsp \(from the Python extension's interpreter\)/);
    assert.match(both.message, /Set spice-lsp\.server\.pythonCommand/);
    const setting: ServerCommand = { command: "/bad/python", pythonArgs: [], source: "setting" };
    const bad = await chooseServer([setting], results({ [setting.command]: { ok: false, reason: "not-found", detail: "/bad/python does not exist or cannot be run" } }));
    assert.ok(!bad.ok);
    assert.match(bad.message, /\/bad\/python does not exist.*Fix the setting spice-lsp\.server\.pythonCommand: it names the Python/);
    assert.doesNotMatch(bad.message, /pip install/);
    const bare = await chooseServer([setting], results({ [setting.command]: { ok: false, reason: "no-package", detail: "/bad/python has no spice_lsp package" } }));
    assert.ok(!bare.ok);
    assert.match(bare.message, /has no spice_lsp package.*install the package into it with `\/bad\/python -m pip install -e \/path\/to\/spice-lsp`/);
    assert.strictEqual(describeServer(setting), "/bad/python -m spice_lsp (from setting spice-lsp.server.pythonCommand)");
  });
});

describe("probing a Python", () => {
  const script = (body: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spice-probe-"));
    const file = path.join(dir, "python");
    fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
    return { command: file, pythonArgs: [], source: "setting" as const };
  };

  it("reports a missing executable", async () => {
    const result = await probe({ command: "/nonexistent/bin/python", pythonArgs: [], source: "setting" });
    assert.deepStrictEqual(result, { ok: false, reason: "not-found", detail: "/nonexistent/bin/python does not exist or cannot be run" });
  });

  it("reports a Python without the package", async () => {
    const cmd = script(`echo "ModuleNotFoundError: No module named 'spice_lsp'" >&2; exit 1`);
    assert.deepStrictEqual(await probe(cmd), { ok: false, reason: "no-package", detail: `${cmd.command} has no spice_lsp package` });
  });

  it("reports a broken install with its last error line", async () => {
    const cmd = script(`echo "Traceback" >&2; echo "ImportError: lark is missing" >&2; exit 1`);
    assert.deepStrictEqual(await probe(cmd), { ok: false, reason: "failed", detail: `${cmd.command} failed to import spice_lsp: ImportError: lark is missing` });
  });

  it("reads the version from a working one", async () => {
    const cmd = script(`echo 9.9.9; echo 3.11.7`);
    assert.deepStrictEqual(await probe(cmd), { ok: true, version: "9.9.9" });
  });
});

describe("the server bundled with the extension", () => {
  const a: ServerCommand = { command: "/usr/bin/python3", pythonArgs: [], source: "PATH" };

  it("is used only when the strategy asks for it and the extension has it", () => {
    assert.deepStrictEqual(withBundle([a], "useBundled", "/ext/bundled/libs"), [{ ...a, bundled: "/ext/bundled/libs" }]);
    assert.deepStrictEqual(withBundle([a], "fromEnvironment", "/ext/bundled/libs"), [a]);
    assert.deepStrictEqual(withBundle([a], "useBundled", undefined), [a]);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "spice-ext-"));
    assert.strictEqual(bundledLibs(root), undefined);
    fs.mkdirSync(path.join(root, "bundled", "libs", "spice_lsp"), { recursive: true });
    fs.writeFileSync(path.join(root, "bundled", "libs", "spice_lsp", "__init__.py"), "");
    assert.strictEqual(bundledLibs(root), path.join(root, "bundled", "libs"));
    fs.rmSync(root, { recursive: true });
  });

  it("goes first on PYTHONPATH, for the probe as for the server", async () => {
    const bundled = { ...a, bundled: "/ext/libs" };
    assert.strictEqual(serverEnv(bundled, { PYTHONPATH: "/mine" }).PYTHONPATH, `/ext/libs${path.delimiter}/mine`);
    assert.strictEqual(serverEnv(bundled, {}).PYTHONPATH, "/ext/libs");
    assert.deepStrictEqual(serverEnv(a, { PYTHONPATH: "/mine" }), { PYTHONPATH: "/mine" });
    assert.match(describeServer(bundled), /the server bundled with the extension/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "spice-probe-"));
    const echo = path.join(dir, "python");
    fs.writeFileSync(echo, '#!/bin/sh\necho "$PYTHONPATH"\n', { mode: 0o755 });
    assert.deepStrictEqual(await probe({ ...bundled, command: echo }, 30000, {}), { ok: true, version: "/ext/libs" });
    fs.rmSync(dir, { recursive: true });
    const failed = await chooseServer([bundled], async () => ({ ok: false, reason: "failed", detail: "SyntaxError" }));
    assert.ok(!failed.ok && /bundled with the extension needs Python 3\.10\+/.test(failed.message));
  });

  it("runs spice_lsp in a Python that does not have it", async function () {
    // A bundle made of links to the project's packages, and the system's own python3.
    const system = whichOnPath("python3", "/usr/bin:/bin");
    assert.ok(system, "no python3 in /usr/bin");
    const has = (python: string) => { try { execFileSync(python, ["-c", "import pygls"], { stdio: "ignore" }); return true; } catch { return false; } };
    assert.ok(!has(system!), `${system} has pygls installed: the test needs a Python without the server`);
    const site = execFileSync(projectPython(), ["-c", "import os, pygls; print(os.path.dirname(os.path.dirname(pygls.__file__)))"]).toString().trim();
    const libs = fs.mkdtempSync(path.join(os.tmpdir(), "spice-bundle-"));
    for (const name of ["pygls", "lsprotocol", "lark", "cattrs", "cattr", "attrs", "attr", "typing_extensions.py"]) {
      fs.symlinkSync(path.join(site, name), path.join(libs, name));
    }
    fs.symlinkSync(path.join(EXTENSION_ROOT, "..", "spice_lsp"), path.join(libs, "spice_lsp"));
    const bundled: ServerCommand = { command: system!, pythonArgs: [], source: "PATH", bundled: libs };
    const result = await probe(bundled);
    // the server module too: everything it imports at start must be in the bundle (no numpy...)
    const server = () => execFileSync(system!, ["-c", "import spice_lsp.editor.server"], { env: serverEnv(bundled, process.env), stdio: "pipe" });
    try {
      assert.doesNotThrow(server);
    } finally {
      fs.rmSync(libs, { recursive: true });
    }
    assert.deepStrictEqual(result, { ok: true, version: "0.1.0" });
  });
});
