//! The diverging colour scale of the activation heatmap: negative values in the theme's
//! negative colour, zero in its middle colour, positive in its positive colour.

use super::Theme;
use plotters::style::RGBColor;

/// Levels per side of zero: colours are quantised so neighbouring cells of equal colour can
/// be drawn as one rectangle, far finer than an eye tells apart.
pub(crate) const COLOR_LEVELS: i32 = 48;

/// The quantised level of `value` on a scale from `-limit` to `limit`: `-COLOR_LEVELS` to
/// `COLOR_LEVELS`; non-finite values count as 0.
pub(crate) fn color_level(value: f32, limit: f32) -> i32 {
    if !value.is_finite() || limit.is_nan() || limit <= 0.0 {
        return 0;
    }
    ((value / limit).clamp(-1.0, 1.0) * COLOR_LEVELS as f32).round() as i32
}

/// The colour of a level from [`color_level`].
pub(crate) fn level_color(level: i32, theme: &Theme) -> RGBColor {
    let t = (level.abs() as f32 / COLOR_LEVELS as f32).min(1.0);
    let (zero, end) = (
        theme.zero,
        if level < 0 {
            theme.negative
        } else {
            theme.positive
        },
    );
    let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * t).round() as u8;
    RGBColor(mix(zero.0, end.0), mix(zero.1, end.1), mix(zero.2, end.2))
}

/// The diverging colour of `value` on a scale from `-limit` to `limit`.
pub fn diverging_color(value: f32, limit: f32, theme: &Theme) -> RGBColor {
    level_color(color_level(value, limit), theme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diverging_scale_is_white_at_zero_and_saturates_at_the_limit() {
        let light = &Theme::LIGHT;
        assert_eq!(diverging_color(0.0, 1.0, light), RGBColor(247, 247, 247));
        assert_eq!(diverging_color(-1.0, 1.0, light), RGBColor(33, 102, 172));
        assert_eq!(diverging_color(5.0, 1.0, light), RGBColor(178, 24, 43));
        assert_eq!(
            diverging_color(f32::NAN, 1.0, light),
            RGBColor(247, 247, 247)
        );
        assert_eq!(color_level(0.5, 1.0), COLOR_LEVELS / 2);
    }
}
