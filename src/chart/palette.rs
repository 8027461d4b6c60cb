//! The chart's colours. Blue and orange stay distinct under the common colour-vision
//! deficiencies (they differ in lightness as well as hue), and the curves also differ in
//! width, so nothing relies on colour alone. Public so tests can find them in pixels.

use plotters::style::RGBColor;

pub const BACKGROUND: RGBColor = RGBColor(255, 255, 255);
/// Training loss: a mid blue.
pub const TRAIN: RGBColor = RGBColor(31, 119, 180);
/// Validation loss: a deep orange, dark enough to read on white.
pub const VAL: RGBColor = RGBColor(230, 115, 0);
/// The best validation epoch: a bluish green, away from both curve colours.
pub const BEST: RGBColor = RGBColor(0, 150, 110);
/// The baseline's dashed line and its label.
pub const BASELINE: RGBColor = RGBColor(100, 100, 100);
/// Titles, axis labels, tick labels.
pub const TEXT: RGBColor = RGBColor(40, 40, 40);
/// Secondary text such as the "waiting" note.
pub const MUTED_TEXT: RGBColor = RGBColor(120, 120, 120);
/// Axis lines and tick marks.
pub const AXIS: RGBColor = RGBColor(150, 150, 150);
/// Grid lines are this colour at low opacity.
pub const GRID: RGBColor = RGBColor(0, 0, 0);

/// Opacity of the shaded gap between the curves.
pub const GAP_OPACITY: f64 = 0.16;
