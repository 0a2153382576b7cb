// What the widget says when it cannot show what its page asked for, in French: the server's
// problems (RFC 9457) keep their English `detail` for developers (it goes to the console), and
// this module words the ones a partner's attributes can cause from their machine-readable members,
// naming the valid choices in French beside the value to write, and for an unknown indicator the
// nearest one.
import { levelName } from '../shared/format.js';
import { METHODS } from '../shared/legend.js';
import { nearestIndicator } from '../shared/suggest.js';

/** "« jenks » pour seuils naturels (Jenks), « … » pour …": a value to write and what it means. */
const choices = (ids, name) => ids.map((id) => `« ${id} » pour ${name(id)}`).join(', ');

// ColorBrewer names are made of colour abbreviations (YlGnBu: yellow, green, blue) or words
const HUES = { Yl: 'jaune', Or: 'orange', Rd: 'rouge', Pu: 'violet', PR: 'violet', Bu: 'bleu', Gn: 'vert', BG: 'bleu-vert', Br: 'brun', Pi: 'rose', YG: 'jaune-vert', Gy: 'gris' };
const WORDS = { Blues: 'bleus', Greens: 'verts', Greys: 'gris', Oranges: 'orangés', Purples: 'violets', Reds: 'rouges',
  Dark2: 'couleurs franches', Set2: 'couleurs douces', Paired: 'couleurs par paires', Spectral: 'spectre' };

/** A ColorBrewer palette in French: "YlGnBu" → "dégradé jaune-vert-bleu", "Blues" → "bleus". */
export function paletteName(id) {
  if (WORDS[id]) return WORDS[id];
  const parts = id.match(/[A-Z]{2}(?=[A-Z]|$)|[A-Z][a-z]/g) ?? [];
  const hues = parts.map((p) => HUES[p]);
  return hues.length && hues.every(Boolean) ? `dégradé ${hues.join('-')}` : id;
}

/** An indicator asked for at a level it does not have. */
export function unavailableLevel(label, level, levels) {
  return `L’indicateur « ${label} » n’existe pas au niveau « ${level} » ; niveaux possibles : ${choices(levels, levelName)}.`;
}

/**
 * The French sentence for an error of the widget (an AtlasError of shared/api.js, whose message
 * is French when the widget or the client made it, or a server problem).
 * @param opts the widget's options (what the page asked for)
 * @param context { def: the indicator once known, catalogue: () => Promise of /api/indicators, builder: URL }
 */
export async function explain(error, opts, { def, catalogue, builder }) {
  const p = error.problem ?? {};
  if (!p.status) return error.message; // the client's own message (unreachable server, 5xx)
  // a crossing's problems are written for visitors, in French, by the server
  if (p.instance?.startsWith('/styles/bivariate/') && p.status === 400) return p.detail;
  if (p.instance?.startsWith('/styles/bivariate/') && p.status === 404) {
    const defs = await catalogue().then((c) => c.themes.flatMap((t) => t.indicators), () => []);
    const wrong = [opts.indicator, opts.cross].find((id) => !defs.some((d) => d.id === id)) ?? opts.cross;
    const near = nearestIndicator(wrong, defs);
    return `Indicateur « ${wrong} » inconnu.${near ? ` Vouliez-vous dire « ${near.label} » (${near.id}) ?` : ''}`;
  }
  if (p.status === 404 && p.instance?.startsWith('/api/indicators/')) {
    const defs = await catalogue().then((c) => c.themes.flatMap((t) => t.indicators), () => []);
    const near = nearestIndicator(opts.indicator, defs);
    return `Indicateur « ${opts.indicator} » inconnu.${near ? ` Vouliez-vous dire « ${near.label} » (${near.id}) ?` : ''}`
      + ` Le générateur de code de l’atlas les présente tous : ${builder}.`;
  }
  if (p.available) {
    return unavailableLevel(def?.label ?? opts.indicator, opts.level, p.available);
  }
  if (p.palettes) return `Palette « ${opts.palette} » impossible pour cet indicateur ; palettes possibles : ${choices(p.palettes, paletteName)}.`;
  if (p.methods) return `Méthode de classement « ${opts.method} » inconnue ; méthodes possibles : ${choices(p.methods, (m) => METHODS[m] ?? m)}.`;
  if (p.minimum !== undefined) return `Nombre de classes « ${opts.classes} » impossible : un nombre entier de ${p.minimum} à ${p.maximum}.`;
  return `L’atlas refuse cette demande (erreur ${p.status}) ; le détail est dans la console du navigateur.`;
}
