#!/usr/bin/env bash
# End-to-end tests of the language server with an independent client (pytest-lsp).
# Creates the venv under target/lsp-venv, builds the server, runs pytest; exits non-zero on
# failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
venv="${CARGO_TARGET_DIR:-$root/target}/lsp-venv"
if [[ ! -x "$venv/bin/pytest" ]] || ! "$venv/bin/python" -c "import pytest_lsp" 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check pytest pytest-lsp
fi
cargo build --quiet -p lsp --bin mxcc-lsp
cd "$root/lsp/tests"
exec "$venv/bin/pytest" -q -p no:cacheprovider "$@"
