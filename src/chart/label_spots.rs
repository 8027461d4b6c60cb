//! Placing labels inside a plot where they hide the least: candidate spots around a point,
//! scored by how many curve pixels (and other labels) each would cover.

use super::sizes::Sizes;
use super::ChartError;
use plotters::coord::Shift;
use plotters::prelude::*;

/// A label with the spot found for it and how many curve points it covers there.
pub(crate) struct PlacedLabel {
    pub text: String,
    pub size: (i32, i32),
    pub spot: (i32, i32),
    pub hits: usize,
}

/// The labels of one plot, placed one after another, each where it covers the fewest
/// obstacles: curve points, lines and the labels placed before it.
pub(crate) struct LabelBoard<'a, DB: DrawingBackend> {
    pub plot: &'a DrawingArea<DB, Shift>,
    pub sizes: &'a Sizes,
    /// The plot's width and height in pixels.
    pub bounds: (i32, i32),
    obstacles: Vec<(i32, i32)>,
}

impl<'a, DB: DrawingBackend> LabelBoard<'a, DB> {
    /// A plot with nothing to avoid yet.
    pub fn new(plot: &'a DrawingArea<DB, Shift>, sizes: &'a Sizes) -> Self {
        let (width, height) = plot.dim_in_pixel();
        LabelBoard {
            plot,
            sizes,
            bounds: (width as i32, height as i32),
            obstacles: Vec::new(),
        }
    }

    /// Labels placed later keep off this polyline (pixel coordinates).
    pub fn avoid_path(&mut self, pixels: &[(i32, i32)]) {
        sample_path(pixels, self.sizes.px(3.0).max(1), &mut self.obstacles);
    }

    /// The best of `candidates` for a label of `size`, with the obstacles it covers there.
    pub fn best_spot(&self, candidates: &[(i32, i32)], size: (i32, i32)) -> ((i32, i32), usize) {
        let pad = self.sizes.px(2.0);
        best_spot(candidates, size, self.bounds, &self.obstacles, pad)
    }

    /// Draws `text` of `size` at `spot`; labels placed later keep off it.
    pub fn place(
        &mut self,
        text: &str,
        style: &TextStyle,
        spot: (i32, i32),
        size: (i32, i32),
    ) -> Result<(), ChartError> {
        draw_label(self.plot, text, style, spot, size, self.sizes)?;
        let step = self.sizes.px(2.0).max(1);
        block_box(spot, size, &mut self.obstacles, step);
        Ok(())
    }
}

/// Points every `step` pixels along a polyline, for collision tests.
fn sample_path(pixels: &[(i32, i32)], step: i32, out: &mut Vec<(i32, i32)>) {
    if let Some(&first) = pixels.first() {
        out.push(first);
    }
    for pair in pixels.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        let length = (x1 - x0).abs().max((y1 - y0).abs());
        // Segments are short after decimation; the cap only guards against absurd input.
        let samples = (length / step).clamp(1, 2000);
        for i in 1..=samples {
            out.push((x0 + (x1 - x0) * i / samples, y0 + (y1 - y0) * i / samples));
        }
    }
}

fn block_box(top_left: (i32, i32), size: (i32, i32), out: &mut Vec<(i32, i32)>, step: i32) {
    for y in (top_left.1..=top_left.1 + size.1).step_by(step as usize) {
        for x in (top_left.0..=top_left.0 + size.0).step_by(step as usize) {
            out.push((x, y));
        }
    }
}

/// Top-left corners to try for a label of `size` about a marker at `centre`, nearest first;
/// the farther ones reach into the open space between the curves that an overfitting run
/// leaves to the right of its best epoch.
pub(crate) fn best_label_candidates(
    centre: (i32, i32),
    size: (i32, i32),
    away: i32,
) -> [(i32, i32); 14] {
    let (cx, cy) = centre;
    let (below, above, beside) = (cy + away, cy - away - size.1, cy - size.1 / 2);
    let (centred, right, left) = (cx - size.0 / 2, cx + away / 2, cx - size.0 - away / 2);
    [
        (centred, below),
        (right, below),
        (left, below),
        (cx + away, beside),
        (cx - size.0 - away, beside),
        (centred, above),
        (right, above),
        (left, above),
        (right + size.0 / 2, below),
        (right + size.0 / 2, above),
        (right + size.0, below),
        (right + size.0, above),
        (left - size.0 / 2, below),
        (left - size.0 / 2, above),
    ]
}

/// Of the candidate top-left corners, the first one inside the plot that covers the fewest
/// obstacle points (curve pixels, other labels), with that count.
fn best_spot(
    candidates: &[(i32, i32)],
    size: (i32, i32),
    bounds: (i32, i32),
    obstacles: &[(i32, i32)],
    pad: i32,
) -> ((i32, i32), usize) {
    let inside =
        |&(x, y): &(i32, i32)| x >= 0 && y >= 0 && x + size.0 <= bounds.0 && y + size.1 <= bounds.1;
    let hits = |&(x, y): &(i32, i32)| {
        obstacles
            .iter()
            .filter(|&&(px, py)| {
                px >= x - pad && px <= x + size.0 + pad && py >= y - pad && py <= y + size.1 + pad
            })
            .count()
    };
    candidates
        .iter()
        .filter(|c| inside(c))
        .map(|c| (*c, hits(c)))
        .min_by_key(|(_, count)| *count)
        // Nothing fits (a tiny plot): keep the first, pulled inside as far as possible.
        .unwrap_or_else(|| {
            let (x, y) = candidates[0];
            let spot = (
                x.clamp(0, (bounds.0 - size.0).max(0)),
                y.clamp(0, (bounds.1 - size.1).max(0)),
            );
            (spot, hits(&spot))
        })
}

/// Text on a translucent white box so it stays readable over grid lines and shading.
fn draw_label<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    top_left: (i32, i32),
    size: (i32, i32),
    sizes: &Sizes,
) -> Result<(), ChartError> {
    let pad = sizes.px(2.0);
    plot.draw(&Rectangle::new(
        [
            (top_left.0 - pad, top_left.1 - pad),
            (top_left.0 + size.0 + pad, top_left.1 + size.1 + pad),
        ],
        // Translucent: a curve passing behind a label stays visible.
        sizes.theme.background.mix(0.7).filled(),
    ))?;
    plot.draw_text(text, style, top_left)?;
    Ok(())
}
