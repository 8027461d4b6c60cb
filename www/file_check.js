// Opened as a file (a USB stick, a downloaded folder), the page cannot start: browsers
// refuse ES modules, workers and wasm fetched from file://. Say so at once and say what to
// do, instead of "Loading…" forever. A classic script, because those still run from file://;
// a file, not inline, so a strict CSP allows it.
(function () {
  "use strict";
  if (location.protocol !== "file:") return;

  var TITLE = "This page cannot run when opened as a file.";
  var HOW =
    "Browsers do not load the playground's modules and WebAssembly from file://. " +
    "Open rnn-playground-offline.html instead (one file that works without a server), " +
    "or serve this folder, for example with `python3 -m http.server` in it, and open " +
    "http://localhost:8000/.";

  function explain() {
    var alert = document.getElementById("alert");
    if (alert) {
      // The playground page: its own alert box, and the status pill stops saying Loading.
      alert.querySelector("[data-alert-title]").textContent = TITLE;
      alert.querySelector("[data-alert-message]").textContent = HOW;
      alert.hidden = false;
      var status = document.querySelector("[data-status]");
      if (status) {
        status.textContent = "Cannot start";
        status.dataset.state = "error";
      }
      return;
    }
    // embed.html (or any other page): a box at the top of the body.
    var box = document.createElement("p");
    box.className = "file-notice";
    box.setAttribute("role", "alert");
    box.dataset.fileNotice = "";
    box.textContent = TITLE + " " + HOW;
    (document.getElementById("figure") || document.body).prepend(box);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", explain);
  else explain();
})();
