// How a slider's positions map to a parameter's values, from the parameter table's range
// and scale: linear with the declared step, or a ladder of round values on a log scale.

// Integer ranges with max/min at least this wide get a logarithmic slider.
const LOG_INT_RATIO = 50;
// Upper bound on a log slider's positions (a safety net for odd tables).
const MAX_LADDER = 2000;

/** Map between slider positions and parameter values (linear or logarithmic). */
export function sliderScale(spec) {
  const isInt = spec.kind === "int";
  if (!usesLogScale(spec)) {
    const step = spec.step > 0 ? spec.step : isInt ? 1 : (spec.max - spec.min) / 100;
    return {
      min: spec.min,
      max: spec.max,
      step,
      toPosition: (v) => v,
      toValue: (p) => roundToStep(Number(p), spec.min, step, isInt),
    };
  }
  // Logarithmic: the positions are a ladder of round values (two significant digits), so
  // every arrow key press lands on a new, readable value.
  const values = logLadder(spec);
  return {
    min: 0,
    max: values.length - 1,
    step: 1,
    toPosition(v) {
      let best = 0;
      for (let i = 1; i < values.length; i++) {
        if (Math.abs(logDistance(values[i], v)) < Math.abs(logDistance(values[best], v))) best = i;
      }
      return best;
    },
    toValue: (p) => values[Math.min(values.length - 1, Math.max(0, Math.round(Number(p))))],
  };
}

/** Integer ranges spanning two decades or more read better on a log scale too. */
function usesLogScale(spec) {
  if (spec.log) return true;
  return spec.kind === "int" && spec.min >= 1 && spec.max / spec.min >= LOG_INT_RATIO;
}

/** 0 (when allowed), then min, ..., max in steps of one unit of the second digit. */
function logLadder(spec) {
  const isInt = spec.kind === "int";
  const zeroAllowed = spec.min <= 0;
  const values = zeroAllowed ? [0] : [];
  let v = zeroAllowed ? smallestPositive(spec) : spec.min;
  while (v < spec.max && values.length < MAX_LADDER) {
    values.push(v);
    const step = 10 ** (Math.floor(Math.log10(v) + 1e-9) - 1);
    const next = (Math.floor(v / step + 1e-6) + 1) * step;
    v = isInt ? Math.max(v + 1, Math.round(next)) : Number(next.toPrecision(6));
  }
  values.push(spec.max);
  return values;
}

function logDistance(a, b) {
  if (a <= 0 || b <= 0) return a === b ? 0 : Infinity;
  return Math.log(a / b);
}

/** First non-zero stop of a "0 or logarithmic" slider; the table may name it. */
function smallestPositive(spec) {
  const named = spec.zero_off_min ?? spec.smallest_positive;
  if (named > 0) return named;
  return spec.step > 0 ? spec.step : spec.max * 1e-4;
}

export function sliderPositions(spec) {
  const scale = sliderScale(spec);
  return (scale.max - scale.min) / scale.step;
}

function roundToStep(value, min, step, isInt) {
  const snapped = min + Math.round((value - min) / step) * step;
  // Strip float noise such as 0.30000000000000004.
  return isInt ? Math.round(snapped) : Number(snapped.toPrecision(6));
}
