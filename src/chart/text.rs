//! Fonts, text styles and fitted text, plus the size check every chart starts with: one
//! copy for every chart, so they all look alike and refuse the same sizes.

use super::measure::text_size;
use super::sizes::{Sizes, MAX_AREA_PX, MIN_AREA_PX};
use super::{ChartError, Theme};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The canvas font stack: the system UI face first, then faces that cover Hangul on each
/// platform, so a Korean catalog needs no other change.
pub const FONT_STACK: &str = "system-ui, -apple-system, 'Segoe UI', 'Noto Sans KR', \
     'Noto Sans CJK KR', 'Apple SD Gothic Neo', 'Malgun Gothic', 'NanumGothic', sans-serif";

/// Checks the drawing area, registers the native font, and derives the sizes (fonts, lines,
/// margins) of everything drawn on it at `scale` device pixels per CSS pixel.
pub(crate) fn checked_sizes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scale: f32,
    theme: &Theme,
) -> Result<Sizes, ChartError> {
    #[cfg(not(target_arch = "wasm32"))]
    super::native::ensure_font_registered()?;
    let (width, height) = area.dim_in_pixel();
    let valid = MIN_AREA_PX..=MAX_AREA_PX;
    if !valid.contains(&width) || !valid.contains(&height) {
        return Err(ChartError::InvalidSize { width, height });
    }
    Ok(Sizes::new(width, height, scale, *theme))
}

/// The browser resolves the whole stack; natively the one registered face is "sans-serif".
pub(crate) fn font(size: f64, style: FontStyle) -> FontDesc<'static> {
    #[cfg(target_arch = "wasm32")]
    let family = FontFamily::Name(FONT_STACK);
    #[cfg(not(target_arch = "wasm32"))]
    let family = FontFamily::SansSerif;
    FontDesc::new(family, size, style)
}

pub(crate) fn text_style(
    size: f64,
    style: FontStyle,
    colour: &RGBColor,
    h: HPos,
    v: VPos,
) -> TextStyle<'static> {
    font(size, style).color(colour).pos(Pos::new(h, v))
}

/// Regular (not bold) text of `size` px in `colour`, anchored at its `h` / `v` point.
pub(crate) fn plain_text(size: f64, colour: &RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    text_style(size, FontStyle::Normal, colour, h, v)
}

/// The chart's title, bold, starting at its point and centred on it vertically.
pub(crate) fn title_style(sizes: &Sizes) -> TextStyle<'static> {
    let text = &sizes.theme.text;
    text_style(
        sizes.title_font,
        FontStyle::Bold,
        text,
        HPos::Left,
        VPos::Center,
    )
}

/// A legend entry's label, drawn after its swatch.
pub(crate) fn legend_style(sizes: &Sizes) -> TextStyle<'static> {
    let text = &sizes.theme.text;
    text_style(
        sizes.legend_font,
        FontStyle::Normal,
        text,
        HPos::Left,
        VPos::Center,
    )
}

/// Tick labels; measured to size the label areas around a plot.
pub(crate) fn tick_style(sizes: &Sizes) -> TextStyle<'static> {
    let text = &sizes.theme.text;
    text_style(
        sizes.tick_font,
        FontStyle::Normal,
        text,
        HPos::Left,
        VPos::Center,
    )
}

/// An axis description ("epoch", "loss (log scale)").
pub(crate) fn axis_desc_style(sizes: &Sizes) -> TextStyle<'static> {
    let text = &sizes.theme.text;
    text_style(
        sizes.label_font,
        FontStyle::Normal,
        text,
        HPos::Center,
        VPos::Center,
    )
}

/// Notes in place of data ("waiting for …", "no values"): muted and centred on a point.
pub(crate) fn note_style(sizes: &Sizes) -> TextStyle<'static> {
    let muted = &sizes.theme.muted_text;
    text_style(
        sizes.note_font,
        FontStyle::Normal,
        muted,
        HPos::Center,
        VPos::Center,
    )
}

/// `text` shortened with an ellipsis until it fits in `max_width` pixels.
pub(crate) fn fit_text<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max_width: i32,
) -> Result<String, ChartError> {
    if text_size(area, text, style)?.0 <= max_width {
        return Ok(text.to_string());
    }
    let mut chars: Vec<char> = text.chars().collect();
    while !chars.is_empty() {
        chars.pop();
        let candidate = chars.iter().collect::<String>().trim_end().to_string() + "…";
        if text_size(area, &candidate, style)?.0 <= max_width {
            return Ok(candidate);
        }
    }
    Ok(String::new())
}
