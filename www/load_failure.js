// Fetching and compiling a wasm module with a failure that names the file and its likely
// cause (404, CORS, CSP), so a blank figure on a blog becomes a message the blogger can act on.

/** The path of `url` as the host would list it, e.g. /assets/pkg/x_bg.wasm. */
function fileOf(url) {
  const u = new URL(url);
  return u.origin === self.location.origin ? u.pathname : u.href;
}

/** Fetch `url`; throws an Error saying which file failed and why it probably did. */
export async function fetchAsset(url) {
  let response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error(
      `${fileOf(url)} could not be fetched: the host blocked it (an asset host on another site must send ` +
        `Access-Control-Allow-Origin), or the page's Content-Security-Policy does not allow it (connect-src)`,
    );
  }
  if (!response.ok) {
    throw new Error(
      `${fileOf(url)} answered HTTP ${response.status}: ` +
        (response.status === 404 ? "the file is missing; upload the whole folder, pkg/ included" : "the host refused it"),
    );
  }
  return response;
}

/** Fetch and compile a wasm module; errors name the file and the likely cause. */
export async function compileAsset(url) {
  const response = await fetchAsset(url);
  try {
    return await WebAssembly.compileStreaming(response.clone());
  } catch (streamingError) {
    // Some static hosts serve .wasm with a wrong MIME type; compiling from bytes still works.
    try {
      return await WebAssembly.compile(await response.arrayBuffer());
    } catch (error) {
      throw new Error(compileFailure(url, error ?? streamingError));
    }
  }
}

function compileFailure(url, error) {
  const text = error instanceof Error ? error.message : String(error);
  if (/unsafe-eval|Content Security Policy|CSP/i.test(text)) {
    return `${fileOf(url)} was not allowed to run: the page's Content-Security-Policy needs 'wasm-unsafe-eval' in script-src`;
  }
  return `${fileOf(url)} is not a usable WebAssembly module (${text}); upload it again, byte for byte`;
}
