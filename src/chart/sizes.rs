//! How everything on one chart is drawn: fonts, line widths and margins in device pixels
//! that follow the canvas, and the theme's colours.
//!
//! Sizes are chosen in CSS pixels from the canvas' CSS size (device size / scale) and then
//! multiplied by the scale, so a chart on a HiDPI screen has the same proportions as on a
//! normal one, only sharper.

use super::Theme;

/// Smaller areas cannot hold the axes and are refused with an error.
pub(crate) const MIN_AREA_PX: u32 = 32;
/// Larger areas are refused too: a runaway size must not allocate gigabytes.
pub(crate) const MAX_AREA_PX: u32 = 16_384;
/// No chart text is smaller than this many CSS pixels, so it stays readable (Hangul too).
pub const MIN_FONT_CSS_PX: f64 = 11.0;

#[derive(Clone, Copy, Debug)]
pub(crate) struct Sizes {
    /// Device pixels per CSS pixel.
    pub scale: f64,
    pub title_font: f64,
    pub label_font: f64,
    pub tick_font: f64,
    pub legend_font: f64,
    pub note_font: f64,
    /// Empty space around the whole chart.
    pub margin: i32,
    pub train_width: u32,
    pub val_width: u32,
    pub baseline_width: u32,
    pub best_radius: i32,
    pub tick_length: i32,
    pub theme: Theme,
}

impl Sizes {
    pub(crate) fn new(width: u32, height: u32, scale: f32, theme: Theme) -> Sizes {
        // A broken devicePixelRatio (0, NaN, negative) must not shrink the chart to nothing.
        let scale = if scale.is_finite() && scale > 0.0 {
            f64::from(scale).clamp(0.25, 8.0)
        } else {
            1.0
        };
        let (css_width, css_height) = (f64::from(width) / scale, f64::from(height) / scale);
        // 14.5 px at 640x400 CSS pixels, never below 10 nor above 18.
        let base = (css_width.min(css_height * 1.6) / 44.0).clamp(10.0, 18.0);
        let px = |css: f64| css * scale;
        let font = |css: f64| css.max(MIN_FONT_CSS_PX) * scale;
        let line = |css: f64| (css * scale).round().max(1.0) as u32;
        Sizes {
            scale,
            title_font: font(base * 1.25),
            label_font: font(base),
            tick_font: font(base * 0.9),
            legend_font: font(base * 0.95),
            note_font: font(base * 1.05),
            margin: px(base * 0.8).round() as i32,
            train_width: line(1.5),
            val_width: line(2.5),
            baseline_width: line(1.5),
            best_radius: px(base * 0.42).round().max(3.0) as i32,
            tick_length: px(4.0).round() as i32,
            theme,
        }
    }

    /// A length given in CSS pixels, in device pixels.
    pub(crate) fn px(&self, css: f64) -> i32 {
        (css * self.scale).round() as i32
    }
}

/// Place boxes of the given widths left to right in rows no wider than `max_width`,
/// separated by `gap`. Returns each box's (x, row).
pub(crate) fn flow(widths: &[i32], max_width: i32, gap: i32) -> Vec<(i32, usize)> {
    let mut placed = Vec::with_capacity(widths.len());
    let (mut x, mut row) = (0, 0);
    for &w in widths {
        if x > 0 && x + w > max_width {
            row += 1;
            x = 0;
        }
        placed.push((x, row));
        x += w + gap;
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_scale_with_device_pixel_ratio() {
        let normal = Sizes::new(640, 400, 1.0, Theme::LIGHT);
        let retina = Sizes::new(1280, 800, 2.0, Theme::LIGHT);
        assert!((retina.label_font - 2.0 * normal.label_font).abs() < 1e-9);
        assert_eq!((normal.val_width, retina.val_width), (3, 5));
    }

    #[test]
    fn fonts_grow_with_the_canvas_within_limits() {
        let small = Sizes::new(320, 200, 1.0, Theme::LIGHT);
        let large = Sizes::new(1200, 750, 1.0, Theme::LIGHT);
        assert!(small.label_font < large.label_font);
        assert!(small.label_font >= 10.0 && large.label_font <= 18.0);
    }

    #[test]
    fn no_text_is_smaller_than_the_minimum() {
        let tiny = Sizes::new(200, 120, 1.0, Theme::LIGHT);
        for font in [
            tiny.title_font,
            tiny.label_font,
            tiny.tick_font,
            tiny.legend_font,
        ] {
            assert!(font >= MIN_FONT_CSS_PX, "{font}");
        }
    }

    #[test]
    fn flow_wraps_when_a_box_does_not_fit() {
        assert_eq!(flow(&[40, 40, 40], 100, 10), vec![(0, 0), (50, 0), (0, 1)]);
    }
}
