//! `mxcc-lsp`: the language server as its own binary, the same as `mxcc lsp`.

fn main() -> std::process::ExitCode {
    lsp::run_stdio()
}
