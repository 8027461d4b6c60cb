//! One entry point for every chart: [`draw_chart`] checks and clears the area and measures
//! fonts, lines and margins by the chart's scale and theme; the chart itself
//! ([`Chart::draw_in`]) draws only what is its own, in the frame of `frame.rs`.

use super::frame::begin;
use super::sizes::Sizes;
use super::{ChartError, ChartStyle};
use plotters::coord::Shift;
use plotters::prelude::*;

/// Where a chart draws: the cleared area and the sizes measured for it.
pub struct Canvas<'a, DB: DrawingBackend> {
    pub(crate) area: &'a DrawingArea<DB, Shift>,
    pub(crate) sizes: Sizes,
}

/// How a chart asks to be dressed: its scale (device pixels per CSS pixel) and its
/// [`ChartStyle`]. Every chart type holds both as fields `scale` and `style`.
pub trait ChartLook {
    fn look(&self) -> (f32, ChartStyle<'_>);
}

macro_rules! chart_look {
    ($($chart:ident $(<$panel:ident>)?),*) => {$(
        impl$(<$panel>)? ChartLook for super::$chart<'_ $(, $panel)?> {
            fn look(&self) -> (f32, ChartStyle<'_>) {
                (self.scale, self.style)
            }
        }
    )*};
}
chart_look!(
    LossChart,
    CompareChart,
    CapacityChart,
    SaturationChart,
    HeatmapChart,
    PanelChart<P>
);

/// A chart of the playground, drawn with [`draw_chart`] on any plotters backend.
pub trait Chart: ChartLook {
    /// What drawing tells the caller: nothing, or where the heatmap's grid went.
    type Drawn;
    /// Draws the chart on `on`, already cleared to the theme's background.
    fn draw_in<DB: DrawingBackend>(&self, on: &Canvas<DB>) -> Result<Self::Drawn, ChartError>;
}

/// Draws `chart` filling `area` (cleared first).
pub fn draw_chart<DB: DrawingBackend, C: Chart>(
    area: &DrawingArea<DB, Shift>,
    chart: &C,
) -> Result<C::Drawn, ChartError> {
    draw_chart_at(area, chart, chart.look().0)
}

/// [`draw_chart`] at `scale` device pixels per CSS pixel instead of the chart's own (a PNG
/// drawn large and averaged down).
pub fn draw_chart_at<DB: DrawingBackend, C: Chart>(
    area: &DrawingArea<DB, Shift>,
    chart: &C,
    scale: f32,
) -> Result<C::Drawn, ChartError> {
    let sizes = begin(area, scale, chart.look().1.theme)?;
    chart.draw_in(&Canvas { area, sizes })
}
