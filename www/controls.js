// The controls, built from the wasm's parameter_table(): one table drives every range,
// label, unit and help text, so the page cannot disagree with the Rust validation.
// This file only decides *where* each parameter goes and which widget suits it. Every
// word carries its catalog key (data-i18n), so a language switch rewrites it in place.

import { formatParam } from "./format.js";
import { tr } from "./i18n.js";
import { sliderPositions, sliderScale } from "./slider_scale.js";

// Placement. Keys missing from the table are skipped; table keys not listed here land in
// a group named after their `group` field (or "more"), so a new parameter shows up
// without touching the page. A group's title is the catalog's `group.<name>`.
const TOP_KEYS = ["task", "cell"]; // above the headline sliders
const HEADLINE_KEYS = ["hidden", "layers"]; // big sliders next to the chart
const GROUPS = [
  { title: "data", keys: ["text", "len", "train", "val", "noise"] },
  { title: "regularisation", keys: ["dropout", "l2"] },
  { title: "optimisation", keys: ["opt", "lr", "mom", "clip", "batch"] },
  { title: "run", keys: ["epochs", "seed"] },
];
const OTHER_GROUP = "more";

// A number box instead of a slider when a slider would be too coarse to hit a value.
const MAX_SLIDER_POSITIONS = 5000;
// Buttons read better than a dropdown for a few short options.
const MAX_SEGMENTS = 4;
const MAX_SEGMENT_LABEL_CHARS = 60;

/**
 * Build every control into `headline` / `groups` and report changes through
 * `onChange(key, value, committed)`; `committed` is false while a slider is being dragged.
 */
export function buildControls(table, { top, headline, groups, onChange }) {
  const controls = new Map();
  const specs = new Map(table.map((spec) => [spec.key, spec]));
  const placed = new Set();

  const place = (keys, container, options = {}) => {
    for (const key of keys) {
      const spec = specs.get(key);
      if (!spec || placed.has(key)) continue;
      placed.add(key);
      const control = createControl(spec, options, onChange);
      controls.set(key, control);
      container.append(control.root);
    }
  };

  place(TOP_KEYS, top);
  place(HEADLINE_KEYS, headline, { headline: true });
  const groupDefs = GROUPS.map((g) => ({ ...g, keys: [...g.keys] }));
  for (const spec of table) {
    if (placed.has(spec.key) || GROUPS.some((g) => g.keys.includes(spec.key))) continue;
    const title = spec.group ? String(spec.group).toLowerCase() : OTHER_GROUP;
    let group = groupDefs.find((g) => g.title === title);
    if (!group) groupDefs.push((group = { title, keys: [] }));
    group.keys.push(spec.key);
  }
  for (const group of groupDefs) {
    const keys = group.keys.filter((k) => specs.has(k) && !placed.has(k));
    if (keys.length === 0) continue;
    const section = document.createElement("section");
    section.className = "group";
    const id = `group-${group.title}`;
    section.setAttribute("aria-labelledby", id);
    const title = document.createElement("h3");
    title.id = id;
    title.dataset.i18n = `group.${group.title}`;
    title.textContent = tr(groups, title.dataset.i18n);
    section.append(title);
    place(keys, section);
    groups.append(section);
  }

  return {
    /** Show a whole config (from parse_query) without emitting change events. */
    setAll(config) {
      for (const [key, control] of controls) {
        if (key in config) control.set(config[key]);
      }
      this.refreshVisibility(config);
    },
    values() {
      const out = {};
      for (const [key, control] of controls) out[key] = control.value;
      return out;
    },
    /** Hide controls the current task or choices make irrelevant (they stay in the URL). */
    refreshVisibility(config) {
      for (const [key, control] of controls) {
        control.root.hidden = !isRelevant(specs.get(key), config);
      }
    },
    setDisabled(disabled) {
      for (const control of controls.values()) control.setDisabled(disabled);
    },
    has: (key) => controls.has(key),
  };
}

/** `tasks` (empty = all) and `depends_on` are optional table fields. */
function isRelevant(spec, config) {
  const tasks = spec.tasks ?? [];
  if (tasks.length > 0 && config.task !== undefined && !tasks.includes(config.task)) return false;
  // depends_on arrives as [key, value] (a serialised Rust tuple) or {key, value}.
  const dependency = Array.isArray(spec.depends_on)
    ? { key: spec.depends_on[0], value: spec.depends_on[1] }
    : spec.depends_on;
  if (dependency && config[dependency.key] !== undefined && config[dependency.key] !== dependency.value) {
    return false;
  }
  return true;
}

function createControl(spec, options, onChange) {
  switch (spec.kind) {
    case "choice": {
      const choices = spec.options ?? [];
      const labelChars = choices.reduce((n, o) => n + String(o.label).length, 0);
      return choices.length <= MAX_SEGMENTS && labelChars <= MAX_SEGMENT_LABEL_CHARS
        ? segmentedControl(spec, onChange)
        : selectControl(spec, onChange);
    }
    case "text":
      return textControl(spec, onChange);
    case "int":
    case "float":
      return sliderPositions(spec) > MAX_SLIDER_POSITIONS
        ? numberControl(spec, onChange)
        : sliderControl(spec, options, onChange);
    default:
      // An unknown kind still gets a usable, labelled text box rather than nothing.
      return textControl(spec, onChange);
  }
}

const ids = (key) => ({ input: `ctl-${key}`, help: `help-${key}`, output: `out-${key}` });

function helpText(spec, id) {
  const help = document.createElement("p");
  help.className = "help";
  help.id = id;
  help.dataset.i18n = `param.${spec.key}.help`;
  help.textContent = spec.help ?? "";
  return help;
}

function labelFor(spec, inputId) {
  const label = document.createElement("label");
  label.htmlFor = inputId;
  label.dataset.i18n = `param.${spec.key}.label`;
  label.textContent = spec.label;
  return label;
}

function field(spec, extraClass) {
  const root = document.createElement("div");
  root.className = `field ${extraClass}`;
  root.dataset.key = spec.key;
  return root;
}

/**
 * The control of one form element: `set` shows a value (left alone when it already shows
 * it, so a caret in a text box stays put), `value` is the last value set or entered.
 */
function elementControl(root, element) {
  const control = {
    root,
    value: undefined,
    set(value) {
      control.value = value;
      if (element.value !== String(value)) element.value = String(value);
    },
    setDisabled(disabled) {
      element.disabled = disabled;
    },
  };
  return control;
}

// ---- sliders ---------------------------------------------------------------------------

/**
 * A slider's spoken value with its unit, in the language around `input`. The value and the
 * unit's key stay on the input (data-i18n-valuetext), so a language switch says it again.
 */
function withUnit(text, spec, input) {
  if (!spec.unit) return text;
  const blanks = { value: text, unit: `param.${spec.key}.unit` };
  input.dataset.i18nValuetext = JSON.stringify(blanks);
  return tr(input, "control.value_unit", { value: text, unit: tr(input, blanks.unit) });
}

function sliderControl(spec, options, onChange) {
  const id = ids(spec.key);
  const scale = sliderScale(spec);
  const root = field(spec, options.headline ? "field-range field-headline" : "field-range");
  const head = document.createElement("div");
  head.className = "field-head";
  const output = document.createElement("output");
  output.id = id.output;
  output.htmlFor = id.input;
  head.append(labelFor(spec, id.input), output);

  const input = document.createElement("input");
  input.type = "range";
  input.id = id.input;
  input.min = String(scale.min);
  input.max = String(scale.max);
  input.step = String(scale.step);
  input.setAttribute("aria-describedby", id.help);
  root.append(head, input);

  if (options.headline) {
    // The extremes of a headline slider are part of the lesson (tiny vs huge model).
    const ends = document.createElement("div");
    ends.className = "range-ends";
    ends.setAttribute("aria-hidden", "true");
    const low = document.createElement("span");
    low.textContent = formatParam(spec.min, spec.kind);
    const high = document.createElement("span");
    high.textContent = formatParam(spec.max, spec.kind);
    ends.append(low, high);
    root.append(ends);
  }
  root.append(helpText(spec, id.help));

  const control = {
    root,
    value: undefined,
    set(value) {
      control.value = value;
      input.value = String(scale.toPosition(value));
      show();
    },
    setDisabled(disabled) {
      input.disabled = disabled;
    },
  };
  const show = () => {
    const text = formatParam(control.value, spec.kind);
    output.textContent = text;
    input.setAttribute("aria-valuetext", withUnit(text, spec, input));
  };
  const emit = (committed) => {
    const value = scale.toValue(input.value);
    if (value === control.value && !committed) return;
    control.value = value;
    show();
    onChange(spec.key, value, committed);
  };
  input.addEventListener("input", () => emit(false));
  input.addEventListener("change", () => emit(true));
  return control;
}

function numberControl(spec, onChange) {
  const id = ids(spec.key);
  const root = field(spec, "field-number");
  const input = document.createElement("input");
  input.type = "number";
  input.id = id.input;
  input.inputMode = spec.kind === "int" ? "numeric" : "decimal";
  input.min = String(spec.min);
  input.max = String(spec.max);
  input.step = spec.kind === "int" ? "1" : "any";
  input.setAttribute("aria-describedby", id.help);
  root.append(labelFor(spec, id.input), input, helpText(spec, id.help));
  const control = elementControl(root, input);
  input.addEventListener("change", () => {
    const parsed = Number(input.value);
    // Out-of-range and empty input are left to parse_query, which clamps and explains.
    control.value = input.value.trim() === "" || !Number.isFinite(parsed) ? input.value : parsed;
    onChange(spec.key, control.value, true);
  });
  return control;
}

// ---- choices ---------------------------------------------------------------------------

function segmentedControl(spec, onChange) {
  const id = ids(spec.key);
  const root = document.createElement("fieldset");
  root.className = "field field-choice";
  root.dataset.key = spec.key;
  root.setAttribute("aria-describedby", id.help);
  const legend = document.createElement("legend");
  legend.dataset.i18n = `param.${spec.key}.label`;
  legend.textContent = spec.label;
  const segments = document.createElement("div");
  segments.className = "segmented";
  // Two rows of two read better than three plus an orphan.
  const count = (spec.options ?? []).length;
  segments.style.setProperty("--columns", String(count === 4 ? 2 : count));
  const radios = [];
  for (const option of spec.options ?? []) {
    const radio = document.createElement("input");
    radio.type = "radio";
    radio.name = id.input;
    radio.id = `${id.input}-${option.value}`;
    radio.value = option.value;
    const label = document.createElement("label");
    label.htmlFor = radio.id;
    label.dataset.i18n = `option.${spec.key}.${option.value}`;
    label.textContent = option.label;
    radio.addEventListener("change", () => {
      if (!radio.checked) return;
      control.value = option.value;
      onChange(spec.key, option.value, true);
    });
    radios.push(radio);
    segments.append(radio, label);
  }
  root.append(legend, segments, helpText(spec, id.help));
  const control = {
    root,
    value: undefined,
    set(value) {
      control.value = value;
      for (const radio of radios) radio.checked = radio.value === String(value);
    },
    setDisabled(disabled) {
      for (const radio of radios) radio.disabled = disabled;
    },
  };
  return control;
}

function selectControl(spec, onChange) {
  const id = ids(spec.key);
  const root = field(spec, "field-select");
  const select = document.createElement("select");
  select.id = id.input;
  select.setAttribute("aria-describedby", id.help);
  for (const option of spec.options ?? []) {
    const element = document.createElement("option");
    element.value = option.value;
    element.dataset.i18n = `option.${spec.key}.${option.value}`;
    element.textContent = option.label;
    select.append(element);
  }
  root.append(labelFor(spec, id.input), select, helpText(spec, id.help));
  const control = elementControl(root, select);
  select.addEventListener("change", () => {
    control.value = select.value;
    onChange(spec.key, select.value, true);
  });
  return control;
}

// ---- free text -------------------------------------------------------------------------

function textControl(spec, onChange) {
  const id = ids(spec.key);
  const root = field(spec, "field-text");
  const area = document.createElement("textarea");
  area.id = id.input;
  area.rows = 5;
  area.spellcheck = false;
  // maxLength counts UTF-16 units (an emoji is two) but the limit is in characters, as
  // the URL's `text=` counts them: the box allows the most a limit's worth can take, and
  // the input handler cuts at the character limit.
  if (spec.max_chars > 0) area.maxLength = 2 * spec.max_chars;
  const withinLimit = () => {
    if (!(spec.max_chars > 0) || area.value.length <= spec.max_chars) return;
    const chars = Array.from(area.value);
    if (chars.length > spec.max_chars) area.value = chars.slice(0, spec.max_chars).join("");
  };
  area.setAttribute("aria-describedby", id.help);
  root.append(labelFor(spec, id.input), area, helpText(spec, id.help));
  const control = elementControl(root, area);
  area.addEventListener("input", () => {
    withinLimit();
    control.value = area.value;
    onChange(spec.key, area.value, false);
  });
  area.addEventListener("change", () => {
    withinLimit();
    control.value = area.value;
    onChange(spec.key, area.value, true);
  });
  return control;
}
