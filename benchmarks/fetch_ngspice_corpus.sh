#!/usr/bin/env bash
# Fetch and unpack Debian's ngspice source package (its examples/ and tests/
# netlists are the corpus used by benchmarks/ngspice_corpus.py).
#
# Usage: benchmarks/fetch_ngspice_corpus.sh [DEST_DIR]   (default .cache/ngspice-src)
#
# The system's apt configuration is left untouched: a private sources list
# (deb-src lines derived from the system's Debian "deb" entries), a private
# lists dir and a private cache dir are used, all in a temp dir.
# Idempotent: if DEST_DIR already holds an unpacked tree, nothing is done.
# The last line printed (stdout) is the path of the unpacked tree; progress
# goes to stderr.  Needs only apt (+ dpkg-dev for dpkg-source, else tar).
set -euo pipefail

DEST=${1:-.cache/ngspice-src}
PKG=${NGSPICE_SRC_PKG:-ngspice}
# Optional exact source version to pin, e.g. NGSPICE_SRC_VERSION=39.3+ds-1
# (bookworm's); default: whatever the configured suites offer.
PKGSPEC=$PKG${NGSPICE_SRC_VERSION:+=$NGSPICE_SRC_VERSION}

find_tree() {
    local d
    for d in "$DEST"/"$PKG"-*/; do
        if [ -d "$d/examples" ] && [ -d "$d/tests" ]; then
            (cd "$d" && pwd)
            return 0
        fi
    done
    return 1
}

if tree=$(find_tree); then
    echo "ngspice source tree already present: $tree" >&2
    echo "$tree"
    exit 0
fi

. /etc/os-release
CODENAME=${VERSION_CODENAME:-}
if [ -z "$CODENAME" ]; then
    echo "cannot determine Debian codename from /etc/os-release" >&2
    exit 1
fi

tmp=$(mktemp -d /tmp/ngspice-src-apt.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial" "$tmp/dl"
if id _apt >/dev/null 2>&1; then
    chown -R _apt "$tmp/lists/partial" "$tmp/dl" 2>/dev/null || true
fi

# Emit one-line "deb-src [signed-by=...] URI SUITE COMPONENTS" for every
# enabled "deb" entry whose suite is CODENAME or CODENAME-* (e.g. -updates,
# -security), from one-line *.list and deb822 *.sources files.  Plain awk, so
# that the script needs nothing beyond a base system plus apt.
cat > "$tmp/parse.awk" <<'AWK'
function want(suite) { return suite == codename || index(suite, codename "-") == 1 }
function emit(uris, suites, comps, sb,   nu, ns, u, s, U, S, line) {
    if (comps == "") comps = "main"
    nu = split(uris, U, /[ \t]+/); ns = split(suites, S, /[ \t]+/)
    for (u = 1; u <= nu; u++) for (s = 1; s <= ns; s++) {
        if (U[u] == "" || !want(S[s])) continue
        line = "deb-src " (sb != "" ? "[signed-by=" sb "] " : "") U[u] " " S[s] " " comps
        if (!(line in seen)) { seen[line] = 1; print line }
    }
}
function flush() {
    if (types ~ /(^|[ \t])deb([ \t]|$)/ && tolower(enabled) != "no") emit(uris, suites, comps, sb)
    types = uris = suites = comps = sb = enabled = ""; inkey = 0
}
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
FNR == 1 { if (deb822) flush(); deb822 = (FILENAME ~ /\.sources$/) }
deb822 {
    if ($0 ~ /^[ \t]*#/) next
    if ($0 ~ /^[ \t]*$/) { flush(); next }
    if ($0 ~ /^[ \t]/) { if (inkey) sb = ""; next }    # continuation: inline key
    k = tolower(trim(substr($0, 1, index($0, ":") - 1))); v = trim(substr($0, index($0, ":") + 1))
    inkey = 0
    if (k == "types") types = v; else if (k == "uris") uris = v
    else if (k == "suites") suites = v; else if (k == "components") comps = v
    else if (k == "enabled") enabled = v
    else if (k == "signed-by") { sb = v; inkey = 1; if (v == "" || v ~ /^-----/) sb = "" }
    next
}
{
    line = $0; sub(/#.*/, "", line)
    if (line !~ /^[ \t]*deb[ \t]/) next
    sb = ""
    if (match(line, /\[[^]]*\]/)) {
        opts = substr(line, RSTART + 1, RLENGTH - 2)
        line = substr(line, 1, RSTART - 1) substr(line, RSTART + RLENGTH)
        if (match(opts, /signed-by=[^ \t]+/)) sb = substr(opts, RSTART + 10, RLENGTH - 10)
    }
    n = split(trim(line), F, /[ \t]+/)
    c = ""; for (i = 4; i <= n; i++) c = c (c == "" ? "" : " ") F[i]
    emit(F[2], F[3], c, sb); sb = ""
}
END { if (deb822) flush() }
AWK
APT_ETC=${APT_ETC:-/etc/apt}
srcfiles=()
for f in "$APT_ETC/sources.list" "$APT_ETC"/sources.list.d/*.list "$APT_ETC"/sources.list.d/*.sources; do
    [ -f "$f" ] && srcfiles+=("$f")
done
if [ ${#srcfiles[@]} -gt 0 ]; then
    awk -v codename="$CODENAME" -f "$tmp/parse.awk" "${srcfiles[@]}" > "$tmp/sources.list"
fi
if [ ! -s "$tmp/sources.list" ]; then
    echo "no enabled 'deb' entry for suite $CODENAME found in $APT_ETC" >&2
    exit 1
fi

echo "private sources list:" >&2
sed 's/^/  /' "$tmp/sources.list" >&2

APT=(apt-get -q
     -o "Dir::Etc::SourceList=$tmp/sources.list"
     -o "Dir::Etc::SourceParts=/dev/null"
     -o "Dir::State::Lists=$tmp/lists"
     -o "Dir::Cache=$tmp/cache"
     -o "Dir::Cache::pkgcache="
     -o "Dir::Cache::srcpkgcache=")

"${APT[@]}" update >&2
(cd "$tmp/dl" && "${APT[@]}" source --download-only "$PKGSPEC" >&2)

dsc=$(ls "$tmp"/dl/*.dsc | head -n1)
mkdir -p "$DEST"
base=$(basename "$dsc" .dsc)              # e.g. ngspice_39.3+ds-1
upver=${base#"${PKG}_"}; upver=${upver%-*}  # e.g. 39.3+ds (epoch not in file name)
target="$DEST/$PKG-$upver"

if command -v dpkg-source >/dev/null 2>&1; then
    # --no-check: apt already verified the files against the signed Release.
    (cd "$tmp/dl" && dpkg-source --no-check -x "$(basename "$dsc")" "$PKG-$upver" >&2)
else
    # No dpkg-dev: unpack the upstream tarball only (Debian patches not applied).
    orig=$(ls "$tmp"/dl/"${PKG}_${upver}".orig.tar.* | head -n1)
    mkdir -p "$tmp/dl/$PKG-$upver"
    tar -xf "$orig" -C "$tmp/dl/$PKG-$upver" --strip-components=1
fi
rm -rf "$target"
mv "$tmp/dl/$PKG-$upver" "$target"
echo "$base" > "$target/.debian-source-version"

tree=$(cd "$target" && pwd)
echo "ngspice source tree: $tree" >&2
echo "$tree"
