//! Native rendering: a system font for plotters' ab_glyph text, and PNG output.
//!
//! plotters is built natively without fontconfig, so text needs a font registered from
//! bytes. We read one TrueType file from the usual system locations at first use rather
//! than shipping font files in the repository.

use super::{draw_chart_at, Chart, ChartError};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{register_font, FontStyle};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Environment variable naming a .ttf file to use instead of the system search.
pub const FONT_ENV_VAR: &str = "RNN_PLAYGROUND_FONT";

/// Regular sans-serif faces, most common first: Debian/Ubuntu, Arch, Fedora, macOS, Windows.
const REGULAR_CANDIDATES: &[&str] = &[
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSans.ttf",
    "/System/Library/Fonts/Supplemental/Arial.ttf",
    "/Library/Fonts/Arial.ttf",
    "C:\\Windows\\Fonts\\arial.ttf",
];

/// The bold face is looked for next to the regular one; without it titles use the regular.
const BOLD_SIBLINGS: &[(&str, &str)] = &[
    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
    ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
    ("FreeSans.ttf", "FreeSansBold.ttf"),
    ("Arial.ttf", "Arial Bold.ttf"),
    ("arial.ttf", "arialbd.ttf"),
];

/// Register a system font as plotters' "sans-serif" once per process. Called by every
/// chart natively; safe to call from several threads.
pub fn ensure_font_registered() -> Result<(), ChartError> {
    static REGISTERED: OnceLock<Result<(), ChartError>> = OnceLock::new();
    REGISTERED.get_or_init(register_system_font).clone()
}

fn register_system_font() -> Result<(), ChartError> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(path) = std::env::var_os(FONT_ENV_VAR) {
        candidates.push(PathBuf::from(path));
    }
    candidates.extend(REGULAR_CANDIDATES.iter().map(PathBuf::from));

    let Some(regular) = candidates.iter().find(|p| p.is_file()) else {
        return Err(ChartError::FontNotFound {
            tried: candidates.iter().map(|p| p.display().to_string()).collect(),
        });
    };
    register(regular, FontStyle::Normal)?;
    if let Some(bold) = bold_sibling(regular) {
        // A missing or broken bold face only costs the title its weight.
        let _ = register(&bold, FontStyle::Bold);
    }
    Ok(())
}

fn bold_sibling(regular: &Path) -> Option<PathBuf> {
    let name = regular.file_name()?.to_str()?;
    BOLD_SIBLINGS
        .iter()
        .find(|(r, _)| *r == name)
        .map(|(_, bold)| regular.with_file_name(bold))
        .filter(|p| p.is_file())
}

fn register(path: &Path, style: FontStyle) -> Result<(), ChartError> {
    let unreadable = |reason: String| ChartError::FontUnreadable {
        path: path.display().to_string(),
        reason,
    };
    let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
    // plotters keeps fonts for the life of the process and needs 'static bytes; this runs
    // at most once per face.
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    register_font("sans-serif", style, bytes)
        .map_err(|_| unreadable("not a TrueType/OpenType font".to_string()))
}

/// Draw `chart` into a `width` x `height` PNG at `path`.
///
/// The bitmap backend draws without anti-aliasing and places glyphs on whole pixels, so the
/// chart is drawn at twice the size (and twice `chart.scale`) and averaged down 2x2: smooth
/// curves and evenly spaced text, as the browser canvas shows them.
pub fn write_png(
    path: &Path,
    width: u32,
    height: u32,
    chart: &impl Chart,
) -> Result<(), ChartError> {
    write_png_with(path, width, height, chart.look().0, &|area, scale| {
        draw_chart_at(area, chart, scale).map(|_| ())
    })
}

/// Draw `chart` into memory: `width * height * 3` bytes, RGB, rows top to bottom.
/// For tests and for callers that encode the image themselves.
pub fn render_rgb(width: u32, height: u32, chart: &impl Chart) -> Result<Vec<u8>, ChartError> {
    render_rgb_with(width, height, chart.look().0, &|area, scale| {
        draw_chart_at(area, chart, scale).map(|_| ())
    })
}

/// Draws into a `width` x `height` PNG at `path` like [`write_png`], for the views, whose
/// drawing functions take their data and scale separately: `draw` gets the area and the
/// scale to draw at (device pixels per CSS pixel).
pub fn write_view_png<F>(path: &Path, width: u32, height: u32, draw: F) -> Result<(), ChartError>
where
    F: Fn(&DrawingArea<BitMapBackend<'_>, Shift>, f32) -> Result<(), ChartError>,
{
    write_png_with(path, width, height, 1.0, &draw)
}

/// Samples per output pixel along each axis in [`write_png_with`].
const SUPERSAMPLING: u32 = 2;

/// Draws a chart on `area` at `scale` device pixels per CSS pixel; shared by every chart's
/// native output so they all render and supersample the same way.
type Draw<'a> = &'a dyn Fn(&DrawingArea<BitMapBackend, Shift>, f32) -> Result<(), ChartError>;

/// `draw(area, scale)` into memory: `width * height * 3` bytes of RGB, rows top down.
fn render_rgb_with(width: u32, height: u32, scale: f32, draw: Draw) -> Result<Vec<u8>, ChartError> {
    check_size(width, height)?;
    let mut pixels = vec![0u8; width as usize * height as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
        draw(&root, scale)?;
        root.present()?;
    }
    Ok(pixels)
}

/// `draw(area, scale)` into a PNG, supersampled for smooth lines and text.
fn write_png_with(
    path: &Path,
    width: u32,
    height: u32,
    scale: f32,
    draw: Draw,
) -> Result<(), ChartError> {
    check_size(width, height)?;
    let factor = SUPERSAMPLING
        .min(super::sizes::MAX_AREA_PX / width.max(height))
        .max(1);
    let large = render_rgb_with(
        width * factor,
        height * factor,
        sanitised_scale(scale) * factor as f32,
        draw,
    )?;
    save_rgb_png(
        path,
        width,
        height,
        &downsample(&large, width, height, factor),
    )
}

/// Writes `width * height * 3` bytes of RGB as a PNG at `path`.
fn save_rgb_png(path: &Path, width: u32, height: u32, pixels: &[u8]) -> Result<(), ChartError> {
    let mut backend = BitMapBackend::new(path, (width, height));
    let failed = |e: &dyn std::fmt::Display| ChartError::Backend(e.to_string());
    backend
        .blit_bitmap((0, 0), (width, height), pixels)
        .map_err(|e| failed(&e))?;
    backend.present().map_err(|e| failed(&e))?;
    Ok(())
}

fn sanitised_scale(scale: f32) -> f32 {
    if scale.is_finite() && scale > 0.0 {
        scale
    } else {
        1.0
    }
}

/// Average each `factor` x `factor` block of an RGB image `width * factor` pixels wide.
fn downsample(pixels: &[u8], width: u32, height: u32, factor: u32) -> Vec<u8> {
    let (w, h, f) = (width as usize, height as usize, factor as usize);
    let source_width = w * f;
    let mut out = vec![0u8; w * h * 3];
    for y in 0..h {
        for x in 0..w {
            for channel in 0..3 {
                let mut sum = 0u32;
                for dy in 0..f {
                    let row = (y * f + dy) * source_width;
                    for dx in 0..f {
                        sum += u32::from(pixels[(row + x * f + dx) * 3 + channel]);
                    }
                }
                out[(y * w + x) * 3 + channel] =
                    ((sum + (f * f / 2) as u32) / (f * f) as u32) as u8;
            }
        }
    }
    out
}

fn check_size(width: u32, height: u32) -> Result<(), ChartError> {
    use super::sizes::{MAX_AREA_PX, MIN_AREA_PX};
    let valid = MIN_AREA_PX..=MAX_AREA_PX;
    if valid.contains(&width) && valid.contains(&height) {
        Ok(())
    } else {
        Err(ChartError::InvalidSize { width, height })
    }
}
