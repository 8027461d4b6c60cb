//! Named lessons: `lesson=NAME` in the page's address (or a figure's `lesson` attribute)
//! loads the settings that show one point of the lesson on hyperparameters. Each lesson is
//! a query in the page's own keys, so the page, a figure and the native test
//! `tests/lessons.rs`, which checks every claim with numbers, all read the same settings.

use serde::Serialize;

use super::FieldError;

/// One point of the lesson and the settings that show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Lesson {
    /// The value of `lesson=`.
    pub name: &'static str,
    /// Page keys (run parameters and lab keys); keys it does not name take the task's preset.
    pub query: &'static str,
}

impl Lesson {
    /// What the run shows, in one sentence the test backs with numbers (`lesson.<name>`).
    pub fn shows(&self, catalog: &'static crate::i18n::Catalog) -> &'static str {
        catalog.text(&format!("lesson.{}", self.name))
    }
}

/// Every lesson, in the order the article tells them.
pub const LESSONS: &[Lesson] = &[
    Lesson {
        name: "underfit",
        query: "task=forecast&hidden=1",
    },
    Lesson {
        name: "overfit",
        query: "task=forecast&hidden=64",
    },
    Lesson {
        name: "capacity",
        query: "mode=sweep&task=forecast&sweep_hidden=1,2,4,8,16,32,64,128&sweep_layers=1",
    },
    Lesson {
        name: "dropout",
        query: "task=forecast&hidden=64&dropout=0.3",
    },
    Lesson {
        name: "l2",
        query: "task=forecast&hidden=64&l2=0.001",
    },
    Lesson {
        name: "early-stopping",
        query: "task=forecast&hidden=64&patience=20",
    },
    Lesson {
        name: "depth",
        query: "mode=compare&task=text&cells=lstm:1x64,lstm:2x40",
    },
    Lesson {
        name: "cells",
        query: "mode=compare&task=adding&cells=rnn,lstm,gru&epochs=36",
    },
    Lesson {
        name: "embedding",
        query: "task=text&hidden=64&embed=16",
    },
    Lesson {
        name: "forget-bias",
        query: "task=adding&forget_bias=1",
    },
];

/// The lesson called `name`, if there is one.
pub fn lesson(name: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|lesson| lesson.name == name)
}

/// A query with `lesson=NAME` replaced by the lesson's keys.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LessonExpansion {
    pub query: String,
    /// The lesson applied, if any.
    pub lesson: Option<&'static str>,
    /// Why a `lesson` value was ignored (unknown name), listing the valid names.
    pub notice: Option<FieldError>,
}

/// Replaces `lesson=NAME` in `query` by the lesson's keys. Keys the query gives itself win
/// over the lesson's (a shared link can adjust a lesson), and no key ends up twice. An
/// unknown name is dropped with a notice; the other keys are kept as they are.
pub fn expand_lesson(query: &str) -> LessonExpansion {
    let query = query.strip_prefix('?').unwrap_or(query);
    let segments: Vec<&str> = query.split('&').filter(|s| !s.is_empty()).collect();
    // Decoded, as the query readers decode keys: `%6Cesson` is `lesson` to them too.
    let key_of = |segment: &str| super::percent_decode(segment.split('=').next().unwrap_or("")).0;
    let is_lesson = |segment: &str| key_of(segment) == "lesson";
    let Some(requested) = segments.iter().rev().find(|s| is_lesson(s)) else {
        return LessonExpansion {
            query: query.to_string(),
            lesson: None,
            notice: None,
        };
    };
    let name = super::percent_decode(requested.split_once('=').map_or("", |(_, v)| v)).0;
    let own: Vec<&str> = segments.iter().copied().filter(|s| !is_lesson(s)).collect();
    let Some(found) = lesson(&name) else {
        let names: Vec<&str> = LESSONS.iter().map(|l| l.name).collect();
        return LessonExpansion {
            query: own.join("&"),
            lesson: None,
            notice: Some(FieldError::said(
                "lesson",
                &crate::i18n::Message::new(
                    "notice.no_lesson",
                    &[
                        ("name", super::quote_within(&name, 40)),
                        ("lessons", names.join(", ")),
                    ],
                ),
            )),
        };
    };
    let given: Vec<String> = own.iter().map(|s| key_of(s)).collect();
    let from_lesson = found
        .query
        .split('&')
        .filter(|segment| !given.contains(&key_of(segment)));
    LessonExpansion {
        query: from_lesson.chain(own).collect::<Vec<_>>().join("&"),
        lesson: Some(found.name),
        notice: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn every_lesson_is_a_valid_query_with_a_unique_name() {
        for (i, lesson) in LESSONS.iter().enumerate() {
            assert!(LESSONS[..i].iter().all(|l| l.name != lesson.name));
            let run_keys: Vec<&str> = lesson
                .query
                .split('&')
                .filter(|s| {
                    crate::config::PAGE_KEYS
                        .iter()
                        .all(|k| s.split('=').next() != Some(k.key))
                })
                .collect();
            let parsed = Config::from_query(&run_keys.join("&"));
            assert!(
                parsed.notices.is_empty(),
                "{}: {:?}",
                lesson.name,
                parsed.notices
            );
        }
    }

    #[test]
    fn a_lesson_expands_and_the_address_keys_win() {
        let expanded = expand_lesson("?lesson=overfit&hidden=32&seed=3");
        assert_eq!(expanded.lesson, Some("overfit"));
        assert_eq!(expanded.notice, None);
        assert_eq!(expanded.query, "task=forecast&hidden=32&seed=3");
        assert_eq!(expand_lesson("seed=2").query, "seed=2");
        let encoded = expand_lesson("%6Cesson=l2");
        assert_eq!(encoded.lesson, Some("l2"));
    }

    #[test]
    fn an_unknown_lesson_is_dropped_with_the_valid_names() {
        let expanded = expand_lesson("lesson=nope&seed=2");
        assert_eq!(expanded.query, "seed=2");
        let notice = expanded.notice.unwrap().to_string();
        assert!(
            notice.contains("'nope'") && notice.contains("early-stopping"),
            "{notice}"
        );
    }
}
