//! Codes are named through the registry's constants (`ir::codes`, or a lint rule's
//! `declare_rule!`), never spelt as string literals in other source: a literal escapes the
//! uniqueness and documentation checks of the registry.

use std::path::{Path, PathBuf};

/// Where codes may be spelt out: the registry itself and the lint rules' declarations.
fn may_spell_codes(relative: &str) -> bool {
    relative.starts_with("ir/src/codes/") || relative.starts_with("lints/src/rules/")
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if !matches!(
                name.as_ref(),
                "target" | "tests" | "snapshots" | "benches" | "fuzz"
            ) && !name.starts_with('.')
            {
                sources(&path, out);
            }
        } else if name.ends_with(".rs") && name != "tests.rs" {
            out.push(path);
        }
    }
}

/// The `"MXnnnn"`-shaped literals of one file's non-test code (up to its first
/// `#[cfg(test)]`), with line numbers.
fn literals(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("#[cfg(test)]") {
            break;
        }
        if line.trim_start().starts_with("//") {
            continue;
        }
        let bytes = line.as_bytes();
        for (i, window) in bytes.windows(6).enumerate() {
            let code_like = window.starts_with(b"MX") && window[2..].iter().all(u8::is_ascii_digit);
            let boundary = bytes.get(i + 6).is_none_or(|b| !b.is_ascii_digit());
            // A code in backticks inside a message is an example of syntax, e.g. "`MX30`".
            let quoted = i > 0 && bytes.get(i - 1) == Some(&b'`');
            if code_like && boundary && !quoted && line[..i].contains('"') {
                found.push((number + 1, line.trim().to_owned()));
                break;
            }
        }
    }
    found
}

#[test]
fn codes_are_never_string_literals() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    sources(&root, &mut files);
    files.sort();
    let mut failures = Vec::new();
    for file in &files {
        let relative = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('\\', "/");
        if may_spell_codes(&relative) {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for (line, source) in literals(&text) {
            failures.push(format!("{relative}:{line}: {source}"));
        }
    }
    assert!(
        files.len() > 100,
        "found only {} source files under {}",
        files.len(),
        root.display()
    );
    assert!(
        failures.is_empty(),
        "{} code literal(s) outside the registry:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
