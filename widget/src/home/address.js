// Every view of the homepage is a link: indicator, level, the indicator it is crossed with,
// selected territory, comparison, venues layer and map position live in the address's query. The names of the first version
// (`?indicator=…&level=…`) stay, so links already shared keep working.
//
//   ?indicator=bibliotheques_pour_10000_hab&level=departement&cross=depenses_communes_par_habitant&territory=69
//    &compare=region:84&venues=1&map=7.25/45.7600/4.8400
//
// `compare` names the level of the pinned territory (it may be another level than the map's);
// `map` is zoom/latitude/longitude as on openstreetmap.org.

/** @returns {{indicator, level, cross, territory, compare: {level, code}|null, venues: boolean, map: {zoom, lat, lng}|null}} */
export function readAddress(search) {
  const p = new URLSearchParams(search);
  const [level, code] = (p.get('compare') ?? '').split(':');
  return {
    indicator: p.get('indicator') || null,
    level: p.get('level') || null,
    cross: p.get('cross') || null,
    territory: p.get('territory') || null,
    compare: level && code ? { level, code } : null,
    venues: p.get('venues') === '1',
    map: position(p.get('map')),
  };
}

function position(text) {
  const [zoom, lat, lng] = (text ?? '').split('/').map(Number);
  const ok = [zoom, lat, lng].every(Number.isFinite) && zoom >= 0 && zoom <= 22 && Math.abs(lat) <= 85 && Math.abs(lng) <= 180;
  return ok ? { zoom, lat, lng } : null;
}

/** The query of a view: what readAddress reads back. */
export function writeAddress(view) {
  const p = new URLSearchParams();
  p.set('indicator', view.indicator);
  p.set('level', view.level);
  if (view.cross) p.set('cross', view.cross);
  if (view.territory) p.set('territory', view.territory);
  if (view.compare) p.set('compare', `${view.compare.level}:${view.compare.code}`);
  if (view.venues) p.set('venues', '1');
  if (view.map) p.set('map', `${view.map.zoom.toFixed(2)}/${view.map.lat.toFixed(4)}/${view.map.lng.toFixed(4)}`);
  // slashes and colons read better as they are, and URLSearchParams reads them back either way
  return `?${p.toString().replaceAll('%2F', '/').replaceAll('%3A', ':')}`;
}
