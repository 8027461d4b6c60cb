// The article's own script (kept out of article.html so a strict CSP needs no inline
// script): the page's theme (`?theme=dark`, else the reader's preference), and the parent
// side of the iframe snippet the article shows, for its iframe figure.
import { addressTheme, applyTheme } from "./theme.js";

applyTheme(document.documentElement, addressTheme().setting);

const frame = document.getElementById("article-frame");
window.addEventListener("message", (event) => {
  if (!frame || event.source !== frame.contentWindow) return;
  if (event.origin !== new URL(frame.src, location.href).origin) return;
  const { type, height } = event.data ?? {};
  if (type === "rnn-playground:height" && Number.isFinite(height)) frame.style.height = `${height}px`;
});
