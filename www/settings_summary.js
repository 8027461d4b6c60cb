// One line saying what a run is, for print: the chart and the readouts go on paper, the
// sliders and menus do not. Sizes are written layers × units, as the charts write them.

/** "1 layer of 64 units" (the meaning of "1×64"). */
export function sizeWords(layers, hidden) {
  return `${layers} ${Number(layers) === 1 ? "layer" : "layers"} of ${hidden} ${Number(hidden) === 1 ? "unit" : "units"}`;
}

/** "Settings: Forecast a noisy wave · LSTM 1×64 (1 layer of 64 units) · Adam, learning rate 0.01 · ..." */
export function settingsSummary(table, values) {
  const named = (key) => {
    const option = table.find((spec) => spec.key === key)?.options?.find((o) => o.value === String(values[key]));
    return option ? option.short || option.label : String(values[key]);
  };
  const parts = [
    named("task"),
    `${named("cell")} ${values.layers}×${values.hidden} (${sizeWords(values.layers, values.hidden)})`,
    `${named("opt")}, learning rate ${values.lr}`,
    `batch ${values.batch}`,
    `dropout ${values.dropout}`,
    `L2 ${values.l2}`,
    `${values.epochs} epochs`,
    `seed ${values.seed}`,
  ];
  return `Settings: ${parts.join(" · ")}`;
}
