// The "inside the network" views under an embedded figure (the `views` attribute, the same
// names as the playground's `views=` URL key). views.js draws them in the figure's shadow
// root; it is imported only when a figure asks for a view, so a figure without views never
// loads their code.

/**
 * `container`: where the views go. `send(message)` posts to the figure's worker (or does
 * nothing while there is none). `onError(error)` hears a view that failed to load or draw.
 */
export function createEmbedViews(container, { send, onError }) {
  let ui = null;
  let loading = null;
  let names = [];
  let runInfo = null; // the current run, for views mounted after it started

  const mount = () => {
    loading ??= import("../views.js").then(({ mountViews }) => {
      ui = mountViews(container, { views: names, send, chooser: false, onError });
      if (runInfo) ui.onStarted(runInfo);
    });
    loading.catch(onError);
  };

  return {
    /** Show these views (the loss chart is the figure itself, never listed here). */
    setViews(list) {
      names = list.filter((name) => name !== "loss");
      container.hidden = names.length === 0;
      if (ui) ui.setViews(names);
      else if (names.length > 0) mount();
    },
    /** A new run (or a new worker): the views forget the old data and ask for the new. */
    onStarted(info) {
      runInfo = info;
      ui?.onStarted(info);
    },
    onViewData(message) {
      ui?.onViewData(message);
    },
  };
}
