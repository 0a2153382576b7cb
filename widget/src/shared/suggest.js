// "Vouliez-vous dire … ?": the known name nearest to a mistyped one, for the messages that
// tell a visitor or a partner what the atlas does not know.

/** Lower case, no accents, words separated by single spaces: "Dépenses_Communes" → "depenses communes". */
export function fold(text) {
  return String(text).normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Levenshtein distance, on two rows. */
function distance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}

/**
 * The candidate nearest to what was typed, or null when none is near enough to be meant.
 * A candidate is compared by its id and its label; one that contains what was typed (or is
 * contained in it) wins over a mere spelling neighbour.
 * @param typed what the visitor or the page asked for
 * @param candidates [{ id, label }]
 */
export function closest(typed, candidates) {
  const t = fold(typed);
  if (!t) return null;
  let best = null;
  for (const c of candidates) {
    for (const name of [fold(c.id), fold(c.label)]) {
      const contains = Math.min(t.length, name.length) >= 3 && (name.includes(t) || t.includes(name));
      const d = contains ? Math.abs(name.length - t.length) / 100 : distance(t, name);
      if (!best || d < best.d) best = { c, d };
    }
  }
  // beyond a third of the word's letters changed, it is another word
  return best && best.d <= Math.max(2, t.length / 3) ? best.c : null;
}
