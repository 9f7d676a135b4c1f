//! MXC's verdict: its Linux executor's dry run on a config file, with a time limit.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub(crate) enum OracleVerdict {
    Accepted,
    /// Rejected, with the lines of its output that say why.
    Rejected(String),
    TimedOut,
}

/// Runs `oracle --dry-run --experimental --allow-testing-features config`, its output going to
/// `log`, and kills it after `limit`.
pub(crate) fn run(
    oracle: &Path,
    config: &Path,
    log: &Path,
    limit: Duration,
) -> Result<OracleVerdict, String> {
    let out = std::fs::File::create(log)
        .map_err(|e| format!("cannot create `{}`: {e}", log.display()))?;
    let err = out
        .try_clone()
        .map_err(|e| format!("cannot share `{}`: {e}", log.display()))?;
    let mut child = Command::new(oracle)
        .args(["--dry-run", "--experimental", "--allow-testing-features"])
        .arg(config)
        .stdin(Stdio::null())
        .stdout(Stdio::from(out))
        .stderr(Stdio::from(err))
        .spawn()
        .map_err(|e| format!("cannot run `{}`: {e}", oracle.display()))?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child
            .try_wait()
            .map_err(|e| format!("cannot wait for the oracle: {e}"))?
        {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(OracleVerdict::TimedOut);
        }
        std::thread::sleep(Duration::from_millis(1));
    };
    if status.success() {
        return Ok(OracleVerdict::Accepted);
    }
    let output = std::fs::read(log).unwrap_or_default();
    Ok(OracleVerdict::Rejected(reason(&String::from_utf8_lossy(
        &output,
    ))))
}

/// The lines of the executor's output that explain a rejection: everything but its warnings
/// and its progress lines.
fn reason(output: &str) -> String {
    const NOISE: [&str; 7] = [
        "WARNING:",
        "Request error",
        "Script code length",
        "Working directory",
        "Script timeout",
        "Container name",
        "Runner completed",
    ];
    let lines: Vec<&str> = output
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !NOISE.iter().any(|n| line.starts_with(n)))
        .collect();
    let text = lines.join(" | ");
    if text.chars().count() > 400 {
        text.chars().take(400).collect()
    } else {
        text
    }
}
