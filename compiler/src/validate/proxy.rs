//! Proxy rules: the legacy `network.proxy` variants and URL, `runtimeConfig.networkProxy`, and
//! the proxy forms and combinations each backend refuses. Messages never repeat a URL, which may
//! carry credentials.

use ir::{Backend, Diagnostic, Severity, Span};

use crate::syntax::Node;
use crate::validate::network::Net;
use crate::validate::{
    BUILTIN_TEST_SERVER, BUILTIN_TEST_SERVER_FALSE, Cx, PROXY_COMBINATION_REFUSED,
    PROXY_FORM_REFUSED, PROXY_NO_VARIANT, PROXY_SEVERAL_VARIANTS, PROXY_UNSUPPORTED_BACKEND,
    PROXY_URL_CREDENTIALS, PROXY_URL_HOST, PROXY_URL_PORT, PROXY_URL_SCHEME,
    RUNTIME_PROXY_NOT_LOOPBACK, RUNTIME_PROXY_WITH_EGRESS, key_span,
};

const VARIANTS: [&str; 3] = ["builtinTestServer", "localhost", "url"];

/// A proxy URL as MXC reads it: through the WHATWG URL parser of the `url` crate, which strips
/// surrounding spaces, lower-cases the scheme and host, normalises IPv4 hosts (`127.1`,
/// `0x7f.1`, `2130706433` and `0177.0.0.1` are all `127.0.0.1`) and drops a scheme's default
/// port (`http://host:80` has no port).
pub(crate) fn parse_url(raw: &str) -> Result<url::Url, url::ParseError> {
    url::Url::parse(raw)
}

/// True for `localhost`, `127.0.0.0/8` and `::1`, as MXC tests a parsed host (an IPv4-mapped
/// IPv6 address is not loopback there).
pub(crate) fn is_loopback_host(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(a)) => a.is_loopback(),
        Some(url::Host::Ipv6(a)) => a.is_loopback(),
        None => false,
    }
}

pub(crate) fn check(cx: &mut Cx<'_>) {
    let net = Net::read(cx);
    if let Some(proxy) = net.proxy {
        variants(cx, proxy);
        if cx.production() {
            if let Some(url) = proxy.get_present("url")
                && let Some(raw) = url.as_str()
                && proxy.get_present("localhost").is_none()
            {
                url_shape(
                    cx,
                    raw,
                    url.span,
                    "network.proxy.url",
                    credentials_severity(cx),
                );
            }
            if proxy
                .get_present("builtinTestServer")
                .and_then(Node::as_bool)
                == Some(true)
            {
                let span = key_span(proxy, "builtinTestServer", proxy.span);
                cx.push(
                    Diagnostic::warning(BUILTIN_TEST_SERVER, "`network.proxy.builtinTestServer` is a testing feature")
                        .with_label(span, "MXC's built-in test proxy")
                        .with_help("MXC refuses it unless `wxc-exec` runs with `--allow-testing-features`; use `url` or `localhost` for a real proxy"),
                );
            }
            backend_rules(cx, &net, proxy);
        }
    }
    if cx.production() {
        runtime_proxy(cx, &net);
    }
}

/// Exactly one of `builtinTestServer`, `localhost` and `url`, and `builtinTestServer` is `true`.
fn variants(cx: &mut Cx<'_>, proxy: &Node) {
    if !proxy.is_object() {
        return;
    }
    let present: Vec<_> = proxy
        .members()
        .iter()
        .filter(|m| VARIANTS.contains(&m.key.as_str()) && !m.value.is_null())
        .collect();
    match present.as_slice() {
        [] => cx.push(
            Diagnostic::error(PROXY_NO_VARIANT, "`network.proxy` must specify `builtinTestServer`, `localhost` or `url`")
                .with_label(proxy.span, "no proxy given")
                .with_help("a proxy section selects one proxy; add `\"url\": \"http://host:port\"` or `\"localhost\": <port>`, or remove `proxy`"),
        ),
        [_] => {}
        // MXC refuses a second variant only beside `builtinTestServer`; with `localhost` and
        // `url` it uses `localhost` and never reads the URL, so production mode only warns.
        [first, second] if cx.production() && first.key != "builtinTestServer" && second.key != "builtinTestServer" => {
            cx.push(
                Diagnostic::new(PROXY_SEVERAL_VARIANTS, Severity::Warning, format!("`network.proxy` sets both `{}` and `{}`", first.key, second.key))
                    .with_label(second.key_span, "second proxy")
                    .with_secondary(first.key_span, "first proxy")
                    .with_help("MXC uses the `localhost` proxy and ignores `url` without checking it; keep the one proxy the sandbox should use"),
            );
        }
        [first, rest @ ..] => {
            for m in rest {
                cx.push(
                    Diagnostic::error(PROXY_SEVERAL_VARIANTS, format!("`network.proxy` sets both `{}` and `{}`", first.key, m.key))
                        .with_label(m.key_span, "second proxy")
                        .with_secondary(first.key_span, "first proxy")
                        .with_help("MXC uses exactly one proxy; keep one of `builtinTestServer`, `localhost` and `url`"),
                );
            }
        }
    }
    if let Some(v) = proxy.get_present("builtinTestServer")
        && v.as_bool() == Some(false)
    {
        cx.push(
            Diagnostic::error(BUILTIN_TEST_SERVER_FALSE, "`network.proxy.builtinTestServer` must be `true` when present")
                .with_label(v.span, "`false` is not accepted")
                .with_help("the field selects the built-in test proxy and has no `false` form; remove it to use no proxy"),
        );
    }
}

/// Bubblewrap and LXC pass the proxy URL on a command line, readable in `/proc/<pid>/cmdline`.
fn credentials_severity(cx: &Cx<'_>) -> Severity {
    match cx.header.backend() {
        Backend::Bubblewrap | Backend::Lxc => Severity::Error,
        _ => Severity::Warning,
    }
}

/// Scheme, host, explicit port and credentials of a proxy URL.
fn url_shape(
    cx: &mut Cx<'_>,
    raw: &str,
    span: Span,
    name: &str,
    credentials: Severity,
) -> Option<()> {
    let url = match parse_url(raw) {
        Ok(url) => url,
        Err(e) => {
            cx.push(unparsable(e, span, name));
            return None;
        }
    };
    if !matches!(url.scheme(), "http" | "https") {
        cx.push(
            Diagnostic::error(
                PROXY_URL_SCHEME,
                format!("`{name}` must use the `http` or `https` scheme"),
            )
            .with_label(span, "not an `http://` or `https://` URL")
            .with_help("MXC proxies are HTTP/S proxies; write the URL as `http://host:port`"),
        );
        return None;
    }
    if !url.username().is_empty() || url.password().is_some() {
        let d = Diagnostic::new(PROXY_URL_CREDENTIALS, credentials, format!("`{name}` contains credentials"))
            .with_label(span, "user information before `@` (not shown)")
            .with_help(if credentials == Severity::Error {
                "this backend passes the proxy URL on a command line that every process can read in `/proc/<pid>/cmdline`; use a proxy that needs no credentials in the URL"
            } else {
                "the URL is copied into the sandbox's `HTTP_PROXY` variables, so the sandboxed program can read the credentials; prefer a proxy that needs none"
            });
        cx.push(d);
    }
    if url.host_str().is_none_or(str::is_empty) {
        cx.push(
            Diagnostic::error(PROXY_URL_HOST, format!("`{name}` must include a host"))
                .with_label(span, "no host")
                .with_help("write the proxy as `http://host:port`"),
        );
        return None;
    }
    if url.port().is_none() {
        cx.push(
            Diagnostic::error(PROXY_URL_PORT, format!("`{name}` must include a port"))
                .with_label(span, "no explicit port")
                .with_help("MXC does not assume a default port, and its URL parser drops the scheme's default one (`:80` for `http`, `:443` for `https`); write the port explicitly, e.g. `http://host:8080`"),
        );
        return None;
    }
    Some(())
}

/// The error for a string the URL parser refuses, with the code of the part at fault.
fn unparsable(e: url::ParseError, span: Span, name: &str) -> Diagnostic {
    let (code, label, help) = match e {
        url::ParseError::InvalidPort => (
            PROXY_URL_PORT,
            "invalid port",
            "write the port as digits only, from 0 to 65535, e.g. `http://host:8080`",
        ),
        url::ParseError::RelativeUrlWithoutBase
        | url::ParseError::RelativeUrlWithCannotBeABaseBase
        | url::ParseError::SetHostOnCannotBeABaseUrl => (
            PROXY_URL_SCHEME,
            "not an `http://` or `https://` URL",
            "MXC proxies are HTTP/S proxies; write the URL as `http://host:port`",
        ),
        _ => (
            PROXY_URL_HOST,
            "invalid host",
            "write the proxy's host name or IP address, e.g. `http://proxy.internal:3128`",
        ),
    };
    Diagnostic::error(code, format!("`{name}` is not a valid URL: {e}"))
        .with_label(span, label)
        .with_help(help)
}

/// `runtimeConfig.networkProxy`: a loopback HTTP/S URL, only with a ruleless deny egress.
fn runtime_proxy(cx: &mut Cx<'_>, net: &Net<'_>) {
    let Some((raw, span)) = net.runtime_proxy else {
        return;
    };
    if url_shape(
        cx,
        raw,
        span,
        "runtimeConfig.networkProxy",
        credentials_severity(cx),
    )
    .is_some()
    {
        let canonical = ["localhost", "127.0.0.1", "[::1]"];
        let url = parse_url(raw).ok();
        let host = url.as_ref().and_then(url::Url::host_str).unwrap_or("");
        if !canonical.contains(&host) {
            cx.push(
                Diagnostic::error(RUNTIME_PROXY_NOT_LOOPBACK, "`runtimeConfig.networkProxy` must use `localhost`, `127.0.0.1` or `[::1]`")
                    .with_label(span, "not a canonical loopback host")
                    .with_help("the runtime proxy is the one loopback endpoint the sandbox may reach, so it must be on this host; run the proxy on loopback and point the URL at it"),
            );
        } else if let Some(url) = &url {
            bubblewrap_runtime_endpoint(cx, url, span);
        }
    }
    if !cx.header.version_at_least(0, 8) {
        return;
    }
    let conflict = if net.egress_default_allow {
        net.egress
            .and_then(|e| e.get_present("default"))
            .map(|d| (d.span, "`egress.default` is `allow`"))
    } else {
        net.egress_rules.map(|s| (s, "direct egress rules"))
    };
    if let Some((at, what)) = conflict {
        cx.push(
            Diagnostic::error(RUNTIME_PROXY_WITH_EGRESS, "`runtimeConfig.networkProxy` requires `network.egress.default` `deny` with no direct allow or deny rules")
                .with_label(at, what)
                .with_secondary(span, "the runtime proxy")
                .with_help("with a runtime proxy all traffic must go through the proxy; set `egress.default` to `deny` and remove the egress rules, or drop the proxy"),
        );
    }
}

/// Bubblewrap forwards the runtime proxy into the sandbox's private network as an IPv4 port, so
/// its validation refuses an IPv6 host (`[::1]`) and port 0, which the URL itself allows.
fn bubblewrap_runtime_endpoint(cx: &mut Cx<'_>, url: &url::Url, span: Span) {
    if cx.header.backend() != Backend::Bubblewrap {
        return;
    }
    let what = if matches!(url.host(), Some(url::Host::Ipv6(_))) {
        "a runtime proxy on an IPv6 address"
    } else if url.port() == Some(0) {
        "a runtime proxy on port 0"
    } else {
        return;
    };
    cx.push(
        Diagnostic::error(
            PROXY_FORM_REFUSED,
            format!("the `bubblewrap` backend does not accept {what}"),
        )
        .with_label(span, "runtime proxy")
        .with_help("run the proxy on `127.0.0.1` or `localhost` with a port from 1 to 65535"),
    );
}

/// Backend-scoped rules for the legacy `network.proxy`.
fn backend_rules(cx: &mut Cx<'_>, net: &Net<'_>, proxy: &Node) {
    let backend = cx.header.backend();
    let proxy_span = net.legacy_span("proxy").unwrap_or(proxy.span);
    let builtin = proxy.get_present("builtinTestServer").is_some();
    let localhost = proxy.get_present("localhost").is_some();
    // MXC uses `localhost` when both it and `url` are given, and then never reads the URL.
    let url = proxy
        .get_present("url")
        .and_then(Node::as_str)
        .filter(|_| !localhost)
        .map(|raw| parse_url(raw).ok());
    let loopback_url = url
        .as_ref()
        .is_some_and(|u| u.as_ref().is_some_and(is_loopback_host));
    let remote = url.is_some() && !loopback_url;
    let firewall = matches!(net.enforcement, "firewall" | "both");
    let refuse_form = |cx: &mut Cx<'_>, what: &str, help: &str| {
        cx.push(
            Diagnostic::error(
                PROXY_FORM_REFUSED,
                format!("the `{}` backend does not accept {what}", backend.as_str()),
            )
            .with_label(proxy_span, "proxy configured here")
            .with_help(help.to_owned()),
        );
    };
    match backend {
        Backend::ProcessContainer
        | Backend::Bubblewrap
        | Backend::Lxc
        | Backend::Seatbelt
        | Backend::Wslc => {}
        _ => {
            cx.push(
                Diagnostic::error(PROXY_UNSUPPORTED_BACKEND, format!("the `{}` backend does not support `network.proxy`", backend.as_str()))
                    .with_label(proxy_span, "proxy configured here")
                    .with_help("MXC supports a proxy only on processcontainer, bubblewrap, lxc, seatbelt and wslc; remove `proxy` or choose one of those backends"),
            );
            return;
        }
    }
    if backend == Backend::Lxc && (builtin || localhost || loopback_url) {
        refuse_form(
            cx,
            "a loopback or built-in proxy",
            "the container has its own loopback, so a host loopback proxy is unreachable from it; use `url` with an address the container can reach",
        );
    }
    if backend == Backend::Wslc && url.is_none() {
        refuse_form(
            cx,
            "a proxy other than `url`",
            "WSLC containers reach the proxy over the WSL network; use `\"url\": \"http://host:port\"`",
        );
    }
    let combination = |cx: &mut Cx<'_>, at: Span, what: String, help: &str| {
        cx.push(
            Diagnostic::error(
                PROXY_COMBINATION_REFUSED,
                format!(
                    "the `{}` backend does not accept a proxy with {what}",
                    backend.as_str()
                ),
            )
            .with_label(at, what)
            .with_secondary(proxy_span, "proxy configured here")
            .with_help(help.to_owned()),
        );
    };
    let enforcement_span = net.legacy_span("enforcementMode").unwrap_or(proxy_span);
    let default_span = net.legacy_span("defaultPolicy").unwrap_or(proxy_span);
    match backend {
        Backend::Lxc if !firewall => combination(
            cx,
            enforcement_span,
            format!("`enforcementMode` `{}`", net.enforcement),
            "LXC confines traffic to the proxy with host firewall rules; set `enforcementMode` to `firewall` or `both`",
        ),
        Backend::Bubblewrap | Backend::Seatbelt if firewall => combination(
            cx,
            enforcement_span,
            format!("`enforcementMode` `{}`", net.enforcement),
            "a proxy already decides which hosts are reachable; remove `enforcementMode` or the proxy",
        ),
        _ => {}
    }
    match backend {
        Backend::Bubblewrap if !builtin && (net.has_host_lists() || !net.default_allow) => {
            let (at, what) = match net.host_lists_span() {
                Some(s) => (s, "host lists".to_owned()),
                None => (default_span, "`defaultPolicy` `block`".to_owned()),
            };
            combination(
                cx,
                at,
                what,
                "bubblewrap sends all traffic to an external proxy and cannot filter hosts or block other traffic beside it; use `defaultPolicy` `allow` without host lists, or the 0.8 `runtimeConfig.networkProxy`",
            );
        }
        Backend::Seatbelt if net.default_allow => combination(
            cx,
            default_span,
            "`defaultPolicy` `allow`".to_owned(),
            "seatbelt can only allow all outbound traffic or none, so an allow-all policy would bypass the proxy; set `defaultPolicy` to `block`",
        ),
        Backend::Seatbelt if remote => combination(
            cx,
            default_span,
            "`defaultPolicy` `block` and a remote host".to_owned(),
            "seatbelt can open only a loopback proxy port under `block`; run the proxy on `localhost`",
        ),
        Backend::Wslc => {
            if !net.default_allow {
                combination(
                    cx,
                    default_span,
                    "`defaultPolicy` `block`".to_owned(),
                    "WSLC proxies are cooperative and need the container network; set `defaultPolicy` to `allow`",
                );
            }
            if let Some(s) = net.host_lists_span() {
                combination(
                    cx,
                    s,
                    "host lists".to_owned(),
                    "WSLC cannot filter hosts; remove the host lists",
                );
            }
            if let Some((true, s)) = net.allow_local {
                combination(
                    cx,
                    s,
                    "`allowLocalNetwork` `true`".to_owned(),
                    "WSLC does not accept inbound local traffic with a proxy; remove `allowLocalNetwork`",
                );
            }
        }
        _ => {}
    }
}
