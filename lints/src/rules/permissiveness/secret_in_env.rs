//! MX3038 secret-in-env.

use ir::Diagnostic;

use crate::context::Cx;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it does
    /// Flags `process.env` entries that carry a credential: a token-like name (`*_TOKEN`,
    /// `*_SECRET`, `*PASSWORD*`, `*_API_KEY`, `AWS_SECRET_ACCESS_KEY`, ...) with a literal
    /// value, or a value shaped like a known credential (GitHub, AWS, Slack, OpenAI,
    /// Anthropic, GitLab, Google keys, JWTs, PEM private keys). Messages never repeat the
    /// value.
    ///
    /// ## Why is this bad?
    /// A credential handed to the sandbox can leave it through any channel the policy allows,
    /// and the policy file itself now holds a secret: it is committed, logged and shared.
    ///
    /// ## Example
    /// ```json
    /// {"version": "0.8.0-alpha",
    ///  "process": {"commandLine": "gh pr list", "env": ["GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyz"]}}
    /// ```
    ///
    /// ## Use instead
    /// ```json
    /// {"version": "0.8.0-alpha",
    ///  "process": {"commandLine": "gh pr list", "env": ["GH_HOST=github.com"]}}
    /// ```
    ///
    /// ## Backends affected
    /// All.
    code: "MX3038",
    name: "secret-in-env",
    category: Permissiveness,
    severity: Warning,
    status: Preview,
}

const NAME_MARKERS: [&str; 12] = [
    "TOKEN",
    "SECRET",
    "PASSWORD",
    "PASSWD",
    "API_KEY",
    "APIKEY",
    "ACCESS_KEY",
    "PRIVATE_KEY",
    "CREDENTIAL",
    "AUTH",
    "BEARER",
    "PAT",
];

const VALUE_PREFIXES: [(&str, &str); 12] = [
    ("ghp_", "a GitHub token"),
    ("gho_", "a GitHub token"),
    ("ghs_", "a GitHub token"),
    ("ghu_", "a GitHub token"),
    ("github_pat_", "a GitHub token"),
    ("glpat-", "a GitLab token"),
    ("xoxb-", "a Slack token"),
    ("xoxp-", "a Slack token"),
    ("sk-ant-", "an Anthropic key"),
    ("sk-", "an API secret key"),
    ("AIza", "a Google API key"),
    ("npm_", "an npm token"),
];

fn name_kind(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    upper
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| NAME_MARKERS.contains(&word))
        || NAME_MARKERS
            .iter()
            .filter(|m| m.len() > 4)
            .any(|m| upper.contains(m))
}

fn value_kind(value: &str) -> Option<&'static str> {
    if let Some((_, what)) = VALUE_PREFIXES
        .iter()
        .find(|(p, _)| value.starts_with(p) && value.len() >= p.len() + 16)
    {
        return Some(what);
    }
    let bytes = value.as_bytes();
    if value.len() == 20
        && (value.starts_with("AKIA") || value.starts_with("ASIA"))
        && bytes
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return Some("an AWS access key id");
    }
    if value.contains("-----BEGIN") && value.contains("PRIVATE KEY") {
        return Some("a private key");
    }
    let parts: Vec<&str> = value.split('.').collect();
    if value.starts_with("eyJ") && parts.len() == 3 && parts.iter().all(|p| p.len() >= 4) {
        return Some("a JSON web token");
    }
    None
}

/// Values that are references or placeholders, not secrets.
fn is_placeholder(value: &str) -> bool {
    value.is_empty()
        || value.starts_with('$')
        || value.starts_with('%')
        || value.starts_with('<')
        || value.starts_with("{{")
        || value.chars().all(|c| c == '*' || c == 'x' || c == 'X')
}

pub(crate) fn check(cx: &Cx<'_>, out: &mut Vec<Diagnostic>) {
    for entry in &cx.policy.process.env {
        let (Some(name), Some(value)) = (&entry.name, &entry.value) else {
            continue;
        };
        let why = match value_kind(value) {
            Some(what) => format!("holds what looks like {what}"),
            None if name_kind(name) && !is_placeholder(value) => {
                "has a credential-like name and a literal value".to_owned()
            }
            None => continue,
        };
        out.push(
            META.diagnostic(format!("environment variable `{name}` {why}"))
                .with_label(entry.span, "secret in the policy (value not shown)")
                .with_help(
                    "a secret in the policy file is committed and logged, and the sandbox can send \
                     it anywhere the policy allows; inject it at run time, scoped to what the \
                     program needs, and rotate this one",
                ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::tests::check;

    #[test]
    fn secret_in_env() {
        insta::assert_snapshot!(check(
            "MX3038",
            r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "env": [
"AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
"DB_PASSWORD=hunter2",
"API_TOKEN=$API_TOKEN",
"OPENAI=sk-abcdefghijklmnopqrstuvwxyz012345",
"ID_TOKEN=eyJhbGciOi.eyJzdWIiOiIx.c2lnbmF0dXJl",
"PATH=/usr/bin",
"PATHS=/a",
"AUTHOR=me"]}}"#
        ));
    }
}
