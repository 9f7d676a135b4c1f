"""Finds the language server binary the tests drive."""

import os
import pathlib
import subprocess

ROOT = pathlib.Path(__file__).resolve().parents[2]


def command() -> list[str]:
    """`$MXCC_LSP` when set, else `target/debug/mxcc lsp` when the CLI has the subcommand,
    else `target/debug/mxcc-lsp`."""
    override = os.environ.get("MXCC_LSP")
    if override:
        return override.split()
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    profile = os.environ.get("MXCC_LSP_PROFILE", "debug")
    mxcc = target / profile / "mxcc"
    if mxcc.exists():
        try:
            help_text = subprocess.run(
                [str(mxcc), "--help"], capture_output=True, text=True, timeout=30
            ).stdout
        except (OSError, subprocess.SubprocessError):
            help_text = ""
        if any(line.split()[:1] == ["lsp"] for line in help_text.splitlines()):
            return [str(mxcc), "lsp"]
    return [str(target / profile / "mxcc-lsp")]
