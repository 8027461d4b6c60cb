// Plural blanks in catalog messages: `{count, plural, one {# layer} other {# layers}}` (the
// ICU shape, read the same way by src/i18n/plural.rs). The form is chosen by the value of
// `count` with Intl.PluralRules for the language; `#` stands for the value. A language
// lists only the forms it needs (Korean: `other` alone), and `other` is the fallback.

const rules = new Map(); // lang -> Intl.PluralRules

function rule(lang) {
  if (!rules.has(lang)) rules.set(lang, new Intl.PluralRules(lang));
  return rules.get(lang);
}

/** The `}` closing the `{` at `open`, counting nested braces, or -1. */
function matchingClose(text, open) {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

/** The plural blank whose `{` is at `open`: `{name, forms: {one, other}, end}`, or null. */
function pluralBlank(template, open) {
  const head = /^\{\s*([A-Za-z0-9_]+)\s*,\s*plural\s*,/.exec(template.slice(open));
  if (!head) return null;
  const forms = {};
  let at = open + head[0].length;
  for (;;) {
    const form = /^\s*([a-z]*)\s*/.exec(template.slice(at));
    at += form[0].length;
    if (template[at] === "}" && !form[1]) break;
    if (!form[1] || template[at] !== "{") return null;
    const close = matchingClose(template, at);
    if (close < 0) return null;
    forms[form[1]] = template.slice(at + 1, close);
    at = close + 1;
  }
  return Object.keys(forms).length ? { name: head[1], forms, end: at + 1 } : null;
}

/** A blank's value as a number for the rule: a number, or a formatted one ("1,024"). */
function numberOf(value) {
  if (typeof value === "number") return value;
  const text = String(value ?? "").replace(/[^\d.eE+-]/g, "");
  return text === "" ? NaN : Number(text);
}

/** `template` with each plural blank replaced by its form for `values` in `lang`. */
export function choosePlurals(template, values, lang) {
  if (!template.includes("plural")) return template;
  let out = "";
  let from = 0;
  let open;
  while ((open = template.indexOf("{", from)) >= 0) {
    const blank = pluralBlank(template, open);
    if (!blank) {
      out += template.slice(from, open + 1);
      from = open + 1;
      continue;
    }
    const value = values?.[blank.name];
    const number = numberOf(value);
    const category = Number.isFinite(number) ? rule(lang).select(number) : "other";
    const form = blank.forms[category] ?? blank.forms.other ?? "";
    out += template.slice(from, open) + form.replaceAll("#", String(value ?? ""));
    from = blank.end;
  }
  return out + template.slice(from);
}
