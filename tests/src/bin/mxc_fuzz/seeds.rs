//! The seeds mutants start from: every Linux policy of the corpus, the Linux fixtures of the
//! contract suite, and the fuzzer's own seeds. State-aware requests (`phase`) are left out: MXC's
//! one-shot executor refuses them all, so they say nothing about its parser.

use std::path::Path;

use crate::json::{self, Json};

pub(crate) struct Seed {
    pub(crate) name: String,
    pub(crate) tree: Json,
}

/// Every seed under the repository root, in a fixed order.
pub(crate) fn load(repo: &Path) -> Result<Vec<Seed>, String> {
    let mut seeds = Vec::new();
    for dir in sorted_entries(&repo.join("corpus"))? {
        let platform = std::fs::read_to_string(dir.join("platform")).unwrap_or_default();
        if platform.trim() == "linux" {
            let text = read(&dir.join("policy.json"))?;
            let name = format!("corpus/{}", file_name(&dir));
            push(&mut seeds, name, &text);
        }
    }
    for file in sorted_entries(&repo.join("tests/src/contract"))? {
        let text = read(&file)?;
        for (i, fixture) in linux_fixtures(&text).into_iter().enumerate() {
            let name = format!("contract/{}#{i}", file_name(&file));
            push(&mut seeds, name, fixture);
        }
    }
    for file in sorted_entries(&repo.join("tests/mxc-differential/seeds"))? {
        let text = read(&file)?;
        let name = format!("seeds/{}", file_name(&file));
        push(&mut seeds, name, &text);
    }
    if seeds.is_empty() {
        return Err(format!("no seeds under `{}`", repo.display()));
    }
    Ok(seeds)
}

fn push(seeds: &mut Vec<Seed>, name: String, text: &str) {
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return;
    };
    let tree = Json::from_value(&value);
    if matches!(tree, Json::Obj(_)) && json::member(&tree, "phase").is_none() {
        seeds.push(Seed { name, tree });
    }
}

/// The texts of the fixtures declared with `platform: LINUX` in a contract table.
fn linux_fixtures(source: &str) -> Vec<&str> {
    source
        .split("Fixture {")
        .skip(1)
        .filter(|chunk| chunk.contains("platform: LINUX,"))
        .filter_map(|chunk| {
            let start = chunk.find("text: r#\"")? + "text: r#\"".len();
            let len = chunk.get(start..)?.find("\"#")?;
            chunk.get(start..start + len)
        })
        .collect()
}

fn sorted_entries(dir: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    Ok(paths)
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}
