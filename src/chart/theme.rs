//! The charts' colours as a value the caller passes in, so a dark page can pass a dark
//! theme. Blue and orange stay distinct under the common colour-vision deficiencies (they
//! differ in lightness as well as hue), and the curves also differ in width, so nothing
//! relies on colour alone.

use plotters::style::RGBColor;

/// Every colour a chart draws with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    /// Training loss.
    pub train: RGBColor,
    /// Validation loss.
    pub val: RGBColor,
    /// The best validation epoch, away from both curve colours.
    pub best: RGBColor,
    /// The baseline's dashed line and its label.
    pub baseline: RGBColor,
    /// Titles, axis labels, tick labels.
    pub text: RGBColor,
    /// Secondary text such as the "waiting" note.
    pub muted_text: RGBColor,
    /// Axis lines and tick marks.
    pub axis: RGBColor,
    /// Grid lines are this colour at low opacity.
    pub grid: RGBColor,
    /// One colour per run or depth of the multi-series charts, in order.
    pub series: [RGBColor; 4],
    /// Colours of network layers 1 to 4 in the inside-the-network views.
    pub layers: [RGBColor; 4],
    /// Ends and middle of the diverging scale of the activation heatmap.
    pub negative: RGBColor,
    pub zero: RGBColor,
    pub positive: RGBColor,
}

/// Opacity of the shaded gap between the curves.
pub const GAP_OPACITY: f64 = 0.16;

/// Each colour of the light and the dark theme side by side, `(light, dark)` as `0xRRGGBB`,
/// so a role's two shades are read and changed together. The dark ones are lifted to keep
/// their contrast on a near-black page.
type Shades = (u32, u32);

/// One colour per run or depth. The first three are also the training, validation and
/// best-epoch colours, so a colour means the same on every chart.
const SERIES: [Shades; 4] = [
    (0x1f77b4, 0x56a0de),
    (0xe67300, 0xff9632),
    (0x00966e, 0x28c391),
    (0x8c46a0, 0xbe82dc),
];
const LAYERS: [Shades; 4] = [
    (0x5e3c99, 0xa082dc),
    (0x008c82, 0x28c3b4),
    (0xc83228, 0xf0645a),
    (0x967800, 0xd7b928),
];
const BACKGROUND: Shades = (0xffffff, 0x181a1f);
const BASELINE: Shades = (0x646464, 0xa5a5a5);
const TEXT: Shades = (0x282828, 0xe1e1e1);
const MUTED_TEXT: Shades = (0x787878, 0x969696);
const AXIS: Shades = (0x969696, 0x6e6e6e);
const GRID: Shades = (0x000000, 0xffffff);
/// The heatmap's diverging scale: ColorBrewer's RdBu, readable by red-green colour-blind
/// viewers (negative, zero, positive).
const DIVERGING: [Shades; 3] = [
    (0x2166ac, 0x4393c3),
    (0xf7f7f7, 0x282a30),
    (0xb2182b, 0xd6604d),
];

/// The light (`dark == false`) or the dark shade of `shades`.
const fn shade(shades: Shades, dark: bool) -> RGBColor {
    let hex = if dark { shades.1 } else { shades.0 };
    RGBColor((hex >> 16) as u8, (hex >> 8) as u8, hex as u8)
}

/// Four colours of a list, in one theme's shade.
const fn shade4(list: [Shades; 4], dark: bool) -> [RGBColor; 4] {
    [
        shade(list[0], dark),
        shade(list[1], dark),
        shade(list[2], dark),
        shade(list[3], dark),
    ]
}

impl Theme {
    /// Dark text on white: the page's default look.
    pub const LIGHT: Theme = Theme::in_shade(false);

    /// Light text on a near-black page.
    pub const DARK: Theme = Theme::in_shade(true);

    const fn in_shade(dark: bool) -> Theme {
        let series = shade4(SERIES, dark);
        Theme {
            background: shade(BACKGROUND, dark),
            train: series[0],
            val: series[1],
            best: series[2],
            baseline: shade(BASELINE, dark),
            text: shade(TEXT, dark),
            muted_text: shade(MUTED_TEXT, dark),
            axis: shade(AXIS, dark),
            grid: shade(GRID, dark),
            series,
            layers: shade4(LAYERS, dark),
            negative: shade(DIVERGING[0], dark),
            zero: shade(DIVERGING[1], dark),
            positive: shade(DIVERGING[2], dark),
        }
    }

    /// The theme a page names (`light` or `dark`, as its CSS sets `--chart-theme`); any
    /// other name is `None`, so the caller picks its default.
    pub fn named(name: &str) -> Option<&'static Theme> {
        match name.trim() {
            "light" => Some(&Theme::LIGHT),
            "dark" => Some(&Theme::DARK),
            _ => None,
        }
    }

    /// Series colours as CSS hex strings (`#1f77b4`...), for swatches drawn by the page.
    pub fn series_css(&self) -> Vec<String> {
        self.series
            .iter()
            .map(|c| format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2))
            .collect()
    }

    /// The colour of series `index` (colours repeat after four).
    pub fn series_colour(&self, index: usize) -> RGBColor {
        self.series[index % self.series.len()]
    }

    /// The colour of network layer `layer` (0 for the bottom one; repeats after four).
    pub fn layer_colour(&self, layer: usize) -> RGBColor {
        self.layers[layer % self.layers.len()]
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::LIGHT
    }
}

#[cfg(test)]
mod tests {
    use super::Theme;

    #[test]
    fn themes_are_found_by_the_names_the_css_uses() {
        assert_eq!(Theme::named(" dark"), Some(&Theme::DARK));
        assert_eq!(Theme::named("light"), Some(&Theme::LIGHT));
        assert_eq!(Theme::named(""), None);
        assert_eq!(Theme::named("sepia"), None);
    }

    #[test]
    fn series_css_is_hex_of_the_theme() {
        assert_eq!(Theme::LIGHT.series_css()[0], "#1f77b4");
        assert_eq!(Theme::DARK.series_css().len(), 4);
    }
}

/// The light theme's colours under their old names, for tests that look for them in pixels.
pub mod palette {
    use super::Theme;
    use plotters::style::RGBColor;

    pub const BACKGROUND: RGBColor = Theme::LIGHT.background;
    pub const TRAIN: RGBColor = Theme::LIGHT.train;
    pub const VAL: RGBColor = Theme::LIGHT.val;
    pub const BEST: RGBColor = Theme::LIGHT.best;
    pub const BASELINE: RGBColor = Theme::LIGHT.baseline;
    pub const TEXT: RGBColor = Theme::LIGHT.text;
    pub const MUTED_TEXT: RGBColor = Theme::LIGHT.muted_text;
    pub const AXIS: RGBColor = Theme::LIGHT.axis;
    pub const GRID: RGBColor = Theme::LIGHT.grid;
    pub use super::GAP_OPACITY;
}
