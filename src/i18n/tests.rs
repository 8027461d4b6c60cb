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

#[test]
fn every_plural_message_has_the_forms_its_language_needs() {
    let mut plurals = 0;
    for catalog in catalogs() {
        let needed: BTreeSet<&str> = forms_needed(catalog.lang).iter().copied().collect();
        for key in english().keys() {
            let ours = plural_blanks(catalog.text(key));
            let theirs = plural_blanks(english().text(key));
            let names = |blanks: &[PluralBlank]| -> Vec<String> {
                blanks.iter().map(|b| b.name.to_string()).collect()
            };
            assert_eq!(
                names(&ours),
                names(&theirs),
                "{}: {key} has other plural blanks than English",
                catalog.lang
            );
            for blank in ours {
                plurals += 1;
                let forms: BTreeSet<&str> = blank.forms.iter().map(|(form, _)| *form).collect();
                assert_eq!(
                    forms, needed,
                    "{}: {key}, blank {}",
                    catalog.lang, blank.name
                );
            }
        }
    }
    assert!(
        plurals >= 4,
        "the catalogs have plural messages ({plurals})"
    );
}

#[test]
fn a_plural_blank_names_its_number_and_the_blanks_of_its_forms() {
    let names: Vec<&str> = placeholders("{a} {n, plural, one {# of {b}} other {# of {c}}} {d}")
        .into_iter()
        .collect();
    assert_eq!(names, ["a", "b", "c", "d", "n"]);
}
