//! Position conversion, cursor placement, completion, hover and quick fixes, each case
//! rendered by one `check` helper into an insta file snapshot. `$0` in a fixture marks the
//! cursor.

use std::fmt::Write as _;

use driver::{CheckOptions, PlatformChoice};
use lsp_types::{
    CodeActionContext, CodeActionOrCommand, CodeActionParams, CompletionTextEdit, HoverContents,
    Position, Range, TextDocumentContentChangeEvent, TextDocumentIdentifier, Url,
};

use crate::cursor::{self, Bias, Place};
use crate::document::analyze;
use crate::text::Text;
use crate::{completion, fixes, hover, loose};

/// Renders what the server knows at the cursor: its position both ways, the code units of
/// its line, the place, the completions (with the text each would produce), the hover and
/// the quick fixes of the diagnostics at the cursor (each with the code it fixes, whether it
/// is preferred, and the text it would produce).
fn check(name: &str, fixture: &str) {
    let Some(cursor) = fixture.find("$0") else {
        panic!("fixture `{name}` has no `$0` cursor");
    };
    let source = fixture.replacen("$0", "", 1);
    let text = Text::new(source.clone());
    let Ok(uri) = Url::parse("file:///work/policy.json") else {
        panic!("bad test url");
    };
    let options = CheckOptions {
        platform: PlatformChoice::Fixed(ir::Platform::Linux),
        ..CheckOptions::default()
    };
    let analysis = analyze(&uri, &text, &options);
    let mut out = String::new();
    let position = text.position(cursor);
    let back = text.offset(position);
    let _ = writeln!(
        out,
        "cursor: byte {cursor} = {}:{} -> byte {back}",
        position.line, position.character
    );
    let line_start = source
        .get(..cursor)
        .and_then(|s| s.rfind('\n'))
        .map_or(0, |i| i + 1);
    let line_end = source
        .get(cursor..)
        .and_then(|s| s.find('\n'))
        .map_or(source.len(), |i| cursor + i);
    let mut units = String::new();
    for (i, c) in source
        .get(line_start..line_end)
        .unwrap_or("")
        .char_indices()
    {
        let p = text.position(line_start + i);
        assert_eq!(
            text.offset(p),
            line_start + i,
            "round trip at byte {}",
            line_start + i
        );
        let _ = write!(units, "{c:?}@{} ", p.character);
    }
    let _ = writeln!(out, "line: {}", units.trim_end());
    let root = loose::parse(&source);
    let place = match &root {
        Some(root) => match cursor::locate(&source, root, cursor, Bias::Typing) {
            Place::Key { path, member, .. } => format!("key `{}` in {path:?}", member.key),
            Place::NewKey { path, .. } => format!("new key in {path:?}"),
            Place::Value { path, node } => {
                format!("value at {path:?} (written: {})", node.is_some())
            }
            Place::Outside => "outside".to_owned(),
        },
        None => "no tree".to_owned(),
    };
    let _ = writeln!(out, "place: {place}");
    let _ = writeln!(out, "policy: {}", analysis.is_policy);
    let _ = writeln!(out, "completions:");
    for item in completion::complete(&text, &analysis, position) {
        let applied = match &item.text_edit {
            Some(CompletionTextEdit::Edit(edit)) => {
                let (start, end) = (text.offset(edit.range.start), text.offset(edit.range.end));
                let mut s = source.clone();
                s.replace_range(start..end, &edit.new_text);
                let from = start.saturating_sub(20);
                let to = (start + edit.new_text.len() + 20).min(s.len());
                s.get(from..to).unwrap_or("").replace('\n', "⏎")
            }
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "  {} [{}] => …{applied}…",
            item.label,
            item.detail.unwrap_or_default()
        );
    }
    let hover_position = position;
    let hover = hover::hover(&text, &analysis, hover_position)
        .map(|h| match h.contents {
            HoverContents::Markup(m) => m.value,
            other => format!("{other:?}"),
        })
        .unwrap_or_else(|| "(none)".to_owned());
    let _ = writeln!(out, "hover:\n{hover}");
    let _ = writeln!(out, "fixes:");
    let params = CodeActionParams {
        text_document: TextDocumentIdentifier::new(uri.clone()),
        range: Range::new(position, position),
        context: CodeActionContext::default(),
        work_done_progress_params: lsp_types::WorkDoneProgressParams::default(),
        partial_result_params: lsp_types::PartialResultParams::default(),
    };
    for action in crate::server::code_actions(&uri, &text, &analysis, &params) {
        let CodeActionOrCommand::CodeAction(action) = action else {
            panic!("a command instead of a code action");
        };
        let code = action
            .diagnostics
            .iter()
            .flatten()
            .filter_map(|d| match &d.code {
                Some(lsp_types::NumberOrString::String(c)) => Some(c.clone()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(",");
        let mut edits: Vec<(usize, usize, String)> = action
            .edit
            .and_then(|e| e.changes)
            .and_then(|mut c| c.remove(&uri))
            .unwrap_or_default()
            .into_iter()
            .map(|e| {
                (
                    text.offset(e.range.start),
                    text.offset(e.range.end),
                    e.new_text,
                )
            })
            .collect();
        edits.sort_by_key(|(start, _, _)| std::cmp::Reverse(*start));
        let mut s = source.clone();
        for (start, end, new_text) in &edits {
            s.replace_range(*start..*end, new_text);
        }
        let applied = edits.last().map_or(String::new(), |(start, _, new_text)| {
            let from = start.saturating_sub(20);
            let to = (start + new_text.len() + 20).min(s.len());
            s.get(from..to).unwrap_or("").replace('\n', "⏎")
        });
        let preferred = if action.is_preferred == Some(true) {
            "preferred "
        } else {
            ""
        };
        let _ = writeln!(out, "  [{code}] {preferred}{} => …{applied}…", action.title);
    }
    insta::assert_snapshot!(name, out);
}

#[test]
fn position_after_astral_character() {
    check(
        "position_after_astral_character",
        "{\"_comment\": \"😀é\", $0\"version\": \"0.8.0-alpha\"}",
    );
}

#[test]
fn complete_top_level_key_in_partial_string() {
    check(
        "complete_top_level_key_in_partial_string",
        "{\n  \"version\": \"0.8.0-alpha\",\n  \"_comment\": \"ünï 😀\",\n  \"fil$0\n}",
    );
}

#[test]
fn complete_nested_key_excludes_present_keys() {
    check(
        "complete_nested_key_excludes_present_keys",
        "{\n  \"version\": \"0.8.0-alpha\",\n  \"network\": {\n    \"defaultPolicy\": \"block\",\n    $0\n  }\n}",
    );
}

#[test]
fn complete_enum_value_after_colon() {
    check(
        "complete_enum_value_after_colon",
        "{\n  \"version\": \"0.8.0-alpha\",\n  \"network\": { \"defaultPolicy\": $0 }\n}",
    );
}

#[test]
fn complete_enum_value_in_string() {
    check(
        "complete_enum_value_in_string",
        "{\"version\": \"0.8.0-alpha\", \"containment\": \"bu$0\"}",
    );
}

#[test]
fn complete_boolean_value() {
    check(
        "complete_boolean_value",
        "{\"version\": \"0.8.0-alpha\", \"ui\": {\"disable\": t$0}}",
    );
}

#[test]
fn phase_selects_the_request_schema() {
    check(
        "phase_selects_the_request_schema",
        "{\"version\": \"0.8.0-alpha\", \"phase\": \"provision\", \"containment\": \"$0\"}",
    );
}

#[test]
fn legacy_version_has_no_egress() {
    check(
        "legacy_version_has_no_egress",
        "{\"version\": \"0.7.0-alpha\", \"network\": {\"$0\"}}",
    );
}

#[test]
fn array_items() {
    check(
        "array_items",
        "{\"version\": \"0.8.0-alpha\", \"network\": {\"egress\": {\"allow\": [{\"ports\": [{\"protocol\": \"$0\"}]}]}}}",
    );
}

#[test]
fn hover_on_a_key() {
    check(
        "hover_on_a_key",
        "{\"version\": \"0.8.0-alpha\", \"ui\": {\"clip$0board\": \"none\"}}",
    );
}

#[test]
fn not_a_policy() {
    check("not_a_policy", "{\"name\": \"pkg\", \"$0\"}");
}

const PROCESS: &str = "\"version\": \"0.8.0-alpha\",\n  \"containment\": \"bubblewrap\",\n  \"process\": { \"commandLine\": \"/usr/bin/true\" }";

#[test]
fn fix_renames_a_misspelt_key_before_removing_it() {
    check(
        "fix_renames_a_misspelt_key_before_removing_it",
        &format!(
            "{{\n  {PROCESS},\n  \"filesystem\": {{\n    \"readonlyPaths\": [\"/usr\"],\n    \"denied$0Path\": [\"/etc/shadow\", \"/root\"]\n  }}\n}}"
        ),
    );
}

#[test]
fn fix_prefers_only_the_closest_value() {
    check(
        "fix_prefers_only_the_closest_value",
        "{\"version\": \"0.8.0-alpha\", \"containment\": \"bubble$0wrapp\"}",
    );
}

#[test]
fn fix_offers_every_value_and_prefers_none_when_none_is_close() {
    check(
        "fix_offers_every_value_and_prefers_none_when_none_is_close",
        &format!("{{\n  {PROCESS},\n  \"network\": {{ \"defaultPolicy\": \"de$0ny\" }}\n}}"),
    );
}

#[test]
fn fix_removes_an_unknown_key_without_close_key_but_does_not_prefer_it() {
    check(
        "fix_removes_an_unknown_key_without_close_key_but_does_not_prefer_it",
        &format!("{{\n  {PROCESS},\n  \"bubble$0wrapp\": {{ \"unshare\": true }}\n}}"),
    );
}

#[test]
fn fix_prefers_no_rename_when_two_keys_are_as_close() {
    check(
        "fix_prefers_no_rename_when_two_keys_are_as_close",
        &format!(
            "{{\n  {PROCESS},\n  \"network\": {{\n    \"defaultPolicy\": \"block\",\n    \"ngr$0ess\": {{ \"allow\": [] }}\n  }}\n}}"
        ),
    );
}

#[test]
fn fix_does_not_rename_to_a_key_already_present() {
    check(
        "fix_does_not_rename_to_a_key_already_present",
        &format!(
            "{{\n  {PROCESS},\n  \"filesystem\": {{\n    \"deniedPaths\": [],\n    \"denied$0Path\": [\"/root\"]\n  }}\n}}"
        ),
    );
}

#[test]
fn fix_removes_a_duplicate_key_and_says_what_it_drops() {
    check(
        "fix_removes_a_duplicate_key_and_says_what_it_drops",
        &format!("{{\n  {PROCESS},\n  \"contain$0ment\": \"lxc\"\n}}"),
    );
}

#[test]
fn fix_removes_an_identical_duplicate_key_as_preferred() {
    check(
        "fix_removes_an_identical_duplicate_key_as_preferred",
        &format!("{{\n  {PROCESS},\n  \"contain$0ment\": \"bubblewrap\"\n}}"),
    );
}

#[test]
fn incremental_edits_use_utf16_columns() {
    let mut text = Text::new("{\n  \"a😀\": \"é\"\n}\r\n".to_owned());
    let edit = |(l1, c1), (l2, c2), t: &str| TextDocumentContentChangeEvent {
        range: Some(lsp_types::Range::new(
            Position::new(l1, c1),
            Position::new(l2, c2),
        )),
        range_length: None,
        text: t.to_owned(),
    };
    // Columns 4..6 are the two code units of 😀.
    text.apply(edit((1, 4), (1, 6), "b"));
    assert_eq!(text.as_str(), "{\n  \"ab\": \"é\"\n}\r\n");
    // A column inside a surrogate pair snaps to the start of the character.
    let mut astral = Text::new("\"😀x\"".to_owned());
    astral.apply(edit((0, 2), (0, 3), ""));
    assert_eq!(astral.as_str(), "\"x\"");
    // A column past the end of a line stops before its line break, also for `\r\n`.
    text.apply(edit((2, 99), (2, 99), "!"));
    assert_eq!(text.as_str(), "{\n  \"ab\": \"é\"\n}!\r\n");
    // A line past the end appends; reversed ranges are put in order.
    text.apply(edit((9, 0), (9, 0), "x"));
    text.apply(edit((1, 11), (1, 7), "ü"));
    assert_eq!(text.as_str(), "{\n  \"ab\":ü\n}!\r\nx");
    assert_eq!(text.position(text.as_str().len()), Position::new(3, 1));
}

#[test]
fn fixes_remove_members_and_add_version() {
    let apply = |text: &str, fix: Option<fixes::Fix>| {
        let mut out = text.to_owned();
        for e in fix.map(|f| f.edits).unwrap_or_default().into_iter().rev() {
            out.replace_range(e.start..e.end, &e.text);
        }
        out
    };
    let text = "{\n  \"a\": 1,\n  \"b\": [2],\n  \"c\": 3\n}";
    let Some(root) = loose::parse(text) else {
        panic!("no tree");
    };
    let remove = |key: &str| {
        let start = text.find(&format!("\"{key}\"")).unwrap_or(0);
        let d = ir::Diagnostic::error(ir::Code("MX1101"), "unknown field")
            .with_label(ir::Span::new(crate::document::HOME, start, start + 3), "");
        apply(
            text,
            fixes::for_diagnostic(text, &root, &d)
                .into_iter()
                .find(|f| f.title.starts_with("Remove")),
        )
    };
    assert_eq!(remove("a"), "{\n  \"b\": [2],\n  \"c\": 3\n}");
    assert_eq!(remove("b"), "{\n  \"a\": 1,\n  \"c\": 3\n}");
    assert_eq!(remove("c"), "{\n  \"a\": 1,\n  \"b\": [2]\n}");
    assert_eq!(
        apply(text, fixes::add_version(text, &root)),
        "{\n  \"version\": \"0.8.0-alpha\",\n  \"a\": 1,\n  \"b\": [2],\n  \"c\": 3\n}"
    );
    let one_line = "{\"a\": 1}";
    let Some(root) = loose::parse(one_line) else {
        panic!("no tree");
    };
    assert_eq!(
        apply(one_line, fixes::add_version(one_line, &root)),
        "{\"version\": \"0.8.0-alpha\", \"a\": 1}"
    );
}

/// Misspells every key and every string value of every corpus policy, one at a time, by
/// dropping or adding a letter. Each diagnostic has at most one preferred fix and never a
/// preferred fix that drops content; the preferred rename of an unknown key is the key
/// `mxcc check` suggests ("did you mean"), and a preferred value is the one misspelt.
#[test]
fn fixes_agree_with_the_command_line_on_misspelt_corpus_policies() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        panic!("no corpus at {}", corpus.display());
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    let (mut suggested, mut unsuggested, mut values) = (0, 0, 0);
    for path in paths {
        let Ok(original) = std::fs::read_to_string(path.join("policy.json")) else {
            continue;
        };
        let Some(tree) = loose::parse(&original) else {
            continue;
        };
        // Byte ranges of the words to misspell: key contents and string value contents.
        let mut words: Vec<(usize, usize, bool)> = Vec::new();
        let mut stack = vec![&tree];
        while let Some(node) = stack.pop() {
            for m in node.members() {
                words.push((m.key_start + 1, m.key_end - 1, true));
                stack.extend(m.value.as_ref());
            }
            stack.extend(node.items());
            if let loose::Kind::String(_) = node.kind {
                words.push((node.start + 1, node.end - 1, false));
            }
        }
        for (start, end, is_key) in words {
            let Some(word) = original.get(start..end) else {
                continue;
            };
            if word.len() < 3 || !word.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                continue;
            }
            for typo in [&word[..word.len() - 1], &format!("{word}x")] {
                let text = format!("{}{typo}{}", &original[..start], &original[end..]);
                let Some(root) = loose::parse(&text) else {
                    panic!("no tree for a misspelt {}", path.display());
                };
                let output = compiler::compile(
                    crate::document::HOME,
                    text.as_bytes(),
                    &compiler::Options::default(),
                );
                for d in &output.diagnostics {
                    if d.primary_span().map(|s| s.start as usize + 1) != Some(start) {
                        continue;
                    }
                    let fixes = fixes::for_diagnostic(&text, &root, d);
                    let at = format!("`{typo}` in {}: {fixes:#?}", path.display());
                    let preferred: Vec<&fixes::Fix> =
                        fixes.iter().filter(|f| f.preferred).collect();
                    assert!(preferred.len() <= 1, "two preferred fixes for {at}");
                    assert!(
                        preferred.iter().all(|f| !f.title.starts_with("Remove")
                            || f.title.contains("nothing is dropped")),
                        "a preferred removal for {at}"
                    );
                    let renames: Vec<&str> = fixes
                        .iter()
                        .filter_map(|f| f.title.strip_prefix("Rename to `")?.strip_suffix('`'))
                        .collect();
                    match (is_key, d.code.as_str()) {
                        (true, "MX1101") => {
                            let cli = d
                                .help
                                .as_deref()
                                .and_then(|h| h.strip_prefix("did you mean `"))
                                .and_then(|h| h.split('`').next());
                            // A key the object already has is never offered: the rename
                            // would repeat it.
                            let present = |key: &str| {
                                let mut stack = vec![&root];
                                while let Some(node) = stack.pop() {
                                    let members = node.members();
                                    if members.iter().any(|m| m.key_start + 1 == start) {
                                        return members.iter().any(|m| m.key == key);
                                    }
                                    stack.extend(members.iter().filter_map(|m| m.value.as_ref()));
                                    stack.extend(node.items());
                                }
                                false
                            };
                            let cli = cli.filter(|key| !present(key));
                            if cli.is_some() {
                                suggested += 1;
                                assert_eq!(renames.first().copied(), cli, "rename for {at}");
                                // Not preferred only on a tie, which offers a second rename.
                                assert!(
                                    preferred.len() == 1 || renames.len() > 1,
                                    "no preferred rename for {at}"
                                );
                            } else {
                                unsuggested += 1;
                                assert!(preferred.is_empty(), "a preferred fix for {at}");
                            }
                        }
                        (false, "MX1103") => {
                            values += 1;
                            if let Some(f) = preferred.first() {
                                assert_eq!(f.title, format!("Replace with `\"{word}\"`"), "{at}");
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    assert!(
        suggested >= 500 && unsuggested >= 2 && values >= 100,
        "too few cases: {suggested} suggested, {unsuggested} not, {values} values"
    );
}

/// On valid JSON the tolerant reader agrees with the compiler's parser on every key, value
/// and span: the corpus is the fixture.
#[test]
fn loose_tree_matches_the_compiler_tree_on_the_corpus() {
    fn same(loose: &loose::Node, strict: &compiler::Node, at: &str) {
        assert_eq!(
            (loose.start, loose.end),
            (strict.span.start as usize, strict.span.end as usize),
            "span at {at}"
        );
        match (&loose.kind, &strict.kind) {
            (loose::Kind::Object(lm), compiler::syntax::NodeKind::Object(sm)) => {
                assert_eq!(lm.len(), sm.len(), "members at {at}");
                for (l, s) in lm.iter().zip(sm) {
                    assert_eq!(l.key, s.key, "key at {at}");
                    assert_eq!(
                        (l.key_start, l.key_end),
                        (s.key_span.start as usize, s.key_span.end as usize),
                        "key span at {at}/{}",
                        s.key
                    );
                    let Some(value) = &l.value else {
                        panic!("no value at {at}/{}", s.key);
                    };
                    same(value, &s.value, &format!("{at}/{}", s.key));
                }
            }
            (loose::Kind::Array(li), compiler::syntax::NodeKind::Array(si)) => {
                assert_eq!(li.len(), si.len(), "items at {at}");
                for (i, (l, s)) in li.iter().zip(si).enumerate() {
                    same(l, s, &format!("{at}/{i}"));
                }
            }
            (loose::Kind::String(l), compiler::syntax::NodeKind::String(s)) => {
                assert_eq!(l, s, "string at {at}");
            }
            (loose::Kind::Scalar(_), _) => {}
            (l, s) => panic!("kinds differ at {at}: {l:?} vs {s:?}"),
        }
    }
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        panic!("no corpus at {}", corpus.display());
    };
    let mut compared = 0;
    for entry in entries.flatten() {
        let Ok(bytes) = std::fs::read(entry.path().join("policy.json")) else {
            continue;
        };
        let (Some(strict), diags) =
            compiler::syntax::parse(ir::SourceId(0), &bytes, compiler::Limits::default())
        else {
            continue;
        };
        if diags.iter().any(ir::Diagnostic::is_error) {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        let Some(loose) = loose::parse(&text) else {
            panic!("no loose tree for {}", entry.path().display());
        };
        same(&loose, &strict, &entry.path().display().to_string());
        compared += 1;
    }
    assert!(compared >= 40, "only {compared} corpus policies compared");
}

/// Random text never makes the editor features panic, and positions round-trip at every
/// character boundary.
#[test]
fn features_never_panic_on_random_text() {
    let alphabet: Vec<char> = "{}[]:,\"\\ \n\r\tabé😀0-.truefalsnversionetwork"
        .chars()
        .collect();
    let Ok(uri) = Url::parse("file:///work/policy.json") else {
        panic!("bad test url");
    };
    let mut seed: u64 = 0x5eed;
    let mut next = move |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(seed >> 33).unwrap_or(0) % n.max(1)
    };
    for round in 0..400 {
        let len = next(80);
        let body: String = (0..len)
            .map(|_| alphabet.get(next(alphabet.len())).copied().unwrap_or(' '))
            .collect();
        let source = if round % 2 == 0 {
            format!("{{\"$schema\": \"mxc\", {body}")
        } else {
            body
        };
        let text = Text::new(source.clone());
        let mut analysis = crate::document::view(&uri, &text);
        analysis.is_policy = analysis.tree.as_ref().is_some_and(loose::Node::is_object);
        for (offset, _) in source.char_indices().chain([(source.len(), ' ')]) {
            let position = text.position(offset);
            // Between the `\r` and the `\n` of a line break is no position at all.
            let inside_crlf = source.get(..offset).is_some_and(|s| s.ends_with('\r'))
                && source.get(offset..).is_some_and(|s| s.starts_with('\n'));
            if !inside_crlf {
                assert_eq!(text.offset(position), offset, "round trip in {source:?}");
            }
            let _ = completion::complete(&text, &analysis, position);
            let _ = hover::hover(&text, &analysis, position);
        }
        if let Some(root) = &analysis.tree {
            let _ = crate::symbols::symbols(&text, root);
            let _ = fixes::add_version(&source, root);
        }
    }
}

#[test]
fn package_json_is_not_a_policy() {
    // A package manifest's `version` is not MXC's: no diagnostics, completions or fixes.
    check(
        "package_json_is_not_a_policy",
        "{\"name\": \"app\", \"version\": \"1.2.3\", $0\"dependencies\": {}}",
    );
}
