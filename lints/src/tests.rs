//! The crate's test harness: the one `check` helper every rule test goes through, and the
//! meta-tests over the registry and the rule docs.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use ir::{Diagnostic, SourceFile, SourceId};

use crate::{LintContext, RuleMeta};
use ir::codes::Example;

pub(crate) mod generated;

/// Lowers a policy (with an optional `// mxcc --platform P --strict` first line) through the
/// compiler and returns the policy, or the compiler's diagnostics when lowering failed.
fn lower(text: &str) -> (Example, Option<ir::Policy>, Vec<Diagnostic>) {
    let example = Example::parse(text);
    let options = compiler::Options {
        platform: example.platform,
        exact: false,
        limits: compiler::Limits::default(),
    };
    let out = compiler::compile(SourceId(0), example.json.as_bytes(), &options);
    (example, out.policy, out.diagnostics)
}

/// The diagnostics one rule reports on a policy.
pub(crate) fn findings(code: &str, text: &str) -> Vec<Diagnostic> {
    let (example, policy, _) = lower(text);
    let Some(policy) = policy else {
        return Vec::new();
    };
    let lint = LintContext {
        strict: example.strict,
        ..LintContext::default()
    };
    crate::run_filtered(&policy, &lint, |m| m.code == code)
}

/// Renders diagnostics the way a reader needs them: position, source line, carets, help.
pub(crate) fn render(source: &str, diagnostics: &[Diagnostic]) -> String {
    let file = SourceFile::new("policy.json", source);
    let mut out = String::new();
    for d in diagnostics {
        let _ = writeln!(out, "{}[{}]: {}", d.severity, d.code, d.message);
        for label in &d.labels {
            let start = file.line_col(label.span.start);
            let end = file.line_col(label.span.end);
            let line_no = start.line as usize;
            let line_text = file
                .line_start(line_no - 1)
                .and_then(|s| file.text.get(s as usize..))
                .and_then(|rest| rest.lines().next())
                .unwrap_or("");
            let width = if end.line == start.line {
                (end.column.saturating_sub(start.column)).max(1) as usize
            } else {
                1
            };
            let mark = if label.primary { '^' } else { '-' };
            let _ = writeln!(out, "  --> {}:{}", start.line, start.column);
            let _ = writeln!(out, "   | {line_text}");
            let _ = writeln!(
                out,
                "   | {}{} {}",
                " ".repeat(start.column as usize - 1),
                mark.to_string().repeat(width),
                label.message
            );
        }
        if let Some(help) = &d.help {
            let _ = writeln!(out, "   = help: {help}");
        }
        for note in &d.notes {
            let _ = writeln!(out, "   = note: {note}");
        }
    }
    out
}

/// Lowers `text`, runs the one rule `code`, and renders input and findings for a snapshot.
pub(crate) fn check(code: &str, text: &str) -> String {
    let (example, _, _) = lower(text);
    let diags = findings(code, text);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# platform: {}{}",
        example.platform,
        if example.strict { ", strict" } else { "" }
    );
    out.push_str(&example.json);
    out.push_str("\n# findings\n");
    if diags.is_empty() {
        out.push_str("(none)\n");
    }
    out.push_str(&render(&example.json, &diags));
    out
}

// Meta-tests.

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn code_of(text: &str) -> Option<String> {
    let at = text.find("code: \"")? + "code: \"".len();
    let rest = text.get(at..)?;
    Some(rest.get(..rest.find('"')?)?.to_owned())
}

/// Builds `registry.rs` from the rule files on disk.
fn generate_registry(rules_dir: &Path) -> String {
    let mut rules: Vec<(String, String, String)> = Vec::new();
    let mut categories: Vec<PathBuf> = std::fs::read_dir(rules_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    categories.sort();
    for dir in categories {
        let category = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .collect();
        files.sort();
        for file in files {
            let module = file.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&file).unwrap();
            let code =
                code_of(&text).unwrap_or_else(|| panic!("{} declares no code", file.display()));
            rules.push((
                code,
                module,
                format!(
                    "rules/{category}/{}",
                    file.file_name().unwrap().to_string_lossy()
                ),
            ));
        }
    }
    let mut out = String::from(
        "//! The rule registry, generated by the `registry_is_fresh` test from the files in\n\
         //! `src/rules/<category>/`: generated, do not edit. To add a rule, add one file there\n\
         //! and run `cargo test -p lints`.\n\n\
         use ir::Diagnostic;\n\n\
         use crate::context::Cx;\n\
         use crate::rule::RuleMeta;\n\n\
         /// A rule's check: reports its findings for one policy.\n\
         pub(crate) type Check = fn(&Cx<'_>, &mut Vec<Diagnostic>);\n\n",
    );
    let mut by_module = rules.clone();
    by_module.sort_by(|a, b| a.1.cmp(&b.1));
    for (_, module, path) in &by_module {
        let _ = writeln!(out, "#[path = \"{path}\"]\nmod {module};");
    }
    rules.sort();
    out.push_str("\n/// Every rule's metadata, ordered by code.\npub(crate) static METAS: &[RuleMeta] = &[\n");
    for (_, module, _) in &rules {
        let _ = writeln!(out, "    {module}::META,");
    }
    out.push_str("];\n\n/// The checks, in the order of [`METAS`].\npub(crate) static CHECKS: &[Check] = &[\n");
    for (_, module, _) in &rules {
        let _ = writeln!(out, "    {module}::check,");
    }
    out.push_str("];\n");
    out
}

#[test]
fn registry_is_fresh() {
    let src = manifest_dir().join("src");
    let expected = generate_registry(&src.join("rules"));
    let path = src.join("registry.rs");
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    if actual != expected {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("src/registry.rs is stale; run `cargo test -p lints` locally and commit it");
        }
        std::fs::write(&path, expected).unwrap();
        panic!("src/registry.rs was stale and has been regenerated; commit it");
    }
}

#[test]
fn codes_are_unique_and_in_range() {
    let rules = crate::rules();
    assert!(rules.len() >= 40, "only {} rules", rules.len());
    let mut seen = std::collections::BTreeSet::new();
    let mut names = std::collections::BTreeSet::new();
    for m in rules {
        assert!(seen.insert(m.code), "duplicate code {}", m.code);
        assert!(names.insert(m.name), "duplicate name {}", m.name);
        assert!(
            m.code.starts_with(m.category.prefix()),
            "{} is not in {}",
            m.code,
            m.category.prefix()
        );
        assert_eq!(m.code.len(), 6, "{}", m.code);
        assert!(
            m.code[2..].chars().all(|c| c.is_ascii_digit()),
            "{}",
            m.code
        );
        assert!(
            m.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{} is not kebab-case",
            m.name
        );
        for prefix in ["no-", "disallow-", "banned-"] {
            assert!(
                !m.name.starts_with(prefix),
                "{} starts with {prefix}",
                m.name
            );
        }
    }
}

#[test]
fn docs_have_required_sections() {
    for m in crate::rules() {
        for title in [
            "What it does",
            "Why is this bad?",
            "Example",
            "Use instead",
            "Backends affected",
        ] {
            let body = m.section(title).unwrap_or_default();
            assert!(!body.is_empty(), "{} lacks `## {title}`", m.code);
        }
        for title in ["Example", "Use instead"] {
            assert!(
                m.example(title).is_some(),
                "{} `## {title}` has no ```json block",
                m.code
            );
        }
        assert!(!m.summary().is_empty(), "{}", m.code);
    }
}

#[test]
fn doc_examples_hold() {
    let mut failures = Vec::new();
    for m in crate::rules() {
        for (title, want_one) in [("Example", true), ("Use instead", false)] {
            let Some(example) = m.example(title) else {
                continue;
            };
            let mut text = String::new();
            if example.platform != ir::Platform::Linux || example.strict {
                text = format!(
                    "// mxcc --platform {}{}\n",
                    example.platform,
                    if example.strict { " --strict" } else { "" }
                );
            }
            text.push_str(&example.json);
            let (_, policy, diags) = lower(&text);
            if policy.is_none() {
                failures.push(format!("{} {title}: does not lower: {diags:?}", m.code));
                continue;
            }
            let found = findings(m.code, &text);
            let ok = if want_one {
                found.len() == 1
            } else {
                found.is_empty()
            };
            if !ok {
                failures.push(format!(
                    "{} {title}: expected {} finding(s), got {}:\n{}",
                    m.code,
                    if want_one { "1" } else { "0" },
                    found.len(),
                    render(&example.json, &found)
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn explain_accepts_codes_and_names() {
    let first = &crate::rules()[0];
    assert_eq!(crate::explain(first.code).map(|m| m.code), Some(first.code));
    assert_eq!(
        crate::explain(&first.code.to_lowercase()).map(|m| m.code),
        Some(first.code)
    );
    assert_eq!(crate::explain(first.name).map(|m| m.code), Some(first.code));
    assert!(crate::explain("MX9999").is_none());
}

/// Renders a rule table for the docs, and checks that it is deterministic.
#[test]
fn rule_table() {
    let table: String = crate::rules()
        .iter()
        .map(|m: &RuleMeta| {
            format!(
                "{} {} {} {}\n",
                m.code,
                m.name,
                m.severity,
                m.category.as_str()
            )
        })
        .collect();
    insta::assert_snapshot!(table);
}

// Configuration, metrics and output.

fn lower_policy(text: &str) -> ir::Policy {
    let (_, policy, diags) = lower(text);
    policy.unwrap_or_else(|| panic!("does not lower: {diags:?}"))
}

#[test]
fn config_selection_and_overrides() {
    let text = r#"
select = ["MX30", "MX3101"]
ignore = ["MX3005", "temp-root-writable"]

[severity]
MX3001 = "error"
MX31 = "info"

[per-file-ignores]
"corpus/dangerous-*/**" = ["MX3001"]

[secrets]
paths = ["~/.config/mytool/token", "secrets.yaml"]
"#;
    let (config, diags) = crate::Config::parse(SourceId(1), text);
    assert!(diags.is_empty(), "{diags:?}");
    let policy = lower_policy(
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "cwd": "/work"},
"filesystem": {"readwritePaths": ["/", "/tmp", "/work"], "readonlyPaths": ["/work", "~/.config"]}}"#,
    );
    let mut out = String::new();
    for path in ["corpus/ok/policy.json", "corpus/dangerous-root/policy.json"] {
        let lint = LintContext {
            strict: false,
            config: config.clone(),
            path: Some(path.to_owned()),
        };
        let diags = crate::run(&policy, &lint);
        let _ = writeln!(out, "## {path}");
        for d in &diags {
            let _ = writeln!(out, "{} {} {}", d.code, d.severity, d.message);
        }
    }
    let m = crate::metrics_with(
        &policy,
        &LintContext {
            config,
            ..LintContext::default()
        },
    );
    let _ = writeln!(out, "## user secrets exposed");
    for c in m.catalogue.iter().filter(|c| c.id.starts_with("user:")) {
        let _ = writeln!(
            out,
            "{} readable={} writable={}",
            c.path, c.readable, c.writable
        );
    }
    insta::assert_snapshot!(out);
}

#[test]
fn config_errors_are_diagnostics() {
    let cases = [
        "select = [\"MX30\"\n",
        "unknown = 1\n",
        "select = [\"MX99\", \"not-a-rule\"]\n",
        "[severity]\nMX3001 = \"fatal\"\n",
        "[per-file-ignores]\n\"a/[b\" = [\"MX3001\"]\n",
        "[secrets]\npaths = [\"  \"]\n",
        "select = 3\n",
    ];
    let mut out = String::new();
    for text in cases {
        let (_, diags) = crate::Config::parse(SourceId(0), text);
        let _ = writeln!(out, "## {text:?}");
        out.push_str(&render(text, &diags));
    }
    insta::assert_snapshot!(out);
}

#[test]
fn metrics_are_exact() {
    let policy = lower_policy(
        r#"{"version": "0.8.0-alpha", "process": {"commandLine": "x", "cwd": "/work/repo"},
"filesystem": {"readwritePaths": ["/work/repo"], "readonlyPaths": ["~"], "deniedPaths": ["~/.ssh"]},
"network": {"egress": {"default": "deny",
  "allow": [{"to": [{"cidr": "10.0.0.0/8", "except": ["10.1.0.0/16"]}, {"cidr": "2001:db8::/64"}],
             "ports": [{"protocol": "tcp", "port": 443}, {"protocol": "udp", "port": 53}]},
            {"to": [{"cidr": "192.0.2.0/24"}]}],
  "deny": [{"to": [{"cidr": "10.2.0.0/16"}], "ports": [{"protocol": "any", "port": 443}]},
           {"to": [{"cidr": "192.0.2.128/25"}]}]}}}"#,
    );
    let m = crate::metrics(&policy);
    // 10/8 minus 10.1/16 minus 10.2/16 (denied on 443 but still reachable on UDP 53), plus
    // 192.0.2.0/25: 2^24 - 2^16 + 128.
    assert_eq!(m.ipv4_addresses, (1 << 24) - (1 << 16) + 128);
    assert_eq!(m.ipv6_addresses, 1 << 64);
    insta::assert_snapshot!(serde_json::to_string_pretty(&m).unwrap());
    // Every address the metrics call reachable is reachable by the reference semantics.
    use std::net::IpAddr;
    let reachable = |ip: &str| {
        let ip: IpAddr = ip.parse().unwrap();
        ir::net::Protocol::ALL.iter().any(|proto| {
            [53u16, 80, 443, 0].iter().any(|port| {
                ir::decide(
                    &policy,
                    &ir::Request::Net {
                        direction: ir::Direction::Egress,
                        protocol: *proto,
                        endpoint: ir::Endpoint::Ip(ip),
                        port: *port,
                    },
                    ir::Mode::Mxc,
                )
                .allowed
            })
        })
    };
    for (ip, want) in [
        ("10.0.0.1", true),
        ("10.1.2.3", false),
        ("10.2.0.1", true),
        ("192.0.2.1", true),
        ("192.0.2.200", false),
        ("2001:db8::1", true),
        ("8.8.8.8", false),
    ] {
        assert_eq!(reachable(ip), want, "{ip}");
    }
}

fn sample_reports() -> Vec<crate::output::FileReport> {
    let text = "{\"process\": {\"commandLine\": \"x\", \"env\": [\"DB_PASSWORD=hunter2\"]},\n \"filesystem\": {\"readwritePaths\": [\"/\", \"/a\"], \"readonlyPaths\": [\"/a/\"]}}\n";
    let policy = lower_policy(text);
    let diagnostics = crate::run(&policy, &LintContext::default());
    vec![crate::output::FileReport {
        path: "corpus/demo, 1: x/policy.json".to_owned(),
        source: text.to_owned(),
        diagnostics,
    }]
}

#[test]
fn github_output() {
    insta::assert_snapshot!(crate::output::github::render(&sample_reports()));
}

#[test]
fn sarif_output_is_valid() {
    let sarif = crate::output::sarif::render(&sample_reports(), "0.0.0");
    let value: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(value["version"], "2.1.0");
    assert_eq!(
        value["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .len(),
        crate::rules().len()
    );
    let results = value["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["relatedLocations"].is_array()));
    insta::assert_snapshot!(serde_json::to_string_pretty(&results).unwrap());
    // Validate with Microsoft's SARIF multitool when Node is available.
    let dir = std::env::temp_dir().join(format!("mxcc-sarif-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("mxcc.sarif");
    std::fs::write(&file, &sarif).unwrap();
    let status = std::process::Command::new("npx")
        .args(["--yes", "@microsoft/sarif-multitool", "validate"])
        .arg(&file)
        .output();
    match status {
        Ok(out) => {
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                out.status.success(),
                "sarif-multitool rejected the log:\n{text}"
            );
            assert!(
                !text.contains("error"),
                "sarif-multitool reported errors:\n{text}"
            );
        }
        Err(e) if std::env::var("MXCC_REQUIRE_SARIF_MULTITOOL").is_ok() => {
            panic!("cannot run npx: {e}")
        }
        Err(e) => eprintln!("skipping SARIF multitool validation: cannot run npx: {e}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every corpus policy lints without panicking, on its own platform.
#[test]
fn corpus_lints_without_panics() {
    let corpus = manifest_dir().join("../corpus");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        return;
    };
    let mut dirs: Vec<PathBuf> = entries.map(|e| e.unwrap().path()).collect();
    dirs.sort();
    for dir in dirs {
        let Ok(json) = std::fs::read_to_string(dir.join("policy.json")) else {
            continue;
        };
        let platform = std::fs::read_to_string(dir.join("platform"))
            .ok()
            .and_then(|p| ir::Platform::parse(p.trim()))
            .unwrap_or(ir::Platform::Linux);
        let out = compiler::compile(
            SourceId(0),
            json.as_bytes(),
            &compiler::Options {
                platform,
                exact: false,
                limits: compiler::Limits::default(),
            },
        );
        if let Some(policy) = out.policy {
            for strict in [false, true] {
                let lint = LintContext {
                    strict,
                    ..LintContext::default()
                };
                let _ = crate::run(&policy, &lint);
            }
            let _ = crate::metrics(&policy);
        }
    }
}

#[test]
fn every_code_is_unique_across_lints_and_registry() {
    let codes = crate::codes();
    let mut seen = std::collections::BTreeSet::new();
    let mut names = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for c in &codes {
        if !seen.insert(c.code) {
            failures.push(format!("{} is registered twice", c.code));
        }
        if !names.insert(c.name) {
            failures.push(format!("{}: the name `{}` is taken", c.code, c.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn code_pages_are_fresh() {
    let dir = manifest_dir().join("../docs/codes");
    let pages = crate::docs::pages();
    let mut stale = Vec::new();
    for (name, text) in &pages {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(name.clone());
        }
    }
    let extra: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !pages.contains_key(n))
                .collect()
        })
        .unwrap_or_default();
    if stale.is_empty() && extra.is_empty() {
        return;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "docs/codes is stale ({} pages differ, extra files {extra:?}); run `cargo test -p lints` locally and commit it",
            stale.len()
        );
    }
    std::fs::create_dir_all(&dir).unwrap();
    for name in &extra {
        std::fs::remove_file(dir.join(name)).unwrap();
    }
    for name in &stale {
        std::fs::write(dir.join(name), &pages[name]).unwrap();
    }
    panic!(
        "docs/codes was stale ({} pages, extra {extra:?}) and has been regenerated; commit it",
        stale.len()
    );
}
