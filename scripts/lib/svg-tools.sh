# shellcheck shell=bash
# Shared by scripts/make-people, make-places and make-icon (source it, don't run it): checks the
# tools they need, installs the pinned npm packages of scripts/people (package-lock.json) with the
# Node scripts into a temporary folder that is removed on exit, and quantises PNGs.

# need COMMAND WHERE-FROM: stop with a clear message when a tool is missing.
need() {
    command -v "$1" >/dev/null 2>&1 || { echo "error: '$1' is missing (install $2)" >&2; exit 1; }
}

# svg_tools_install: sets TOOLS to a temporary folder holding scripts/people/*.mjs and their
# node_modules, installed exactly as package-lock.json says (versions and integrity hashes).
svg_tools_install() {
    need node "Debian: nodejs, version 18 or later"
    need npm "Debian: npm"
    local here
    here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    TOOLS="$(mktemp -d)"
    trap 'rm -rf "$TOOLS"' EXIT
    cp "$here"/people/package.json "$here"/people/package-lock.json "$here"/people/*.mjs "$TOOLS"/
    if ! (cd "$TOOLS" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null); then
        echo "error: npm could not install the packages pinned in scripts/people/package-lock.json" >&2
        exit 1
    fi
}

# quantise SRC_DIR DST_DIR COLOURS: every PNG under SRC_DIR to a palette PNG (no dithering, no
# metadata) at the same place under DST_DIR.
quantise() {
    need pngquant "Debian: pngquant"
    local src=$1 dst=$2 colours=$3 f out
    while IFS= read -r f; do
        out="$dst/${f#"$src"/}"
        mkdir -p "$(dirname "$out")"
        pngquant --nofs --speed 1 --strip --force --output "$out" "$colours" -- "$f"
    done < <(find "$src" -name '*.png' | LC_ALL=C sort)
}
