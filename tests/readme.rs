//! The README's parameter reference and its table of lessons are generated from the code;
//! these tests keep them in step. Run with `UPDATE_README=1` to rewrite the sections.
#![cfg(not(target_arch = "wasm32"))]

/// Checks that the README text between `begin` and `end` is `expected`, or rewrites it when
/// `UPDATE_README` is set.
fn assert_generated_section(what: &str, begin: &str, end: &str, expected: &str) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md exists");
    let start = readme
        .find(begin)
        .unwrap_or_else(|| panic!("README has the {what} begin marker"))
        + begin.len();
    let stop = readme[start..]
        .find(end)
        .unwrap_or_else(|| panic!("README has the {what} end marker"))
        + start;
    if readme[start..stop] == *expected {
        return;
    }
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..start], expected, &readme[stop..]);
        std::fs::write(path, updated).expect("README is writable");
        return;
    }
    panic!("README's {what} is stale; rerun with UPDATE_README=1. Expected:\n{expected}");
}

#[test]
fn readme_parameter_table_matches_the_code() {
    assert_generated_section(
        "parameter table",
        "<!-- parameters:begin (generated from src/config/parameters.rs by tests/readme.rs) -->\n",
        "<!-- parameters:end -->",
        &rnn_playground::config::docs_markdown(),
    );
}

/// The README's table of named lessons, one row per `LESSONS` entry.
fn lessons_markdown() -> String {
    let mut table = String::from("| `lesson=` | what it shows | settings |\n|---|---|---|\n");
    for lesson in rnn_playground::config::LESSONS {
        table.push_str(&format!(
            "| `{}` | {} | `{}` |\n",
            lesson.name,
            lesson.shows(rnn_playground::i18n::english()),
            lesson.query
        ));
    }
    table
}

#[test]
fn readme_lesson_table_matches_the_code() {
    assert_generated_section(
        "lesson table",
        "<!-- lessons:begin (generated from src/config/lessons.rs by tests/readme.rs) -->\n",
        "<!-- lessons:end -->",
        &lessons_markdown(),
    );
}
