//! `query`: the reference decision (`ir::decide`) for one request, and whether the runtime
//! baseline of `mxcc run` grants what the policy denies.

use std::net::IpAddr;

use ir::{CanonPath, Cause, Decision, Direction, Endpoint, FsOp, Mode, Platform, Policy, Request};
use targets::backends::bwrap::SYSTEM_BASELINE;

/// The answer to one query.
#[derive(Clone, Debug)]
pub struct Answer {
    pub request: Request,
    pub decision: Decision,
    /// The directory of the executor's runtime baseline that grants the request when the
    /// policy denies it; `None` when the baseline changes nothing.
    pub baseline: Option<&'static str>,
}

/// A filesystem request for a path canonicalised as the frontend does for `platform`; an
/// error message for a relative path.
pub fn fs_request(op: FsOp, raw: &str, platform: Platform) -> Result<Request, String> {
    let canonical = CanonPath::parse(raw, platform.path_style());
    if canonical.path.root == ir::Root::Relative {
        return Err(format!(
            "`{raw}` is a relative path; a query needs an absolute path"
        ));
    }
    Ok(Request::Fs {
        op,
        path: canonical.path,
    })
}

/// A network request to or from an address; an error message for a malformed address.
pub fn net_request(
    direction: Direction,
    address: &str,
    port: u16,
    protocol: ir::Protocol,
) -> Result<Request, String> {
    let ip: IpAddr = address
        .parse()
        .map_err(|_| format!("`{address}` is not an IP address"))?;
    Ok(Request::Net {
        direction,
        protocol,
        endpoint: Endpoint::Ip(ip),
        port,
    })
}

/// Decides `request` with the reference semantics and looks at the runtime baseline.
pub fn answer(policy: &Policy, platform: Platform, request: Request, mode: Mode) -> Answer {
    let decision = ir::decide(policy, &request, mode);
    let baseline = runtime_baseline(platform, &request, &decision);
    Answer {
        request,
        decision,
        baseline,
    }
}

/// The baseline directory of `mxcc run` (the bubblewrap backend's system directories, which
/// the executor grants read and execute) that covers a read, execute or metadata request the
/// policy denies for want of any rule. Only on Linux, where the executor runs. A path a
/// policy rule decides is not reported: whether the executor masks it depends on the rule.
fn runtime_baseline(
    platform: Platform,
    request: &Request,
    decision: &Decision,
) -> Option<&'static str> {
    let Request::Fs { op, path } = request else {
        return None;
    };
    if platform != Platform::Linux
        || decision.allowed
        || decision.cause != Cause::NoFsRule
        || *op == FsOp::Write
    {
        return None;
    }
    let style = platform.path_style();
    SYSTEM_BASELINE
        .iter()
        .copied()
        .find(|dir| path.starts_with(&CanonPath::parse(dir, style).path))
}
