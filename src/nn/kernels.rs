//! Matrix helpers shared by the cells, the head and the layer driver.
//!
//! Every buffer is a flat, row-major `Vec<f32>` that only ever grows: a forward pass asks
//! for `rows * cols` floats and gets a prefix, so after the first call with a given batch
//! shape nothing is allocated again. Matrix products go through ndarray's
//! `general_mat_mul` (matrixmultiply's packed kernels: AVX/FMA natively, simd128 in wasm).

use ndarray::linalg::general_mat_mul;
use ndarray::{ArrayView2, ArrayViewMut2};

/// The first `len` floats of `buf`, growing it (zero-filled) when it is too short.
pub fn grown(buf: &mut Vec<f32>, len: usize) -> &mut [f32] {
    if buf.len() < len {
        buf.resize(len, 0.0);
    }
    &mut buf[..len]
}

/// `rows x cols` row-major view of the first `rows * cols` floats.
pub fn mat(buf: &[f32], rows: usize, cols: usize) -> ArrayView2<'_, f32> {
    ArrayView2::from_shape((rows, cols), &buf[..rows * cols]).expect("buffer holds the matrix")
}

/// Mutable `rows x cols` row-major view of the first `rows * cols` floats.
pub fn mat_mut(buf: &mut [f32], rows: usize, cols: usize) -> ArrayViewMut2<'_, f32> {
    ArrayViewMut2::from_shape((rows, cols), &mut buf[..rows * cols])
        .expect("buffer holds the matrix")
}

/// `c = a · b + beta * c` for any strides (pass `x.t()` for a transpose).
/// Shapes: `a [m, k]`, `b [k, n]`, `c [m, n]`.
pub fn gemm(
    a: ArrayView2<'_, f32>,
    b: ArrayView2<'_, f32>,
    beta: f32,
    mut c: ArrayViewMut2<'_, f32>,
) {
    general_mat_mul(1.0, &a, &b, beta, &mut c);
}

/// Column sums of a `[rows, cols]` matrix, written (not added) to `out [cols]`.
/// Used for bias gradients: the bias is shared by every row (every step and sequence).
pub fn column_sums(m: &[f32], rows: usize, cols: usize, out: &mut [f32]) {
    out[..cols].fill(0.0);
    for row in m[..rows * cols].chunks_exact(cols) {
        for (o, &x) in out[..cols].iter_mut().zip(row) {
            *o += x;
        }
    }
}

/// Fill every `cols`-long row of `m [rows, cols]` with `row`.
pub fn fill_rows(m: &mut [f32], rows: usize, row: &[f32]) {
    let cols = row.len();
    for dst in m[..rows * cols].chunks_exact_mut(cols) {
        dst.copy_from_slice(row);
    }
}

/// `dst [cols, rows] = src [rows, cols]ᵀ`.
pub fn transpose_into(src: &[f32], rows: usize, cols: usize, dst: &mut [f32]) {
    for r in 0..rows {
        for c in 0..cols {
            dst[c * rows + r] = src[r * cols + c];
        }
    }
}
