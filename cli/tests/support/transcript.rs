//! The transcript every CLI suite snapshots: the command line, the exit code, stdout and
//! stderr of one run of the real `mxcc` binary.

/// Renders one finished run under the command line that started it.
pub(crate) fn transcript(command: &str, out: &std::process::Output) -> String {
    format!(
        "{command}\nexit: {}\n--- stdout\n{}--- stderr\n{}",
        out.status
            .code()
            .map_or("signal".to_owned(), |c| c.to_string()),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    )
}
