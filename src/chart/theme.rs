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

impl Theme {
    /// Dark text on white: the page's default look.
    pub const LIGHT: Theme = Theme {
        background: RGBColor(255, 255, 255),
        train: RGBColor(31, 119, 180),
        val: RGBColor(230, 115, 0),
        best: RGBColor(0, 150, 110),
        baseline: RGBColor(100, 100, 100),
        text: RGBColor(40, 40, 40),
        muted_text: RGBColor(120, 120, 120),
        axis: RGBColor(150, 150, 150),
        grid: RGBColor(0, 0, 0),
        series: [
            RGBColor(31, 119, 180),
            RGBColor(230, 115, 0),
            RGBColor(0, 150, 110),
            RGBColor(140, 70, 160),
        ],
        layers: [
            RGBColor(94, 60, 153),
            RGBColor(0, 140, 130),
            RGBColor(200, 50, 40),
            RGBColor(150, 120, 0),
        ],
        // ColorBrewer's RdBu, readable by red-green colour-blind viewers.
        negative: RGBColor(33, 102, 172),
        zero: RGBColor(247, 247, 247),
        positive: RGBColor(178, 24, 43),
    };

    /// Light text on a near-black page; the curve colours are lifted to keep their contrast.
    pub const DARK: Theme = Theme {
        background: RGBColor(24, 26, 31),
        train: RGBColor(86, 160, 222),
        val: RGBColor(255, 150, 50),
        best: RGBColor(40, 195, 145),
        baseline: RGBColor(165, 165, 165),
        text: RGBColor(225, 225, 225),
        muted_text: RGBColor(150, 150, 150),
        axis: RGBColor(110, 110, 110),
        grid: RGBColor(255, 255, 255),
        series: [
            RGBColor(86, 160, 222),
            RGBColor(255, 150, 50),
            RGBColor(40, 195, 145),
            RGBColor(190, 130, 220),
        ],
        layers: [
            RGBColor(160, 130, 220),
            RGBColor(40, 195, 180),
            RGBColor(240, 100, 90),
            RGBColor(215, 185, 40),
        ],
        negative: RGBColor(67, 147, 195),
        zero: RGBColor(40, 42, 48),
        positive: RGBColor(214, 96, 77),
    };

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
