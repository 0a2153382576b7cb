// Composite views: a generated style asked for with `layout=france` draws the overseas as insets
// beside metropolitan France, and describes them in metadata["atlas:layout"] (box, real envelope,
// and the Web Mercator scale and shift that place one into the other). These helpers map a real
// bounding box (a portrait's, a search result's) to where the view shows it.

const R = 6378137;
const toX = (lon) => (lon * Math.PI / 180) * R;
const toY = (lat) => R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
const toLon = (x) => (x / R) * (180 / Math.PI);
const toLat = (y) => (2 * Math.atan(Math.exp(y / R)) - Math.PI / 2) * (180 / Math.PI);

/** Metropolitan France, [west, south, east, north]: the view without a layout. */
export const METROPOLE = [-5.2, 41.3, 9.6, 51.1];

/** The composite view a style draws, or null. */
export function layoutOf(style) {
  return style?.metadata?.['atlas:layout'] ?? null;
}

/** [west, south, east, north] of the whole view: metropole and insets, or the metropole alone. */
export function viewBounds(style) {
  return layoutOf(style)?.bounds ?? METROPOLE;
}

/** Where the style's view shows a real bounding box [west, south, east, north]. */
export function toView(style, bbox) {
  const layout = layoutOf(style);
  const eps = 1e-3; // the metadata's envelopes are rounded to 1e-4 degree
  const inset = layout?.insets.find((i) => bbox[0] >= i.real[0] - eps && bbox[2] <= i.real[2] + eps
    && bbox[1] >= i.real[1] - eps && bbox[3] <= i.real[3] + eps);
  if (!inset) return bbox;
  const x = (lon) => toLon(toX(lon) * inset.scale + inset.dx);
  const y = (lat) => toLat(toY(lat) * inset.scale + inset.dy);
  return [x(bbox[0]), y(bbox[1]), x(bbox[2]), y(bbox[3])];
}
