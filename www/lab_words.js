// The lab charts' words in every language: a run's `words` from the worker (its task,
// loss and baseline labels by language code) with the mode's own title in each language,
// so the chart picks its language's when it draws (src/web/chart_labels.rs).

import { languages, LANGUAGE_EVENT, speaker } from "./i18n.js";

/**
 * `words` (`{lang: {task, ...}}`, every catalog's language when absent) with `title` set
 * to `titleOf(speaker, taskName)` in each language.
 */
export function titledWords(glue, words, titleOf, task) {
  const langs = words ? Object.keys(words) : languages().map((l) => l.lang);
  return Object.fromEntries(
    langs.map((lang) => {
      const said = speaker(glue, lang);
      const name = words?.[lang]?.task ?? said.t(`task.${task}`);
      return [lang, { ...words?.[lang], title: titleOf(said, name) }];
    }),
  );
}

/** Calls `fn` after each change of the page's language; returns the way to stop. */
export function onLanguageChange(fn) {
  window.addEventListener(LANGUAGE_EVENT, fn);
  return () => window.removeEventListener(LANGUAGE_EVENT, fn);
}
