//! A chart with small print under it (the run's settings on a downloaded PNG): the chart is
//! drawn by its usual code in the area above, the print in a strip below, wrapped at its
//! separators onto at most [`MAX_LINES`] lines.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::measure::text_size;
use super::text::{checked_sizes, fit_text, text_style};
use super::{draw_chart, ChartError, LossChart};

/// Where the subtitle may break: between settings written `a=1 · b=2`.
pub const SUBTITLE_SEPARATOR: &str = " · ";
/// Lines of subtitle at most; the last is shortened with an ellipsis if the rest is longer.
const MAX_LINES: usize = 3;

/// The loss chart with `subtitle` under it.
pub fn draw_loss_chart_with_subtitle<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &LossChart,
    subtitle: &str,
) -> Result<(), ChartError> {
    let sizes = checked_sizes(area, chart.scale, chart.style.theme)?;
    let style = text_style(
        sizes.tick_font,
        FontStyle::Normal,
        &chart.style.theme.muted_text,
        HPos::Left,
        VPos::Center,
    );
    let (width, height) = area.dim_in_pixel();
    let room = width as i32 - 2 * sizes.margin;
    let lines = wrap(area, subtitle.trim(), &style, room)?;
    let line_height = (sizes.tick_font * 1.5).round() as i32;
    let strip_height = line_height * lines.len() as i32 + sizes.margin / 2;
    let (chart_area, strip) = area.split_vertically(height.saturating_sub(strip_height as u32));
    draw_chart(&chart_area, chart)?;
    strip.fill(&chart.style.theme.background)?;
    for (row, line) in lines.iter().enumerate() {
        let y = line_height * row as i32 + line_height / 2;
        strip.draw_text(line, &style, (sizes.margin, y))?;
    }
    Ok(())
}

/// `text` in lines no wider than `room`, broken after separators.
fn wrap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    room: i32,
) -> Result<Vec<String>, ChartError> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for piece in text.split(SUBTITLE_SEPARATOR) {
        let candidate = if current.is_empty() {
            piece.to_string()
        } else {
            format!("{current}{SUBTITLE_SEPARATOR}{piece}")
        };
        if current.is_empty() || text_size(area, &candidate, style)?.0 <= room {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, piece.to_string()));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > MAX_LINES {
        let rest = lines.split_off(MAX_LINES - 1).join(SUBTITLE_SEPARATOR);
        lines.push(rest);
    }
    lines
        .into_iter()
        .map(|line| fit_text(area, &line, style, room))
        .collect()
}
