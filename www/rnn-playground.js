// Embed a live rnn-playground figure in any page:
//
//   <script type="module" src="https://example.org/rnn/rnn-playground.js"></script>
//   <rnn-playground task="forecast" hidden="64" controls="hidden,layers" autoplay></rnn-playground>
//
// Every other file (the figure's modules, its stylesheet, the worker, the wasm) is found
// next to this script, so the folder works from any host and sub-path. README.md,
// section "Embedding", lists the attributes.

import { RnnPlaygroundElement } from "./embed/element.js";

if (!customElements.get("rnn-playground")) customElements.define("rnn-playground", RnnPlaygroundElement);

export { RnnPlaygroundElement };
