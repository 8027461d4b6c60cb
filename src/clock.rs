//! Milliseconds from a monotonic clock, natively and in a browser worker.
//! (`std::time::Instant` panics on wasm32-unknown-unknown.)

#[cfg(not(target_arch = "wasm32"))]
pub fn now_ms() -> f64 {
    use std::sync::OnceLock;
    use std::time::Instant;
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

#[cfg(target_arch = "wasm32")]
pub fn now_ms() -> f64 {
    // `performance` exists on both Window and WorkerGlobalScope; look it up on the global.
    let global = js_sys::global();
    js_sys::Reflect::get(&global, &wasm_bindgen::JsValue::from_str("performance"))
        .ok()
        .and_then(|p| {
            use wasm_bindgen::JsCast;
            p.dyn_into::<web_sys::Performance>().ok()
        })
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}
