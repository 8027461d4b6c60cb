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

const LESSONS_BEGIN: &str =
    "<!-- lessons:begin (generated from src/config/lessons.rs by tests/readme.rs) -->\n";
const LESSONS_END: &str = "<!-- lessons:end -->";

/// The README's table of named lessons, one row per `LESSONS` entry.
fn lessons_markdown() -> String {
    let mut table = String::from("| `lesson=` | what it shows | settings |\n|---|---|---|\n");
    for lesson in rnn_playground::config::LESSONS {
        table.push_str(&format!(
            "| `{}` | {} | `{}` |\n",
            lesson.name, lesson.shows, lesson.query
        ));
    }
    table
}

#[test]
fn readme_lesson_table_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).expect("README.md exists");
    let start = readme
        .find(LESSONS_BEGIN)
        .expect("README has the lessons:begin marker")
        + LESSONS_BEGIN.len();
    let end = readme[start..]
        .find(LESSONS_END)
        .expect("README has the lessons:end marker")
        + start;
    let expected = lessons_markdown();
    if readme[start..end] == expected {
        return;
    }
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{}{}", &readme[..start], expected, &readme[end..]);
        std::fs::write(path, updated).expect("README is writable");
        return;
    }
    panic!("README's lesson table is stale; rerun with UPDATE_README=1. Expected:\n{expected}");
}
