//! Notices as the page receives them. An address can hold a hundred thousand bad values;
//! turning each notice into a JS object would take half a second of the page's main thread,
//! and the page lists ten anyway. So at most [`MAX_SENT_NOTICES`] are sent, and one more
//! stands for the rest with their `count`.

use crate::config::FieldError;
use crate::i18n::{catalogs, fill};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Notices sent one by one; the page shows fewer and counts the rest.
pub(crate) const MAX_SENT_NOTICES: usize = 50;

/// `{key, message, words}` (`words`: the message in every language, when it has them), and
/// `count` on the one notice that stands for several.
#[derive(Serialize)]
pub(crate) struct SentNotice<'a> {
    key: &'a str,
    message: Cow<'a, str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    words: Cow<'a, BTreeMap<&'static str, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    count: Option<usize>,
}

/// The first [`MAX_SENT_NOTICES`] notices, then one summary of the others.
pub(crate) fn sent_notices(notices: &[FieldError]) -> Vec<SentNotice<'_>> {
    let mut sent: Vec<SentNotice> = notices
        .iter()
        .take(MAX_SENT_NOTICES)
        .map(|notice| SentNotice {
            key: &notice.key,
            message: Cow::Borrowed(&notice.message),
            words: Cow::Borrowed(&notice.words),
            count: None,
        })
        .collect();
    let rest = notices.len().saturating_sub(MAX_SENT_NOTICES);
    if rest > 0 {
        let count = rest.to_string();
        let say = |text: &str| fill(text, &[("count", &count)]);
        let words = catalogs()
            .iter()
            .map(|c| (c.lang, say(c.text("notice.not_listed"))))
            .collect();
        sent.push(SentNotice {
            key: "address",
            message: Cow::Owned(say(crate::i18n::english().text("notice.not_listed"))),
            words: Cow::Owned(words),
            count: Some(rest),
        });
    }
    sent
}
