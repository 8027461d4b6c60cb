//! The catalogs agree with each other: every language has English's keys, no more, and
//! each message names the same blanks as its English original.

use super::*;

#[test]
fn every_catalog_parses() {
    assert!(catalogs().len() >= 2, "{:?}", languages());
    for catalog in catalogs() {
        assert_eq!(catalog.problem, None);
    }
}

#[test]
fn every_language_has_exactly_the_english_keys() {
    let reference: BTreeSet<&str> = english().keys().collect();
    for catalog in catalogs() {
        let keys: BTreeSet<&str> = catalog.keys().collect();
        let missing: Vec<_> = reference.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&reference).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "i18n/{}.json lacks {missing:?} and has keys English lacks: {extra:?}",
            catalog.lang
        );
    }
}

#[test]
fn every_message_names_the_blanks_of_its_english_original() {
    for catalog in catalogs() {
        for key in english().keys() {
            let (Some(ours), Some(theirs)) = (catalog.get(key), english().get(key)) else {
                continue;
            };
            assert_eq!(
                placeholders(ours),
                placeholders(theirs),
                "{}: {key} = {ours:?}",
                catalog.lang
            );
            assert!(!ours.trim().is_empty(), "{}: {key} is empty", catalog.lang);
        }
    }
}

#[test]
fn placeholders_are_named_blanks_only() {
    let names: Vec<&str> = placeholders("{value} @ {epoch} {} { x } {a_1}")
        .into_iter()
        .collect();
    assert_eq!(names, ["a_1", "epoch", "value"]);
}

#[test]
fn templates_take_their_values_by_name_in_any_order() {
    assert_eq!(
        fill("{epoch}: {value}", &[("value", "0.5"), ("epoch", "7")]),
        "7: 0.5"
    );
}

#[test]
fn a_language_is_found_in_any_case_and_unknown_ones_are_none() {
    assert_eq!(catalog("KO").map(|c| c.lang), Some("ko"));
    assert!(catalog("xx").is_none());
    assert_eq!(catalog("ko").unwrap().text("no.such.key"), "");
}
