// One line saying what a run is, for print: the chart and the readouts go on paper, the
// sliders and menus do not. Sizes are written layers × units, as the charts write them.

import { tr } from "./i18n.js";

/** "1 layer of 64 units" (the meaning of "1×64"), in the language of `node`. */
export function sizeWords(layers, hidden, node = document.documentElement) {
  const t = (key, values) => tr(node, key, values);
  const layerWords = t("summary.layers", { count: layers });
  const unitWords = t("summary.units", { count: hidden });
  return t("summary.size", { layers: layerWords, units: unitWords });
}

/**
 * "Settings: Forecast a noisy wave · LSTM 1×64 (1 layer of 64 units) · Adam, learning rate
 * 0.01 · ...", in the language of `node`.
 */
export function settingsSummary(table, values, node = document.documentElement) {
  const t = (key, blanks) => tr(node, key, blanks);
  const named = (key) => {
    const option = table.find((spec) => spec.key === key)?.options?.find((o) => o.value === String(values[key]));
    return option ? option.short || option.label : String(values[key]);
  };
  const parts = [
    named("task"),
    `${named("cell")} ${values.layers}×${values.hidden} (${sizeWords(values.layers, values.hidden, node)})`,
    t("summary.optimiser", { opt: named("opt"), lr: values.lr }),
    t("summary.batch", { batch: values.batch }),
    t("summary.dropout", { dropout: values.dropout }),
    t("summary.l2", { l2: values.l2 }),
    t("summary.epochs", { epochs: values.epochs }),
    t("summary.seed", { seed: values.seed }),
  ];
  return t("summary.settings", { parts: parts.join(" · ") });
}
