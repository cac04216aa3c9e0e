//! docs/architecture.md is the contributor's map of the code: every
//! top-level module of `src/` is named in it, as its path (`src/load/`,
//! `src/site.rs`), so that a module added without its place on the map
//! fails here.

mod common;

#[test]
fn the_architecture_names_every_top_level_module_of_src() {
    let map = std::fs::read_to_string(common::repo().join("docs/architecture.md")).unwrap();
    let mut modules = Vec::new();
    for entry in std::fs::read_dir(common::repo().join("src")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = if entry.file_type().unwrap().is_dir() {
            format!("src/{name}/")
        } else if name.ends_with(".rs") && name != "lib.rs" {
            format!("src/{name}")
        } else {
            continue;
        };
        modules.push(path);
    }
    modules.sort();
    assert!(
        modules.len() > 20 && modules.contains(&"src/render/".to_string()),
        "{modules:?}"
    );
    let missing: Vec<&String> = modules
        .iter()
        .filter(|m| !map.contains(&format!("`{m}")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/architecture.md does not name {missing:?}: say what each does"
    );
}

#[test]
fn every_module_of_the_library_is_a_file_or_folder_of_src() {
    // The other way round: lib.rs's modules are those the test above
    // looks for, so that none hides under another name.
    let lib = std::fs::read_to_string(common::repo().join("src/lib.rs")).unwrap();
    for line in lib.lines() {
        let Some(name) = line
            .strip_prefix("pub mod ")
            .or_else(|| line.strip_prefix("mod "))
            .and_then(|rest| rest.strip_suffix(';'))
        else {
            continue;
        };
        let src = common::repo().join("src");
        assert!(
            src.join(format!("{name}.rs")).is_file() || src.join(name).join("mod.rs").is_file(),
            "module {name} of lib.rs is neither src/{name}.rs nor src/{name}/mod.rs"
        );
    }
}
