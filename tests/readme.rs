//! The README's parameter reference is generated from the one parameter table; this test
//! keeps the two in step. Run with `UPDATE_README=1` to rewrite the section.
#![cfg(not(target_arch = "wasm32"))]

const BEGIN: &str =
    "<!-- parameters:begin (generated from src/config/parameters.rs by tests/readme.rs) -->\n";
const END: &str = "<!-- parameters:end -->";

#[test]
fn readme_parameter_table_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md exists");
    let start = readme
        .find(BEGIN)
        .expect("README has the parameters:begin marker")
        + BEGIN.len();
    let end = readme[start..]
        .find(END)
        .expect("README has the parameters:end marker")
        + start;
    let expected = rnn_playground::config::docs_markdown();
    if readme[start..end] == expected {
        return;
    }
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..start], expected, &readme[end..]);
        std::fs::write(path, updated).expect("README is writable");
        return;
    }
    panic!("README's parameter table is stale; rerun with UPDATE_README=1. Expected:\n{expected}");
}
