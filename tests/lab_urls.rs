//! The URL readers of the two lab modes (compare and sweep) natively: cells with sizes,
//! grid lists, workers, and a notice for every value they replace.
#![cfg(not(target_arch = "wasm32"))]

use rnn_playground::config::TaskKind;
use rnn_playground::nn::CellKind;
use rnn_playground::sweep::{LabMode, LabQuery};

/// A comparison's runs as (cell, hidden, layers).
fn runs_of(lab: &LabQuery) -> Vec<(CellKind, usize, usize)> {
    lab.runs
        .iter()
        .map(|r| (r.cell, r.hidden, r.layers))
        .collect()
}

fn notice_keys(query: &str) -> Vec<String> {
    LabQuery::from_query(query)
        .notices
        .into_iter()
        .map(|n| n.key)
        .collect()
}

#[test]
fn compare_urls_read_cells_with_sizes_and_round_trip() {
    let parsed =
        LabQuery::from_query("mode=compare&task=adding&hidden=16&cells=rnn,lstm:64,gru:8x2&logy=1");
    assert!(parsed.notices.is_empty(), "{:?}", parsed.notices);
    let lab = parsed.lab;
    assert_eq!(lab.mode, LabMode::Compare);
    assert_eq!(lab.config.task, TaskKind::Adding);
    assert_eq!(
        runs_of(&lab),
        [
            (CellKind::RnnTanh, 16, 1),
            (CellKind::Lstm, 64, 1),
            (CellKind::Gru, 8, 2)
        ]
    );
    assert!(lab.log_y);

    let canonical = lab.to_query();
    assert!(
        canonical.starts_with("mode=compare&task=adding&len=100&"),
        "{canonical}"
    );
    assert!(
        canonical.ends_with("&cells=rnn,lstm:64,gru:2x8&logy=1"),
        "{canonical}"
    );
    assert!(
        !canonical.contains("&cell="),
        "the shared cell is unused in compare mode: {canonical}"
    );
    let again = LabQuery::from_query(&canonical);
    assert!(again.notices.is_empty(), "{:?}", again.notices);
    assert_eq!(again.lab, lab);

    // Each run trains the shared settings with its own cell and size.
    let configs = lab.run_configs();
    assert_eq!(
        (configs[1].cell, configs[1].hidden, configs[1].seq_len),
        (CellKind::Lstm, 64, 100)
    );
    assert_eq!(configs[2].layers, 2);
}

#[test]
fn compare_defaults_to_rnn_lstm_gru_at_the_shared_size() {
    let lab = LabQuery::from_query("mode=compare&task=adding").lab;
    let cells: Vec<CellKind> = lab.runs.iter().map(|r| r.cell).collect();
    assert_eq!(cells, [CellKind::RnnTanh, CellKind::Lstm, CellKind::Gru]);
    assert!(lab.runs.iter().all(|r| r.hidden == 32 && r.layers == 1));
    assert_eq!(lab.cells_text(), "rnn,lstm,gru");
}

#[test]
fn bad_compare_values_are_replaced_with_notices() {
    let parsed =
        LabQuery::from_query("mode=compare&cells=rnn,foo,lstm:999x9,lstm:999x9,gru:abc,relu,gru:4");
    let runs = runs_of(&parsed.lab);
    // foo skipped; 999x9 clamped to 512x4; its repeat dropped; gru:abc uses the shared size;
    // the fifth usable run (gru:4) is over the limit of four.
    assert_eq!(
        runs,
        [
            (CellKind::RnnTanh, 64, 1),
            (CellKind::Lstm, 512, 4),
            (CellKind::Gru, 64, 1),
            (CellKind::RnnRelu, 64, 1)
        ]
    );
    let messages: Vec<String> = parsed
        .notices
        .iter()
        .map(|n| format!("{}: {}", n.key, n.message))
        .collect();
    assert_eq!(messages.len(), 6, "{messages:#?}");
    assert!(
        messages.iter().all(|m| m.starts_with("cells: ")),
        "{messages:#?}"
    );
    assert!(
        messages[0].contains("'foo' is not a cell"),
        "{}",
        messages[0]
    );
    assert!(messages
        .iter()
        .any(|m| m.contains("999 hidden units is outside 1 to 512; using 512")));
    assert!(messages.iter().any(|m| m.contains("at most 4 runs")));

    // Nothing usable at all: the default trio, said so.
    let empty = LabQuery::from_query("mode=compare&cells=,,xyz");
    assert_eq!(empty.lab.runs.len(), 3);
    assert!(empty
        .notices
        .iter()
        .any(|n| n.message.contains("using rnn,lstm,gru")));
}

#[test]
fn sweep_urls_read_grid_and_workers_and_round_trip() {
    // Commas as URLSearchParams writes them (%2C).
    let parsed = LabQuery::from_query("mode=sweep&task=adding&cell=gru&sweep_hidden=2%2C8%2C32&sweep_layers=1,2&workers=2&epochs=5");
    assert!(parsed.notices.is_empty(), "{:?}", parsed.notices);
    let lab = parsed.lab;
    assert_eq!(
        (lab.grid.hidden(), lab.grid.layers()),
        (&[2, 8, 32][..], &[1, 2][..])
    );
    assert_eq!(lab.workers, Some(2));
    assert_eq!(lab.config.cell, CellKind::Gru);
    let canonical = lab.to_query();
    assert!(
        canonical.ends_with("&sweep_hidden=2,8,32&sweep_layers=1,2&workers=2"),
        "{canonical}"
    );
    assert!(
        !canonical.contains("&hidden=") && !canonical.contains("&layers="),
        "{canonical}"
    );
    assert_eq!(LabQuery::from_query(&canonical).lab, lab);

    let points = lab.point_configs();
    assert_eq!(points.len(), 6);
    assert_eq!(
        (points[0].0.hidden, points[0].0.layers),
        (32, 2),
        "biggest first"
    );
    assert!(points
        .iter()
        .all(|(p, c)| c.hidden == p.hidden && c.layers == p.layers && c.max_epochs == 5));

    // Defaults: hidden 2 to 128 by doubling, 1 to 3 layers, one worker per core.
    let default = LabQuery::from_query("mode=sweep").lab;
    assert_eq!(default.grid.hidden(), &[2, 4, 8, 16, 32, 64, 128]);
    assert_eq!(default.grid.layers(), &[1, 2, 3]);
    assert_eq!(default.workers, None);
}

#[test]
fn bad_sweep_values_and_keys_of_other_modes_get_notices() {
    let parsed = LabQuery::from_query(
        "mode=sweep&sweep_hidden=abc,4,9999&sweep_layers=0&workers=99&cells=rnn&logy=maybe&zzz=1",
    );
    let lab = &parsed.lab;
    assert_eq!(lab.grid.hidden(), &[4, 512]);
    assert_eq!(lab.grid.layers(), &[1]);
    assert_eq!(lab.workers, Some(16));
    assert!(!lab.log_y);
    let mut keys: Vec<String> = parsed.notices.iter().map(|n| n.key.clone()).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "cells",
            "logy",
            "sweep_hidden",
            "sweep_hidden",
            "sweep_layers",
            "workers",
            "zzz"
        ]
    );

    assert_eq!(notice_keys("mode=sweep&sweep_hidden=,,"), ["sweep_hidden"]);
    assert_eq!(
        LabQuery::from_query("mode=sweep&sweep_hidden=,,")
            .lab
            .grid
            .hidden()
            .len(),
        7
    );
    assert_eq!(
        notice_keys("mode=compare&sweep_layers=1&workers=2"),
        ["sweep_layers", "workers"]
    );
    assert_eq!(notice_keys("mode=jazz"), ["mode"]);
    assert_eq!(LabQuery::from_query("mode=jazz").lab.mode, LabMode::Play);
    assert_eq!(notice_keys("mode=sweep&mode=compare"), ["mode"]);
    assert_eq!(
        notice_keys("mode=compare&hidden=9999"),
        ["hidden"],
        "shared keys keep the main page's notices"
    );
}

#[test]
fn lab_reader_never_panics_on_odd_input() {
    for query in [
        "",
        "?",
        "&&&",
        "mode",
        "=",
        "mode=%FF",
        "cells=%",
        "mode=compare&cells=:",
        "mode=compare&cells=lstm:x",
        "mode=compare&cells=gru:x3",
        "mode=sweep&sweep_hidden=-1,1e3,18446744073709551616",
        "mode=sweep&workers=-3",
    ] {
        let parsed = LabQuery::from_query(query);
        assert!(
            !parsed.lab.runs.is_empty() && !parsed.lab.grid.is_empty(),
            "{query}"
        );
        assert_eq!(parsed.lab.config.validate(), Ok(()), "{query}");
    }
    let lab = LabQuery::from_query("mode=compare&cells=gru:x3").lab;
    assert_eq!(
        (lab.runs[0].hidden, lab.runs[0].layers),
        (64, 3),
        "x3 sets only the layers"
    );
}

// ---- CSV --------------------------------------------------------------------------------

#[test]
fn a_page_url_is_read_in_the_mode_a_native_program_runs() {
    // The examples take a URL copied from the page, whatever mode it names.
    let url = "http://127.0.0.1:8080/?mode=sweep&task=adding&cells=rnn,gru:8&epochs=5";
    let parsed = LabQuery::from_url_in_mode(url, LabMode::Compare);
    assert_eq!(parsed.lab.mode, LabMode::Compare);
    assert_eq!(parsed.lab.config.task, TaskKind::Adding);
    assert_eq!(parsed.lab.config.max_epochs, 5);
    assert_eq!(
        runs_of(&parsed.lab),
        [
            (CellKind::RnnTanh, parsed.lab.config.hidden, 1),
            (CellKind::Gru, 8, 1)
        ]
    );
    // A bare query reads the same, and an empty one gives the mode's defaults.
    let bare = LabQuery::from_url_in_mode("task=adding&cells=rnn,gru:8&epochs=5", LabMode::Compare);
    assert_eq!(bare.lab, parsed.lab);
    assert_eq!(
        LabQuery::from_url_in_mode("", LabMode::Sweep).lab.mode,
        LabMode::Sweep
    );
}
