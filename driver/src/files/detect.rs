//! Whether a JSON document found in a directory is an MXC config. `mxcc check` and the language
//! server both ask this one predicate, so the editor flags exactly the files the CLI checks.

/// True when one top-level member marks a JSON object as an MXC config: any MXC top-level key
/// but `version` (which package manifests, editor settings and many other formats share), a
/// `version` whose value is one of MXC's published schema versions (`0.8.0-alpha`; a package's
/// `1.2.3` is not), or a `$schema` whose value names mxc. `value` is the member's value when it
/// is a string.
fn marks_policy(key: &str, value: Option<&str>) -> bool {
    match key {
        "$schema" => value.is_some_and(|v| v.to_ascii_lowercase().contains("mxc")),
        "version" => value.is_some_and(|v| compiler::schema::versions().contains(&v)),
        _ => compiler::ROOT_KEYS.contains(&key),
    }
}

/// True when a JSON object with these top-level members (each key with its value when that is
/// a string) looks like an MXC config: at least one member marks it (see [`marks_policy`]). A
/// non-object document has no members and is not a config.
pub fn looks_like_policy<'a>(
    members: impl IntoIterator<Item = (&'a str, Option<&'a str>)>,
) -> bool {
    members
        .into_iter()
        .any(|(key, value)| marks_policy(key, value))
}

/// [`looks_like_policy`] on the compiler's tree.
pub fn tree_looks_like_policy(root: &compiler::syntax::Node) -> bool {
    looks_like_policy(
        root.members()
            .iter()
            .map(|m| (m.key.as_str(), m.value.as_str())),
    )
}

/// [`looks_like_policy`] for text that did not parse (a syntax error, a file over the size
/// limit): true when some `"key": value` anywhere in the text would mark an object as a config.
/// A broken policy is then still reported, while a commented `tsconfig.json` is left alone.
pub fn text_looks_like_policy(text: &str) -> bool {
    compiler::ROOT_KEYS.iter().chain(&["$schema"]).any(|key| {
        values_of(text, key)
            .into_iter()
            .any(|v| marks_policy(key, v))
    })
}

/// The value after each `"key":` in `text`: the string's contents up to its closing quote, or
/// `None` when the value is not a string.
fn values_of<'a>(text: &'a str, key: &str) -> Vec<Option<&'a str>> {
    let quoted = format!("\"{key}\"");
    text.match_indices(&quoted)
        .map(|(at, q)| &text[at + q.len()..])
        .filter_map(|rest| rest.trim_start().strip_prefix(':'))
        .map(|value| {
            value
                .trim_start()
                .strip_prefix('"')
                .and_then(|s| s.split('"').next())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every verdict for one document: on its tree (when it parses) and on its text.
    fn check(json: &str) -> String {
        let (tree, _) = compiler::syntax::parse(
            ir::SourceId(0),
            json.as_bytes(),
            compiler::Limits::default(),
        );
        format!(
            "{json}\ntree: {:?}\ntext: {}\n",
            tree.as_ref().map(tree_looks_like_policy),
            text_looks_like_policy(json),
        )
    }

    #[test]
    fn verdicts() {
        let cases = [
            // Not configs: package manifests, a bare version, other tools' files.
            r#"{"name": "app", "version": "1.0.0", "dependencies": {"left-pad": "1"}}"#,
            r#"{"version": "0.8.0"}"#,
            r#"{"compilerOptions": {"strict": true}, "include": ["src"]}"#,
            r#"{"$schema": "http://json-schema.org/draft-07/schema#", "version": "1"}"#,
            r#"[{"filesystem": {}}]"#,
            r#"{"settings": {"filesystem": 1}}"#,
            r#"{
  // a commented tsconfig
  "compilerOptions": {}
}"#,
            // Configs: an MXC key, an MXC schema version, a `$schema` naming mxc, broken text
            // with any of these.
            r#"{"version": "0.8.0-alpha"}"#,
            r#"{"_comment": "x", "version": "0.9.0-dev"}"#,
            r#"{"version": "0.8.0-alpha", "filesystem": {"readonlyPaths": ["/usr"]}}"#,
            r#"{"containment": "bubblewrap"}"#,
            r#"{"$schema": "https://example.com/schemas/mxc-config.schema.0.7.0-alpha.json"}"#,
            r#"{"version": "0.8.0-alpha", "network" : {"allowOutbound": tru"#,
            r#"{"$schema" : "mxc-config.json", "version": "1.0.0",,}"#,
            r#"{"version" : "0.7.0-alpha",,}"#,
            r#"{"version" : "1.0.0", "name": "x",,}"#,
        ];
        let out: String = cases
            .iter()
            .map(|c| check(c))
            .collect::<Vec<_>>()
            .join("\n");
        insta::assert_snapshot!(out);
    }
}
