use super::*;

/// Parses and renders the tree (or the diagnostics) as text for a snapshot.
fn check(input: &[u8]) -> String {
    let limits = Limits {
        max_bytes: 4096,
        max_depth: 8,
    };
    let (node, diags) = parse(SourceId(0), input, limits);
    let mut out = String::new();
    if let Some(node) = node {
        out.push_str(&serde_json::to_string(&node.to_json()).unwrap_or_default());
        out.push('\n');
    }
    for d in diags {
        let span = d.primary_span().unwrap_or_default();
        out.push_str(&format!(
            "{} {}..{} {}\n",
            d.code, span.start, span.end, d.message
        ));
    }
    out
}

#[test]
fn syntax_cases() {
    let cases: &[&[u8]] = &[
        br#"{"a": [1, -2.5e3, true, null, "x\u00e9\ud83d\ude00"]}"#,
        br#"{"a": 1, "a": 2}"#,
        br#"{"a": 1} {"b": 2}"#,
        br#"{"a": 1,}"#,
        br#"{"a": "\ud800"}"#,
        b"{\"a\": \"\xff\"}",
        br#"[[[[[[[[[1]]]]]]]]]"#,
        br#"{"a": "#,
        b"",
        br#"{"a" 1}"#,
    ];
    let out: Vec<String> = cases
        .iter()
        .map(|c| format!("{}\n=> {}", String::from_utf8_lossy(c), check(c)))
        .collect();
    insta::assert_snapshot!(out.join("\n"));
}

#[test]
fn too_large() {
    let big = vec![b' '; 5000];
    assert!(check(&big).starts_with("MX1005"));
}

/// The default depth limit is serde_json's, as MXC's parser meets it: 127 nested levels are
/// read, 128 are refused at the 128th bracket.
#[test]
fn default_depth_is_serde_jsons() {
    let nested = |levels: usize| format!("{}{}", "[".repeat(levels), "]".repeat(levels));
    let depth_errors = |levels: usize| {
        let (_, diags) = parse(SourceId(0), nested(levels).as_bytes(), Limits::default());
        diags
            .iter()
            .map(|d| {
                (
                    d.code.as_str().to_owned(),
                    d.primary_span().map(|s| s.start),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(depth_errors(127), vec![]);
    assert_eq!(depth_errors(128), vec![("MX1004".to_owned(), Some(127))]);
}

#[test]
fn spans_point_at_keys_and_values() {
    let text = br#"{ "k" : [ 1 , "v" ] }"#;
    let (node, diags) = parse(SourceId(0), text, Limits::default());
    assert!(diags.is_empty());
    let node = node.unwrap();
    let m = node.member("k").unwrap();
    assert_eq!(m.key_span.range(), 2..5);
    assert_eq!(m.value.span.range(), 8..19);
    assert_eq!(node.pointer("/k/1").unwrap().span.range(), 14..17);
}

proptest::proptest! {
    #[test]
    fn never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
        let _ = parse(SourceId(0), &bytes, Limits::default());
    }

    #[test]
    fn agrees_with_serde_json(value in arb_json()) {
        let text = serde_json::to_string(&value).unwrap();
        let (node, diags) = parse(SourceId(0), text.as_bytes(), Limits::default());
        proptest::prop_assert!(diags.is_empty(), "{diags:?}");
        proptest::prop_assert_eq!(node.unwrap().to_json(), value);
    }
}

fn arb_json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
    use proptest::prelude::*;
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        "\\PC{0,12}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            proptest::collection::btree_map("[a-z]{1,6}", inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}
