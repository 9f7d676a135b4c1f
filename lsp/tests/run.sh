#!/usr/bin/env bash
# End-to-end tests of the language server with an independent client (pytest-lsp).
# Creates the venv under target/lsp-venv, builds the server, runs pytest; exits non-zero on
# failure. The tests drive `mxcc lsp` when the CLI has it, else `mxcc-lsp` (see server.py).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-$root/target}"
venv="$target/lsp-venv"
if [[ ! -x "$venv/bin/pytest" ]] || ! "$venv/bin/python" -c "import pytest_lsp" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check pytest pytest-lsp
fi
cargo build --quiet -p lsp --bin mxcc-lsp
# `mxcc` embeds the server: rebuild it so the tests never drive a stale copy.
if grep -qE '^lsp(\.workspace)? *=' cli/Cargo.toml 2>/dev/null && [[ -z "${MXCC_LSP:-}" ]]; then
    if ! cargo build --quiet -p cli --bin mxcc; then
        echo "run.sh: building mxcc failed; testing mxcc-lsp instead" >&2
        export MXCC_LSP="$target/debug/mxcc-lsp"
    fi
fi
cd "$root/lsp/tests"
exec "$venv/bin/pytest" -q -p no:cacheprovider "$@"
