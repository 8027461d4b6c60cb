//! Reading the comma-separated lists of the lab URLs (`sweep_hidden=2,8,32`,
//! `cells=rnn,lstm:64x2`) and the percent-decoding of raw query text.

/// A list of whole numbers read leniently, with what had to change.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct IntList {
    /// In range, without duplicates, ascending.
    pub values: Vec<usize>,
    /// One sentence per problem, each saying what was done instead.
    pub problems: Vec<String>,
}

/// The entries of a list: separated by commas (or spaces, which is what a `+` decodes to),
/// empty entries skipped.
pub(crate) fn entries(raw: &str) -> impl Iterator<Item = &str> {
    raw.split([',', ' ', ';'])
        .map(str::trim)
        .filter(|e| !e.is_empty())
}

/// Reads `raw` as whole numbers in `min..=max`, at most `max_count` of them. Values out of
/// range are clamped, unreadable entries skipped, repeats kept once; each is a problem.
pub(crate) fn read_int_list(raw: &str, min: usize, max: usize, max_count: usize) -> IntList {
    let mut list = IntList::default();
    for entry in entries(raw) {
        let Ok(value) = entry.parse::<u64>() else {
            list.problems
                .push(format!("{} is not a whole number; skipped", quote(entry)));
            continue;
        };
        let value = usize::try_from(value).unwrap_or(usize::MAX);
        let kept = value.clamp(min, max);
        if kept != value {
            let side = if value < min {
                "below the minimum"
            } else {
                "above the maximum"
            };
            list.problems
                .push(format!("{value} is {side} {kept}; using {kept}"));
        }
        if list.values.contains(&kept) {
            list.problems
                .push(format!("{kept} is listed more than once; kept once"));
            continue;
        }
        if list.values.len() == max_count {
            list.problems.push(format!(
                "at most {max_count} values are used; {} and later ones were dropped",
                quote(entry)
            ));
            break;
        }
        list.values.push(kept);
    }
    list.values.sort_unstable();
    list
}

/// Decodes `%XX` escapes and `+` (a space), keeping a `%` that starts no escape. Invalid
/// UTF-8 becomes U+FFFD: lab values are ASCII, so such a value is reported as unreadable.
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| (*b as char).to_digit(16));
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                if let (Some(high), Some(low)) = (hex(i + 1), hex(i + 2)) {
                    out.push((high * 16 + low) as u8);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// User text quoted in a message, cut to a readable length.
pub(crate) fn quote(raw: &str) -> String {
    const LIMIT: usize = 24;
    let mut shown: String = raw.chars().take(LIMIT).collect();
    if raw.chars().nth(LIMIT).is_some() {
        shown.push('…');
    }
    format!("'{shown}'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_clamped_deduplicated_and_sorted() {
        let list = read_int_list("32, 8,abc,,600,8,0", 1, 512, 10);
        assert_eq!(list.values, vec![1, 8, 32, 512]);
        assert_eq!(list.problems.len(), 4, "{:?}", list.problems);
        assert!(list.problems[0].contains("'abc'"));
        assert!(list.problems[1].contains("600 is above the maximum 512"));
    }

    #[test]
    fn lists_stop_at_their_maximum_length() {
        let list = read_int_list("5,4,3,2,1", 1, 9, 3);
        assert_eq!(list.values, vec![3, 4, 5]);
        assert_eq!(list.problems.len(), 1);
    }

    #[test]
    fn percent_decoding_handles_commas_and_bad_escapes() {
        assert_eq!(percent_decode("2%2C8%2c32"), "2,8,32");
        assert_eq!(percent_decode("lstm%3A64x2+gru"), "lstm:64x2 gru");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
