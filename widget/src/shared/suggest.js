// "Vouliez-vous dire … ?": the known indicator nearest to a mistyped one, for the messages that
// tell a visitor (the homepage's address) or a partner (the widget's attributes) what the atlas
// does not know.

/** Lower case, no accents, words separated by one space: "Bibliothèques_pour" → "bibliotheques pour". */
const fold = (s) => String(s).normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** Optimal string alignment distance: insertions, deletions, substitutions, swaps of neighbours. */
function distance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The indicator a mistyped id most likely meant, by its id or its label, accents and case aside
 * ("bibliotheque" → bibliotheques, "biblio" → the first that starts so): null when none is close.
 * @param defs [{ id, label }]
 */
export function nearestIndicator(typed, defs) {
  const q = fold(typed);
  if (!q) return null;
  let best = null;
  let bestScore = Infinity;
  for (const def of defs) {
    for (const text of [fold(def.id), fold(def.label)]) {
      // a beginning typed counts nearly as the whole: "densite" for "densite de population"
      const score = Math.min(distance(q, text), distance(q, text.slice(0, q.length)) + 1);
      if (score < bestScore) {
        best = def;
        bestScore = score;
      }
    }
  }
  return bestScore <= Math.max(2, q.length / 2) ? best : null;
}
