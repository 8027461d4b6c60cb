// Embed a live rnn-playground figure in any page:
//
//   <script type="module" src="https://example.org/rnn/rnn-playground.js"></script>
//   <rnn-playground task="forecast" hidden="64" controls="hidden,layers" autoplay></rnn-playground>
//
// Every other file (the figure's modules, its stylesheet, the worker, the wasm) is found
// next to this script, so the folder works from any host and sub-path. README.md,
// section "Embedding", lists the attributes.

// The figure's modules are imported here, not statically: if one of them is missing or cut
// short, each figure still says so (with a Reload) instead of leaving the page as it was.
reserveRoom();
const loaded = await import("./embed/element.js").catch((error) => ({ error }));

export const RnnPlaygroundElement = loaded.RnnPlaygroundElement ?? failedElement(loaded.error);

if (!customElements.get("rnn-playground")) customElements.define("rnn-playground", RnnPlaygroundElement);

/** A figure whose modules did not load: the message (no catalog without them) and a Reload. */
function failedElement(error) {
  const why = error instanceof Error ? error.message : String(error);
  return class extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const box = document.createElement("div");
      box.setAttribute("role", "alert");
      const text = document.createElement("p");
      text.textContent = `This figure could not start: ${why}.`;
      const reload = document.createElement("button");
      reload.type = "button";
      reload.textContent = "Reload";
      reload.addEventListener("click", () => window.location.reload());
      // What the blogger wrote inside the element stays under the message.
      box.append(text, reload, document.createElement("slot"));
      const shadow = this.attachShadow({ mode: "open" });
      // `hidden` is the figure's hidden-units setting, not the HTML attribute that hides it.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(":host { display: block; }");
      shadow.adoptedStyleSheets = [sheet];
      shadow.append(box);
    }
  };
}

/**
 * Until the figure's modules arrive, every figure takes the loading placeholder's box
 * (embed/figure_dom.js), so the page around it does not jump when they do. A constructed
 * sheet, which a strict style-src policy allows.
 */
function reserveRoom() {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync("rnn-playground:not(:defined) { display: block; aspect-ratio: 16 / 10; min-height: 240px; }");
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    // A browser without constructed sheets: the page may move once when figures appear.
  }
}
