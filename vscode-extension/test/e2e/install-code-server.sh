#!/bin/sh
# Installs code-server (VS Code for the browser) from the npm registry into .e2e/code-server,
# without the downloads from GitHub that its own postinstall makes (they fail offline):
# the package's scripts are skipped, its native modules are built here with node-gyp against
# the system's Node headers, and Debian's ripgrep replaces the downloaded one.
# Needs Node 20 (code-server 4.100 requires it), build-essential, python3, and apt packages
# libkrb5-dev, pkg-config, ripgrep and chromium (installed here when missing, as root).
set -eu
VERSION="${CODE_SERVER_VERSION:-4.100.3}"
DEST="$(cd "$(dirname "$0")/../.." && pwd)/.e2e/code-server"
export npm_config_unsafe_perm=true npm_config_yes=true

missing=""
for pkg in libkrb5-dev pkg-config ripgrep chromium; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

rm -rf "$DEST" && mkdir -p "$DEST"
cd "$DEST/.."
npm pack "code-server@$VERSION" >/dev/null
tar xzf "code-server-$VERSION.tgz" && rm "code-server-$VERSION.tgz"
rm -rf code-server && mv package code-server && cd code-server
npm install --omit=dev --ignore-scripts --no-audit --no-fund
npm rebuild argon2 || echo "argon2 did not build: only password authentication needs it (the tests use --auth none)"
cd lib/vscode
npm install --omit=dev --ignore-scripts --no-audit --no-fund
npm rebuild @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid
mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
# What code-server's postinstall.sh does after installing.
rm -rf node_modules.asar && ln -s node_modules node_modules.asar
(cd bin/remote-cli && rm -f code-server && ln -s code-linux.sh code-server)
(cd bin/helpers && rm -f browser.sh && ln -s browser-linux.sh browser.sh)
cd extensions && npm install --omit=dev --ignore-scripts --no-audit --no-fund
echo "code-server $VERSION installed in $DEST"
