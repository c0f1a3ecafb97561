/**
 * The extension's settings (`spice-lsp.*`), read and checked without the `vscode` module so
 * the unit tests can run in plain Node, and turned into what the server receives: its
 * `initializationOptions` (see `Options`/`GenerationOptions` in spice_lsp/editor/server.py and
 * spice_lsp/generation/assistant.py) and its environment.
 */
import * as path from "path";
import { IMPORT_STRATEGIES, ImportStrategy } from "./interpreter";

export const SECTION = "spice-lsp";
export const BACKENDS = ["", "template", "transformers", "openai"] as const;
export const TRACE_LEVELS = ["off", "messages", "verbose"] as const;

export type Backend = (typeof BACKENDS)[number];
export type TraceLevel = (typeof TRACE_LEVELS)[number];

export interface Settings {
  /** The Python that runs `-m spice_lsp`, with its own arguments; empty: resolve one. */
  pythonCommand: string[];
  /** The server bundled with the extension, or the one installed in that Python. */
  importStrategy: ImportStrategy;
  includePaths: string[];
  generation: { backend: Backend; adapter: string; openaiUrl: string; openaiModel: string };
  /** The ngspice executable; empty: `ngspice` on the server's PATH. */
  ngspicePath: string;
  trace: TraceLevel;
}

export const DEFAULTS: Settings = {
  pythonCommand: [],
  importStrategy: "useBundled",
  includePaths: [],
  generation: { backend: "", adapter: "", openaiUrl: "", openaiModel: "" },
  ngspicePath: "",
  trace: "off",
};

/** What `vscode.workspace.getConfiguration("spice-lsp")` offers, reduced to what we use. */
export interface ConfigurationLike {
  get<T>(key: string): T | undefined;
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");

/** Read and check the settings; a setting of the wrong type is reported and replaced by its default. */
export function readSettings(config: ConfigurationLike): { settings: Settings; problems: string[] } {
  const problems: string[] = [];
  const pick = <T>(key: string, fallback: T, ok: (v: unknown) => boolean, hint: string): T => {
    const value = config.get<unknown>(key);
    if (value === undefined || value === null) {
      return fallback;
    }
    if (!ok(value)) {
      problems.push(`setting ${SECTION}.${key} should be ${hint}, got ${JSON.stringify(value)}; using ${JSON.stringify(fallback)}`);
      return fallback;
    }
    return value as T;
  };
  const str = (v: unknown) => typeof v === "string";
  const oneOf = (values: readonly string[]) => (v: unknown) => typeof v === "string" && values.includes(v);
  const pythonCommand = pick<string[]>("server.pythonCommand", [], isStringArray, "an array of strings")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return {
    settings: {
      pythonCommand,
      importStrategy: pick<ImportStrategy>("server.importStrategy", "useBundled", oneOf(IMPORT_STRATEGIES), IMPORT_STRATEGIES.join(" or ")),
      includePaths: pick<string[]>("includePaths", [], isStringArray, "an array of strings"),
      generation: {
        backend: pick<Backend>("generation.backend", "", oneOf(BACKENDS), `one of ${BACKENDS.filter((b) => b).join(", ")} (or empty)`),
        adapter: pick<string>("generation.adapter", "", str, "a path"),
        openaiUrl: pick<string>("generation.openaiUrl", "", str, "a URL"),
        openaiModel: pick<string>("generation.openaiModel", "", str, "a model name"),
      },
      ngspicePath: pick<string>("ngspicePath", "", str, "a path"),
      trace: pick<TraceLevel>("trace.server", "off", oneOf(TRACE_LEVELS), TRACE_LEVELS.join(", ")),
    },
    problems,
  };
}

/** The server's initializationOptions: only what the user set, so the server's defaults apply otherwise. */
export function initializationOptions(settings: Settings): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  if (settings.includePaths.length > 0) {
    options.includePaths = settings.includePaths;
  }
  const generation: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings.generation)) {
    if (value) {
      generation[key] = value;
    }
  }
  if (Object.keys(generation).length > 0) {
    options.generation = generation;
  }
  return options;
}

/**
 * The server's environment. The server finds ngspice on its PATH, so a configured ngspice
 * goes in front of PATH; it must be named `ngspice` (a wrapper script can be).
 */
export function serverEnvironment(settings: Settings, base: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; problems: string[] } {
  const env: NodeJS.ProcessEnv = { ...base };
  const problems: string[] = [];
  const ngspice = settings.ngspicePath.trim();
  if (ngspice) {
    const name = path.basename(ngspice).replace(/\.exe$/i, "");
    if (name !== "ngspice") {
      problems.push(`setting ${SECTION}.ngspicePath should name an executable called ngspice, got ${ngspice}; using ngspice on PATH`);
    } else {
      env.PATH = [path.dirname(ngspice), base.PATH ?? ""].filter((p) => p).join(path.delimiter);
    }
  }
  return { env, problems };
}

/** The status-bar text for the backend the server was asked to use. */
export function backendLabel(settings: Settings): string {
  return settings.generation.backend || "default";
}
