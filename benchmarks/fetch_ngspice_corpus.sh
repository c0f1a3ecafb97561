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
# The last line printed is the path of the unpacked tree.
set -euo pipefail

DEST=${1:-.cache/ngspice-src}
PKG=${NGSPICE_SRC_PKG:-ngspice}

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
# Debian "deb" entry whose suite is CODENAME or CODENAME-* (e.g. -updates,
# -security).  Reads both one-line *.list and deb822 *.sources files.
python3 - "$CODENAME" > "$tmp/sources.list" <<'EOF'
import glob, re, sys
codename = sys.argv[1]
files = ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list")) \
        + sorted(glob.glob("/etc/apt/sources.list.d/*.sources"))
entries = []  # (uris, suites, comps, signed_by)
for f in files:
    try:
        text = open(f, encoding="utf-8", errors="replace").read()
    except OSError:
        continue
    if f.endswith(".sources"):
        for stanza in re.split(r"\n\s*\n", text):
            fields, key = {}, None
            for line in stanza.splitlines():
                if not line.strip() or line.lstrip().startswith("#"):
                    continue
                if line[0] in " \t" and key:
                    fields[key] += "\n" + line.strip()
                    continue
                key, _, val = line.partition(":")
                key = key.strip().lower()
                fields[key] = val.strip()
            if "deb" not in fields.get("types", "").split():
                continue
            if fields.get("enabled", "yes").lower() == "no":
                continue
            sb = fields.get("signed-by", "")
            if "\n" in sb or sb.startswith("-----"):
                sb = ""  # inline key: cannot express in one-line format
            entries.append((fields.get("uris", "").split(), fields.get("suites", "").split(),
                            fields.get("components", "").split(), sb))
    else:
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            m = re.match(r"deb\s+(\[[^\]]*\]\s+)?(\S+)\s+(\S+)\s*(.*)", line)
            if not m:
                continue
            opts = m.group(1) or ""
            sb = re.search(r"signed-by=(\S+?)(?=[\s\]])", opts)
            entries.append(([m.group(2)], [m.group(3)], m.group(4).split(), sb.group(1) if sb else ""))
seen = set()
for uris, suites, comps, sb in entries:
    for uri in uris:
        for suite in suites:
            if suite != codename and not suite.startswith(codename + "-"):
                continue
            line = "deb-src %s%s %s %s" % ("[signed-by=%s] " % sb if sb else "", uri, suite,
                                           " ".join(comps or ["main"]))
            if line not in seen:
                seen.add(line)
                print(line)
if not seen:
    sys.exit("no Debian 'deb' entry for suite %s found in /etc/apt" % codename)
EOF

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
(cd "$tmp/dl" && "${APT[@]}" source --download-only "$PKG" >&2)

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
