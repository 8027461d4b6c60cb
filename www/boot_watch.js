// The page's first modules (main.js and what it imports) can fail before any of the page's
// code runs: a file missing on the host, or cut short in transit. Then nothing would ever
// replace "Loading…". This classic script (it runs even when modules do not; a file, so a
// strict CSP allows it) notices such a failure and says what happened, with a Reload.
(function () {
  "use strict";

  function stillLoading() {
    var pill = document.querySelector("[data-status]");
    return !pill || pill.dataset.state === "loading";
  }

  function explain(what) {
    var alert = document.getElementById("alert");
    if (!alert || !stillLoading()) return;
    alert.dataset.kind = "error";
    alert.querySelector("[data-alert-title]").textContent = "This page could not load";
    alert.querySelector("[data-alert-message]").textContent =
      what + ". A file of the page is missing or damaged on the host; reloading may help.";
    var reload = document.createElement("button");
    reload.type = "button";
    reload.textContent = "Reload";
    reload.addEventListener("click", function () {
      location.reload();
    });
    alert.querySelector("[data-alert-actions]").replaceChildren(reload);
    alert.hidden = false;
    var pill = document.querySelector("[data-status]");
    if (pill) {
      pill.textContent = "Error";
      pill.dataset.state = "error";
    }
  }

  // main.js reports a mode whose modules did not load through the same message.
  window.rnnPlaygroundLoadFailed = explain;

  // A module script whose file (or a file it imports) did not arrive fires "error" on its
  // element; the event does not bubble, so listen in the capture phase.
  document.addEventListener(
    "error",
    function (event) {
      var target = event.target;
      if (target && target.tagName === "SCRIPT") explain((target.src || "A script") + " did not load");
    },
    true,
  );
  // A module cut short fails to parse: a SyntaxError from one of this site's files.
  window.addEventListener("error", function (event) {
    var fromHere = typeof event.filename === "string" && event.filename.indexOf(location.origin) === 0;
    if (fromHere && /SyntaxError/.test(String(event.message))) explain(event.filename + " is damaged (" + event.message + ")");
  });
})();
