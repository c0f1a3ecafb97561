import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { backendLabel, DEFAULTS, initializationOptions, readSettings, SECTION, serverEnvironment } from "../../src/settings";

const config = (values: Record<string, unknown>) => ({ get: <T>(key: string) => values[key] as T | undefined });
const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "package.json"), "utf8"));
const contributed: Record<string, { default: unknown; type: string; enum?: string[] }> = manifest.contributes.configuration.properties;

describe("settings", () => {
  it("reads nothing set as the defaults, with no problems", () => {
    const { settings, problems } = readSettings(config({}));
    assert.deepStrictEqual(settings, DEFAULTS);
    assert.deepStrictEqual(problems, []);
  });

  it("reads every setting package.json contributes, and its default is valid", () => {
    const defaults = Object.fromEntries(Object.entries(contributed).map(([key, p]) => [key.slice(SECTION.length + 1), p.default]));
    const seen: string[] = [];
    const { settings, problems } = readSettings({ get: <T>(key: string) => { seen.push(key); return defaults[key] as T; } });
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(settings, DEFAULTS);
    assert.deepStrictEqual(seen.sort(), Object.keys(defaults).sort());
  });

  it("offers the server's generation backends and nothing else", () => {
    assert.deepStrictEqual(contributed["spice-lsp.generation.backend"].enum, ["", "template", "transformers", "openai"]);
    assert.deepStrictEqual(contributed["spice-lsp.trace.server"].enum, ["off", "messages", "verbose"]);
    assert.strictEqual(contributed["spice-lsp.server.pythonCommand"].type, "array");
  });

  it("reads set values and trims the python command", () => {
    const { settings, problems } = readSettings(config({
      "server.pythonCommand": [" /opt/venv/bin/python ", "", "-X", "utf8"],
      "server.importStrategy": "fromEnvironment",
      includePaths: ["/models"],
      "generation.backend": "openai",
      "generation.openaiUrl": "http://127.0.0.1:8080/v1",
      "generation.openaiModel": "qwen",
      "generation.adapter": "/adapters/spice",
      ngspicePath: "/opt/ngspice/bin/ngspice",
      "trace.server": "verbose",
    }));
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(settings, {
      pythonCommand: ["/opt/venv/bin/python", "-X", "utf8"],
      importStrategy: "fromEnvironment",
      includePaths: ["/models"],
      generation: { backend: "openai", adapter: "/adapters/spice", openaiUrl: "http://127.0.0.1:8080/v1", openaiModel: "qwen" },
      ngspicePath: "/opt/ngspice/bin/ngspice",
      trace: "verbose",
    });
  });

  it("reports a mistyped setting and uses its default", () => {
    const { settings, problems } = readSettings(config({
      "server.pythonCommand": "/usr/bin/python3", // a string, not an array
      "generation.backend": "gpt",
      "trace.server": true,
    }));
    assert.deepStrictEqual(settings, DEFAULTS);
    assert.strictEqual(problems.length, 3);
    assert.match(problems[0], /spice-lsp\.server\.pythonCommand should be an array of strings, got "\/usr\/bin\/python3"/);
    assert.match(problems[1], /spice-lsp\.generation\.backend should be one of template, transformers, openai/);
    assert.match(problems[2], /spice-lsp\.trace\.server should be off, messages, verbose/);
  });

  it("sends only what is set as initializationOptions, in the server's camelCase keys", () => {
    assert.deepStrictEqual(initializationOptions(DEFAULTS), {});
    const { settings } = readSettings(config({
      includePaths: ["/models"], "generation.backend": "transformers", "generation.adapter": "/a",
    }));
    assert.deepStrictEqual(initializationOptions(settings), {
      includePaths: ["/models"], generation: { backend: "transformers", adapter: "/a" },
    });
    const openai = readSettings(config({ "generation.openaiUrl": "http://h/v1", "generation.openaiModel": "m" })).settings;
    assert.deepStrictEqual(initializationOptions(openai), { generation: { openaiUrl: "http://h/v1", openaiModel: "m" } });
  });

  it("puts a configured ngspice first on the server's PATH", () => {
    const settings = { ...DEFAULTS, ngspicePath: "/opt/ngspice/bin/ngspice" };
    const { env, problems } = serverEnvironment(settings, { PATH: "/usr/bin:/bin", HOME: "/root" });
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(env.PATH, `/opt/ngspice/bin${path.delimiter}/usr/bin:/bin`);
    assert.strictEqual(env.HOME, "/root");
    assert.deepStrictEqual(serverEnvironment(DEFAULTS, { PATH: "/usr/bin" }).env, { PATH: "/usr/bin" });
  });

  it("refuses an ngspice path that is not called ngspice, keeping PATH", () => {
    const { env, problems } = serverEnvironment({ ...DEFAULTS, ngspicePath: "/opt/spice/bin/spice3" }, { PATH: "/usr/bin" });
    assert.strictEqual(env.PATH, "/usr/bin");
    assert.match(problems[0], /ngspicePath should name an executable called ngspice/);
  });

  it("labels the backend for the status bar", () => {
    assert.strictEqual(backendLabel(DEFAULTS), "default");
    assert.strictEqual(backendLabel({ ...DEFAULTS, generation: { ...DEFAULTS.generation, backend: "openai" } }), "openai");
  });
});
