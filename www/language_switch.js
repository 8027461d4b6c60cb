// The page's language switch: one button per catalog, each in its own language, in the
// header. Choosing one rewrites the page in place (switchPageLanguage): the run goes on.

import { languages, switchPageLanguage, wordsFor } from "./i18n.js";

/** Mounts the switch into `host` (the header). */
export function mountLanguageSwitch(host) {
  const nav = document.createElement("nav");
  nav.className = "language-switch";
  nav.dataset.i18nAttr = "aria-label:page.language_switch";
  nav.setAttribute("aria-label", wordsFor(host).t("page.language_switch"));
  const buttons = [];
  for (const { lang, name } of languages()) {
    const button = document.createElement("button");
    button.type = "button";
    button.lang = lang; // each name is spoken in its own language
    button.textContent = name;
    button.dataset.lang = lang;
    button.addEventListener("click", () => {
      switchPageLanguage(lang);
      mark();
    });
    buttons.push(button);
  }
  const mark = () => {
    for (const button of buttons) button.setAttribute("aria-pressed", String(button.dataset.lang === document.documentElement.lang));
  };
  mark();
  nav.append(...buttons);
  host.append(nav);
  return nav;
}
