// The playground's address, read and written: the run's settings (parse_query reads them),
// the view options (view_options.js), the page's own keys (the `series=own` mark of a series
// loaded in the page, `theme=`, `lang=`) and long values packed into the fragment (address_pack.js).

import { LANG_KEY } from "./i18n.js";
import { createPackedAddressWriter, unpackAddress } from "./address_pack.js";
import { OWN_SERIES_MARK } from "./own_series.js";
import { addressTheme, THEME_KEY } from "./theme.js";
import { currentQuery } from "./url_state.js";
import { LOG_SCALE_KEY, VIEWS_KEY, splitViewOptions } from "./view_options.js";
import { formatViews } from "./views.js";

const SERIES_KEY = "series";

/**
 * `query` without the page's own keys, which are not run settings (main.js applied the
 * theme); says whether the series mark was there.
 */
export function withoutPageKeys(query) {
  const pageKeys = [SERIES_KEY, THEME_KEY, LANG_KEY];
  if (!pageKeys.some((key) => query.includes(key))) return { runQuery: query, seriesMarked: false };
  const segments = query.split("&");
  const keyOf = (segment) => segment.split("=", 1)[0];
  const run = segments.filter((segment) => !pageKeys.includes(keyOf(segment)));
  return { runQuery: run.join("&"), seriesMarked: segments.some((segment) => keyOf(segment) === SERIES_KEY) };
}

/** The current address: `{settingsQuery, logScale, views, seriesMarked, notices}`. */
export async function readPageAddress() {
  const address = await unpackAddress(currentQuery());
  // The view options are split off by hand: re-encoding the rest through URLSearchParams
  // would hide malformed escapes from parse_query, whose notices should name them.
  const options = splitViewOptions(address.query);
  const { runQuery, seriesMarked } = withoutPageKeys(options.runQuery);
  return {
    settingsQuery: runQuery,
    logScale: options.logScale,
    views: options.views,
    seriesMarked,
    notices: [address.notice, addressTheme().notice, ...options.notices].filter(Boolean),
  };
}

/**
 * A writer of the address: `write({runQuery, logScale, views, ownSeries})`. Packing is
 * async, so only the newest write lands; what the link cannot carry is noted in `notices`.
 */
export function createPageAddressWriter(notices, onError) {
  const writer = createPackedAddressWriter(() => notices, onError);
  return {
    write({ runQuery, logScale, views, ownSeries }) {
      const viewPart = views.length ? `&${VIEWS_KEY}=${formatViews(views)}` : "";
      const seriesPart = ownSeries ? `&${SERIES_KEY}=${OWN_SERIES_MARK}` : "";
      writer.write((logScale ? `${runQuery}&${LOG_SCALE_KEY}=1` : runQuery) + viewPart + seriesPart);
    },
    flush: writer.flush,
  };
}
