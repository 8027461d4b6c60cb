//! What can go wrong while drawing the chart.

use std::fmt;

/// Why a chart could not be drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum ChartError {
    /// The drawing area is too small to hold axes and labels, or too large to allocate.
    InvalidSize { width: u32, height: u32 },
    /// No usable TrueType font was found for native rendering.
    FontNotFound { tried: Vec<String> },
    /// A font file was found but could not be read or parsed.
    FontUnreadable { path: String, reason: String },
    /// The backend failed (canvas call, bitmap encoding, file write).
    Backend(String),
}

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChartError::InvalidSize { width, height } => write!(
                f,
                "the chart area is {width}x{height} pixels; each side must be between {min} and {max}",
                min = crate::chart::sizes::MIN_AREA_PX,
                max = crate::chart::sizes::MAX_AREA_PX
            ),
            ChartError::FontNotFound { tried } => write!(
                f,
                "no TrueType font found for drawing chart text (looked at: {}). Install \
                 DejaVu Sans (Debian/Ubuntu: `apt install fonts-dejavu-core`, Fedora: \
                 `dnf install dejavu-sans-fonts`) or set RNN_PLAYGROUND_FONT to a .ttf file",
                tried.join(", ")
            ),
            ChartError::FontUnreadable { path, reason } => {
                write!(f, "the font file {path} could not be used: {reason}")
            }
            ChartError::Backend(message) => write!(f, "drawing the chart failed: {message}"),
        }
    }
}

impl std::error::Error for ChartError {}

impl<E: std::error::Error + Send + Sync> From<plotters::drawing::DrawingAreaErrorKind<E>>
    for ChartError
{
    fn from(error: plotters::drawing::DrawingAreaErrorKind<E>) -> Self {
        ChartError::Backend(error.to_string())
    }
}
