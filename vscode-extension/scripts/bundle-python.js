#!/usr/bin/env node
/**
 * Fills bundled/libs with the server: the spice_lsp package of this repository and its
 * pure-Python dependencies (bundled/requirements.txt, from PyPI with pip), so that installing
 * the .vsix is enough for checking, simulation and the template backend. Each dependency's
 * .dist-info (its licence files included) goes with it. Run by `npm run package`.
 *   $SPICE_LSP_PYTHON: the Python whose pip installs them (default ../.venv/bin/python)
 */
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const libs = path.join(root, "bundled", "libs");
const source = path.join(root, "..", "spice_lsp");
const python = process.env.SPICE_LSP_PYTHON ?? path.join(root, "..", ".venv", "bin", "python");
// The shipped LoRA adapter goes too (the transformers backend uses it when the ml extra is
// installed in the user's Python); its training logs and plots do not.
const ADAPTER_FILES = new Set(["adapter_config.json", "adapter_model.safetensors", "README.md"]);

fs.rmSync(libs, { recursive: true, force: true });
execFileSync(python, ["-m", "pip", "install", "-q", "--no-deps", "--only-binary=:all:", "--no-compile",
  "--target", libs, "-r", path.join(root, "bundled", "requirements.txt")], { stdio: "inherit" });
fs.rmSync(path.join(libs, "bin"), { recursive: true, force: true }); // console scripts: not used

// The package's files as git tracks them: what a fresh clone has, whatever else lies around.
const repo = path.dirname(source);
const tracked = execFileSync("git", ["ls-files", "-z", "spice_lsp"], { cwd: repo }).toString().split("\0").filter((f) => f);
for (const file of tracked) {
  if (file.includes("/adapters/") && !ADAPTER_FILES.has(path.basename(file))) {
    continue;
  }
  fs.mkdirSync(path.join(libs, path.dirname(file)), { recursive: true });
  fs.copyFileSync(path.join(repo, file), path.join(libs, file));
}

const missing = fs.readdirSync(libs).filter((name) => name.endsWith(".dist-info")).filter((info) =>
  !fs.readdirSync(path.join(libs, info), { recursive: true }).some((f) => /LICEN[CS]E|COPYING/i.test(String(f))));
if (missing.length) {
  throw new Error(`no licence file in ${missing.join(", ")}: check bundled/THIRD_PARTY_NOTICES.md`);
}
console.log(`bundled the server into ${path.relative(root, libs)}`);
