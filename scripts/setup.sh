# shellcheck shell=bash
# Sourced by scripts/run and scripts/test: installs what the project needs, only what
# is missing, and says what it installs. Versions come from Cargo.lock and Trunk.toml.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
TRUNK_VERSION="0.21.14"
LEPTOSFMT_VERSION="0.1.33"
GECKODRIVER_VERSION="0.37.1"
LIGHTHOUSE_VERSION="13.5.0"
BINARYEN_VERSION="132"
SELENIUM_VERSION="4.51.0"
RUFF_VERSION="0.17.6"
ESBUILD_VERSION="0.28.2"
WASM_SPLIT_VERSION="0.2.4"

say() { printf '\033[1m%s\033[0m\n' "$*" >&2; }

locked_wasm_bindgen_version() {
    awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/"/, "", $3); print $3 }' "$ROOT/Cargo.lock"
}

ensure_wasm_target() {
    if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        say "setup: installing the wasm32-unknown-unknown Rust target"
        rustup target add wasm32-unknown-unknown
    fi
}

# install_tool OPT_LEVEL CRATE ARGS...: the command-line tools are built for this machine,
# not for release: no LTO, many codegen units, the given opt-level (cargo's
# CARGO_PROFILE_RELEASE_* overrides, which beat the crates' own [profile.release]: Trunk asks
# for fat LTO and one codegen unit), without the TLS and update-check features that only
# serve their downloads (Trunk is run offline; the test runner talks to a local WebDriver),
# and in one target directory. Opt-level 1 for wasm-bindgen, which rewrites every test
# binary (tens of MB) on every run; 0 for the tools whose own work is light (Trunk hands
# the heavy work to wasm-bindgen and wasm-opt; geckodriver relays WebDriver commands;
# leptosfmt formats a hundred files): Trunk compiled in 3.7 minutes instead of 6.8, and
# built the same bundle in the same time (37 s against 38).
install_tool() {
    local opt_level="$1"
    shift
    CARGO_TARGET_DIR="$TOOLS/cargo-target" \
    CARGO_PROFILE_RELEASE_LTO=false \
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    CARGO_PROFILE_RELEASE_OPT_LEVEL="$opt_level" \
    CARGO_PROFILE_RELEASE_DEBUG=false \
    CARGO_PROFILE_RELEASE_INCREMENTAL=false \
        cargo install --no-default-features "$@"
}

ensure_trunk() {
    if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
        say "setup: installing Trunk $TRUNK_VERSION with cargo (about 4 minutes on 2 cores)"
        install_tool 0 trunk --version "$TRUNK_VERSION" --locked
    fi
}

ensure_wasm_bindgen_cli() {
    local version
    version="$(locked_wasm_bindgen_version)"
    if ! wasm-bindgen --version 2>/dev/null | grep -q " $version\$"; then
        # Not --locked: with it, 0.2.130 asks for a webpki-roots release the registry does not serve.
        say "setup: installing wasm-bindgen-cli $version (the version in Cargo.lock; about 3 minutes)"
        install_tool 1 wasm-bindgen-cli --version "$version" --force
    fi
}

# leptosfmt formats the view! blocks rustfmt leaves alone; the test command checks both.
ensure_leptosfmt() {
    if ! leptosfmt --version 2>/dev/null | grep -q " $LEPTOSFMT_VERSION\$"; then
        say "setup: installing leptosfmt $LEPTOSFMT_VERSION with cargo (about a minute)"
        install_tool 0 leptosfmt --version "$LEPTOSFMT_VERSION" --locked
    fi
}

# Debian's binaryen (108) builds bundles that die in Chromium; npm's 132 is the one to use.
ensure_wasm_opt() {
    local bin="$TOOLS/binaryen/node_modules/.bin"
    if ! "$bin/wasm-opt" --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
        if ! command -v npm >/dev/null; then
            say "setup: installing npm (Debian) to fetch binaryen"
            apt-get update -qq && apt-get install -y -qq npm
        fi
        say "setup: installing wasm-opt from npm's binaryen@$BINARYEN_VERSION into .tools/"
        mkdir -p "$TOOLS/binaryen"
        npm install --prefix "$TOOLS/binaryen" --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION"
    fi
    export PATH="$bin:$PATH"
}

# esbuild (npm, pinned) minifies the wasm-bindgen glue for release: Trunk 0.21.14's own JS
# minifier (the minify-js crate) fails on the glue's `export default` and leaves it as is
# (trunk-rs/trunk#1044).
ensure_esbuild() {
    local bin="$TOOLS/esbuild/node_modules/.bin"
    if ! "$bin/esbuild" --version 2>/dev/null | grep -qx "$ESBUILD_VERSION"; then
        say "setup: installing esbuild@$ESBUILD_VERSION from npm into .tools/"
        mkdir -p "$TOOLS/esbuild"
        npm install --prefix "$TOOLS/esbuild" --no-audit --no-fund --loglevel=error "esbuild@$ESBUILD_VERSION"
    fi
    export PATH="$bin:$PATH"
}

# wasm-split-cli cuts the release wasm into the shell's module and the pages' modules
# (scripts/build-release, src/lazy_pages.rs). It has no --version: cargo's list says.
ensure_wasm_split() {
    if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
        say "setup: installing wasm-split-cli $WASM_SPLIT_VERSION with cargo (about a minute)"
        install_tool 1 wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
    fi
}

# Lighthouse for scripts/bench only (npm, pinned), driving Debian's Chromium.
ensure_lighthouse() {
    local bin="$TOOLS/lighthouse/node_modules/.bin"
    if ! "$bin/lighthouse" --version 2>/dev/null | grep -qx "$LIGHTHOUSE_VERSION"; then
        ensure_wasm_opt  # installs npm if it is missing
        say "setup: installing Lighthouse $LIGHTHOUSE_VERSION from npm into .tools/"
        mkdir -p "$TOOLS/lighthouse"
        npm install --prefix "$TOOLS/lighthouse" --no-audit --no-fund --loglevel=error "lighthouse@$LIGHTHOUSE_VERSION"
    fi
    # shellcheck disable=SC2034 # read by scripts/bench
    LIGHTHOUSE="$bin/lighthouse"
}

ensure_chromium() {
    if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
        say "setup: installing Chromium and ChromeDriver (Debian)"
        apt-get update -qq && apt-get install -y -qq chromium chromium-driver
    fi
}

# Firefox for the browser tests: Debian's ESR (the one IT departments pin) and Mozilla's
# geckodriver, published on crates.io, built like the other tools.
ensure_firefox() {
    if ! command -v firefox-esr >/dev/null; then
        say "setup: installing Firefox ESR (Debian)"
        apt-get update -qq && apt-get install -y -qq firefox-esr
    fi
    if ! geckodriver --version 2>/dev/null | grep -q "^geckodriver $GECKODRIVER_VERSION\b"; then
        say "setup: installing geckodriver $GECKODRIVER_VERSION with cargo (about a minute)"
        install_tool 0 geckodriver --version "$GECKODRIVER_VERSION" --locked
    fi
}

# WebKit for the browser tests: Debian's WebKitGTK (the engine Safari shares) with its
# WebDriver, WebKitWebDriver, which opens WebKitGTK's MiniBrowser; and Xvfb, an X display in
# memory for its window, since WebKitGTK has no headless mode.
ensure_webkit() {
    if ! command -v WebKitWebDriver >/dev/null || ! command -v Xvfb >/dev/null; then
        say "setup: installing WebKitGTK's WebDriver and Xvfb (Debian)"
        apt-get update -qq && apt-get install -y -qq --no-install-recommends webkit2gtk-driver xvfb xauth
    fi
}

# start_display: exports DISPLAY, an Xvfb display started here unless one is set, for as
# long as the calling shell runs (DISPLAY_PID).
start_display() {
    [ -z "${DISPLAY:-}" ] || return 0
    local number
    number="$(mktemp)"
    Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 3>"$number" 2>/dev/null &
    # shellcheck disable=SC2034  # stopped by the scripts that source this file
    DISPLAY_PID=$!
    for _ in $(seq 100); do [ -s "$number" ] && break; sleep 0.1; done
    [ -s "$number" ] || { say "Xvfb did not start"; return 1; }
    DISPLAY=":$(cat "$number")"
    export DISPLAY
    rm -f "$number"
}

# Python tools (PyPI, pinned) in a project-local virtualenv: Selenium for the scripts that
# drive the console (it drives Debian's ChromeDriver, which the scripts name, so Selenium
# Manager never downloads a driver) and ruff, the linter of those scripts.
ensure_python_tools() {
    local venv="$TOOLS/venv"
    if ! "$venv/bin/python" -c "import selenium; assert selenium.__version__ == '$SELENIUM_VERSION'" 2>/dev/null \
        || ! "$venv/bin/ruff" --version 2>/dev/null | grep -qx "ruff $RUFF_VERSION"; then
        say "setup: installing Selenium $SELENIUM_VERSION and ruff $RUFF_VERSION into .tools/venv (PyPI)"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --disable-pip-version-check "selenium==$SELENIUM_VERSION" "ruff==$RUFF_VERSION"
    fi
    export SE_OFFLINE=true
    # shellcheck disable=SC2034  # used by the scripts that source this file
    BROWSER_PY=("$venv/bin/python" "$ROOT/scripts/browser.py")
}

# nginx for the deployment test, with the brotli module and the brotli compressor.
ensure_nginx() {
    if ! command -v nginx >/dev/null || ! command -v brotli >/dev/null || ! ls /etc/nginx/modules-enabled/*brotli* >/dev/null 2>&1; then
        say "setup: installing nginx, its brotli module and brotli (Debian)"
        apt-get update -qq && apt-get install -y -qq nginx libnginx-mod-http-brotli-static brotli
    fi
}

# The precompressors of the release bundle: zopfli writes the .gz copies (gzip format,
# about 5% smaller than gzip -9), brotli the .br ones.
ensure_compressors() {
    if ! command -v zopfli >/dev/null || ! command -v brotli >/dev/null; then
        say "setup: installing zopfli and brotli (Debian)"
        apt-get update -qq && apt-get install -y -qq zopfli brotli
    fi
}

# The shell linter, run over the scripts with the tests.
ensure_shellcheck() {
    if ! command -v shellcheck >/dev/null; then
        say "setup: installing shellcheck (Debian)"
        apt-get update -qq && apt-get install -y -qq shellcheck
    fi
}

ensure_build_tools() {
    ensure_wasm_target
    ensure_wasm_bindgen_cli
    ensure_trunk
    ensure_wasm_opt
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts the sandbox in the background; sets SANDBOX_PID and SANDBOX_URL. Arguments go
# to jobs-sandbox. Fails if it does not report its address within 60 s.
start_sandbox() {
    local log="$1"; shift
    "${SANDBOX_BIN:-$ROOT/target/debug/jobs-sandbox}" "$@" >"$log" 2>&1 &
    SANDBOX_PID=$!
    for _ in $(seq 600); do
        SANDBOX_URL="$(grep -o 'http://[0-9.:]*' "$log" | head -n 1 || true)"
        [ -n "$SANDBOX_URL" ] && return 0
        if ! kill -0 "$SANDBOX_PID" 2>/dev/null; then break; fi
        sleep 0.1
    done
    say "the sandbox did not start:"; cat "$log" >&2
    return 1
}
