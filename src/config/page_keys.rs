//! The keys of the page's address and of an embedded figure that are not run parameters
//! (`mode`, `cells`, `logy`, `controls`...), declared once: the lab reader in
//! `crate::sweep` and the page's scripts (through the wasm's `page_keys`) read this list.

use serde::Serialize;

/// A key of the page's address or of an embedded figure that is not a run parameter.
/// Declared once here; the page reads the list through the wasm (`page_keys`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct PageKey {
    pub key: &'static str,
    /// Read by the lab URL reader, `crate::sweep::LabQuery` (every other key is a shared setting).
    pub lab: bool,
    /// Belongs to one mode of the page: the mode tabs leave it behind.
    pub mode_only: bool,
    /// An option of an embedded figure (an attribute, or a key inside its `query`).
    pub figure: bool,
    /// What it does, for docs and notices.
    pub help: &'static str,
}

/// Every key of [`PageKey`], in the order the docs list them.
pub const PAGE_KEYS: &[PageKey] = &[
    PageKey {
        key: "lesson",
        lab: false,
        mode_only: false,
        figure: true,
        help: "a named lesson (see config/lessons.rs): loads its settings; keys given with it win",
    },
    PageKey {
        key: "mode",
        lab: true,
        mode_only: true,
        figure: true,
        help: "play, compare or sweep (default play)",
    },
    PageKey {
        key: "cells",
        lab: true,
        mode_only: true,
        figure: false,
        help: "compare: up to 4 runs, comma-separated: a cell, optionally lstm:64 (units) or lstm:2x64 (layers x units)",
    },
    PageKey {
        key: "sweep_hidden",
        lab: true,
        mode_only: true,
        figure: false,
        help: "sweep: hidden sizes, comma-separated",
    },
    PageKey {
        key: "sweep_layers",
        lab: true,
        mode_only: true,
        figure: false,
        help: "sweep: depths, comma-separated",
    },
    PageKey {
        key: "workers",
        lab: true,
        mode_only: true,
        figure: false,
        help: "sweep: training workers (default: the device's logical cores)",
    },
    PageKey {
        key: "logy",
        lab: true,
        mode_only: false,
        figure: true,
        help: "1 for a logarithmic loss axis",
    },
    PageKey {
        key: "views",
        lab: false,
        mode_only: false,
        figure: true,
        help: "the \"inside the network\" views open under the loss chart",
    },
    PageKey {
        key: "controls",
        lab: false,
        mode_only: false,
        figure: true,
        help: "figure: the parameter keys that get a control (all, none or a list)",
    },
    PageKey {
        key: "autoplay",
        lab: false,
        mode_only: false,
        figure: true,
        help: "figure: start training when the figure is first seen",
    },
    PageKey {
        key: "aspect",
        lab: false,
        mode_only: false,
        figure: true,
        help: "figure: chart width over height, e.g. 16/9",
    },
    PageKey {
        key: "series",
        lab: false,
        mode_only: true,
        figure: true,
        help: "forecast on your own series: a figure's CSV file (its URL, same origin or CORS); \
               on the page, own marks a series loaded there, which a link does not carry",
    },
    PageKey {
        key: "theme",
        // A lab key so the lab reader passes over it rather than calling it a bad setting.
        lab: true,
        mode_only: false,
        figure: true,
        help: "light, dark or auto (default: follows the reader's prefers-color-scheme)",
    },
    PageKey {
        key: "lang",
        // A lab key so the lab reader passes over it rather than calling it a bad setting.
        lab: true,
        mode_only: false,
        figure: true,
        help: "the language of the page or figure: a catalog in i18n/ (en, ko); default: the browser's languages for the page, the embedding page's lang for a figure",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::spec_by_name;

    #[test]
    fn page_keys_are_unique_and_never_a_parameter_name() {
        for (i, page_key) in PAGE_KEYS.iter().enumerate() {
            assert!(
                PAGE_KEYS[..i].iter().all(|k| k.key != page_key.key),
                "{} twice",
                page_key.key
            );
            // The readers split a query on these keys: a clash would hide a parameter.
            assert_eq!(spec_by_name(page_key.key), None, "{}", page_key.key);
            assert!(
                page_key.lab || page_key.figure,
                "{} is read by nobody",
                page_key.key
            );
        }
    }
}
