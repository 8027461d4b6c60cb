// Number formatting for readouts. A value that is not a finite number is shown as a dash:
// the page must never print "NaN" or "Infinity" as if it were a measurement. Counts are
// grouped as the page's language writes them (Intl.NumberFormat of <html lang>); losses
// keep four significant digits in every language.

export const MISSING = "—";

export function isNumber(value) {
  return typeof value === "number" && Number.isFinite(value);
}

/** Losses span 1e-6..1e2: four significant digits, exponent form for tiny values. */
export function formatLoss(value) {
  if (!isNumber(value)) return MISSING;
  if (value !== 0 && Math.abs(value) < 1e-3) return value.toExponential(2);
  return value.toPrecision(4);
}

export function formatPercent(fraction) {
  if (!isNumber(fraction)) return MISSING;
  return `${(fraction * 100).toFixed(1)} %`;
}

const counts = new Map(); // lang -> Intl.NumberFormat

/** A whole number in the page's language, e.g. 17,217. */
function count(value) {
  const lang = globalThis.document?.documentElement?.lang || "en";
  if (!counts.has(lang)) counts.set(lang, new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }));
  return counts.get(lang).format(Math.round(value));
}

export function formatCount(value) {
  if (!isNumber(value)) return MISSING;
  return count(value);
}

/** Parameter values as shown next to a slider: short, no float noise (0.30000000000000004). */
export function formatParam(value, kind) {
  if (typeof value === "string") return value;
  if (!isNumber(value)) return MISSING;
  if (kind === "int") return count(value);
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude < 1e-3 || magnitude >= 1e5) return value.toExponential(1);
  return String(Number(value.toPrecision(3)));
}
