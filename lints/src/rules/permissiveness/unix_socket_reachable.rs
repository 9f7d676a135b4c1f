//! MX3034 unix-socket-reachable.

use ir::catalog::Kind;
use ir::fs::FsOp;
use ir::{Backend, Diagnostic};

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags a Seatbelt policy whose `readwritePaths` cover a directory where host daemons
    /// keep AF_UNIX sockets: the Docker socket, `~/.docker/run`, the gpg-agent socket in
    /// `~/.gnupg`, launchd's `ssh-agent` sockets in `/private/tmp`, per-user sockets in
    /// `/private/var/folders`.
    ///
    /// ## Why is this bad?
    /// Seatbelt's read-write rule also allows `network-outbound` under the path, which for a
    /// path filter means `connect()` to any socket there. Docker's socket is root on the host;
    /// the agents sign and decrypt with the user's keys.
    ///
    /// ## Example
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "containment": "seatbelt", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["/private/tmp"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// // mxcc --platform macos
    /// {"version": "0.8.0-alpha", "containment": "seatbelt", "process": {"commandLine": "make"},
    ///  "filesystem": {"readwritePaths": ["/private/tmp/build-3f2a"]}}
    /// ```
    ///
    /// ## Backends affected
    /// Seatbelt.
    code: "MX3034",
    name: "unix-socket-reachable",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    if cx.policy.backend() != Backend::Seatbelt {
        return;
    }
    cx.report_exposed(
        &META,
        FsOp::Write,
        &[Kind::Socket],
        "reachable over AF_UNIX `connect()`",
        "Seatbelt read-write paths allow `connect()` to existing sockets, such as Docker's \
         (root on the host) and SSH or GPG agents; grant a narrower directory or deny the socket",
        out,
    );
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn unix_socket_reachable() {
        insta::assert_snapshot!(check(
            "MX3034",
            r#"// mxcc --platform macos
{"version": "0.8.0-alpha", "process": {"commandLine": "x"},
"filesystem": {"readwritePaths": ["/var", "~/.docker", "/tmp"], "deniedPaths": ["/private/var/folders"]}}"#
        ));
    }
}
