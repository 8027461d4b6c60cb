//! Plural blanks in catalog messages: `{count, plural, one {# layer} other {# layers}}`
//! (the ICU shape). The form is chosen by the value of `count` with the language's rule
//! (`#` stands for the value); a language lists only the forms it needs: English `one` and
//! `other`, Korean `other` alone. The page chooses with `Intl.PluralRules` (`www/i18n.js`);
//! [`category`] is the same rule for the languages there are catalogs for.

/// One plural blank of a template: the name of its number and its forms, in order.
#[derive(Debug, PartialEq)]
pub struct PluralBlank<'a> {
    pub name: &'a str,
    pub forms: Vec<(&'a str, &'a str)>,
    /// Where the blank is in the template, braces included.
    pub span: std::ops::Range<usize>,
}

/// Every plural blank of `template`, in order. A brace that does not open a well-formed
/// plural blank is left as it is (plain `{name}` blanks included).
pub fn plural_blanks(template: &str) -> Vec<PluralBlank<'_>> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = template[from..].find('{').map(|i| i + from) {
        match read_blank(template, open) {
            Some(blank) => {
                from = blank.span.end;
                found.push(blank);
            }
            None => from = open + 1,
        }
    }
    found
}

/// The plural blank whose `{` is at `open`, if it is one.
fn read_blank(template: &str, open: usize) -> Option<PluralBlank<'_>> {
    let inner = &template[open + 1..];
    let (name, rest) = inner.split_once(',')?;
    let rest = rest
        .trim_start()
        .strip_prefix("plural")?
        .trim_start()
        .strip_prefix(',')?;
    let name = name.trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let mut at = template.len() - rest.len();
    let mut forms = Vec::new();
    loop {
        let skipped = template[at..].len() - template[at..].trim_start().len();
        at += skipped;
        match template[at..].chars().next()? {
            '}' => break,
            _ => {
                let form_open = at + template[at..].find('{')?;
                let form = template[at..form_open].trim();
                let close = matching_close(template, form_open)?;
                forms.push((form, &template[form_open + 1..close]));
                at = close + 1;
            }
        }
    }
    (!forms.is_empty()).then_some(PluralBlank {
        name,
        forms,
        span: open..at + 1,
    })
}

/// The `}` closing the `{` at `open`, counting nested braces.
fn matching_close(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The plural forms `lang` needs (its CLDR cardinal categories for whole numbers), for the
/// languages there are catalogs for and a few likely next ones; others need `other` only
/// until their rule is added here (the catalog test then asks for its forms).
pub fn forms_needed(lang: &str) -> &'static [&'static str] {
    match lang {
        "en" | "de" | "nl" | "sv" | "it" | "es" => &["one", "other"],
        _ => &["other"],
    }
}

/// The plural category of `n` in `lang` (whole numbers): `one` or `other`.
pub fn category(lang: &str, n: f64) -> &'static str {
    let one = forms_needed(lang).contains(&"one") && n == 1.0;
    if one {
        "one"
    } else {
        "other"
    }
}

/// `template` with each plural blank replaced by its form for the value given under its
/// name (`#` in the form is that value); the `other` form when the value is missing or not
/// a number, or the language has no form for its category.
pub fn choose_forms(lang: &str, template: &str, values: &[(&str, &str)]) -> String {
    let blanks = plural_blanks(template);
    if blanks.is_empty() {
        return template.to_string();
    }
    let mut out = String::new();
    let mut last = 0;
    for blank in blanks {
        let value = values
            .iter()
            .find(|(name, _)| *name == blank.name)
            .map(|(_, v)| *v);
        let wanted = value
            .and_then(|v| v.trim().parse::<f64>().ok())
            .map_or("other", |n| category(lang, n));
        let form = blank
            .forms
            .iter()
            .find(|(name, _)| *name == wanted)
            .or_else(|| blank.forms.iter().find(|(name, _)| *name == "other"))
            .map_or("", |(_, text)| *text);
        out.push_str(&template[last..blank.span.start]);
        out.push_str(&form.replace('#', value.unwrap_or("")));
        last = blank.span.end;
    }
    out.push_str(&template[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plural_blanks_are_read_with_their_forms_and_nested_blanks() {
        let text = "and {count, plural, one {# more {what}} other {# more {what}s}} here {x}";
        let blanks = plural_blanks(text);
        assert_eq!(blanks.len(), 1);
        assert_eq!(blanks[0].name, "count");
        assert_eq!(
            blanks[0].forms,
            [("one", "# more {what}"), ("other", "# more {what}s")]
        );
        assert_eq!(blanks[0].span.start, 4);
        assert_eq!(&text[blanks[0].span.end..], " here {x}");
        assert!(plural_blanks("{a} {b, c} {d, plural, one}").is_empty());
    }

    #[test]
    fn english_says_one_and_other_and_korean_other() {
        let text = "{n, plural, one {# layer} other {# layers}}";
        assert_eq!(choose_forms("en", text, &[("n", "1")]), "1 layer");
        assert_eq!(choose_forms("en", text, &[("n", "3")]), "3 layers");
        assert_eq!(choose_forms("en", text, &[("n", "0")]), "0 layers");
        assert_eq!(
            choose_forms("ko", "{n, plural, other {#층}}", &[("n", "1")]),
            "1층"
        );
        assert_eq!(
            choose_forms("ko", text, &[("n", "1")]),
            "1 layers",
            "ko has no one"
        );
        assert_eq!(choose_forms("en", text, &[]), " layers", "missing: other");
    }
}
