// What a tooltip and the keyboard announcement say of one territory: name, value, rank. Asked of
// the server one territory at a time (the values of a commune level are megabytes; the map's
// tiles hold only what it draws) and kept for the page, so a territory is asked for once.
import { formatValue, partialMark } from './format.js';

/**
 * @param api the client (shared/api.js)
 * @param def the indicator shown
 * @param level its level
 * @returns {{ known: (code) => object|undefined, get: (code) => Promise<object|null> }} a
 *   description: { row, rank, text }; null for a code the server does not know; { row: null,
 *   text } when the server did not answer (not kept: the next hover asks again)
 */
export function describer(api, def, level) {
  const known = new Map();
  return {
    known: (code) => known.get(code),
    async get(code) {
      if (known.has(code)) return known.get(code);
      let row;
      try {
        row = await api.value(def.id, level, code);
      } catch (e) {
        if (e.kind === 'not-found') return null;
        return { row: null, rank: null, text: `Valeur indisponible : ${e.message}` };
      }
      const rank = row.rank ? `rang ${row.rank.rank} sur ${row.rank.of}` : null;
      const d = { row, rank, text: `${row.nom} : ${formatValue(row.value, def)}${partialMark(row)}${rank ? ` — ${rank}` : ''}` };
      known.set(code, d);
      return d;
    },
  };
}
