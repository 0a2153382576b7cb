// French wording and number format of the atlas's pages: "1 234,5 €", "non disponible".

export const NOT_AVAILABLE = 'non disponible';

const LEVELS = {
  region: ['région', 'régions'],
  departement: ['département', 'départements'],
  epci: ['intercommunalité', 'intercommunalités'],
  commune: ['commune', 'communes'],
};

/** "région" or "régions"; an unknown level id is shown as is. */
export function levelName(level, plural = false) {
  return LEVELS[level]?.[plural ? 1 : 0] ?? level;
}

/**
 * Learns the names of levels this page does not know from an indicator's `levelLabels` (the
 * labels of levels.yaml): a level declared there ("Canton", "Bassin de vie") reads "canton",
 * "bassins de vie" (the first word takes the plural).
 */
export function learnLevels(labels = {}) {
  for (const [id, label] of Object.entries(labels)) {
    if (LEVELS[id]) continue;
    const name = label.toLocaleLowerCase('fr-FR');
    const [first, ...rest] = name.split(' ');
    const plural = /[sxz]$/.test(first) ? first : `${first}s`;
    LEVELS[id] = [name, [plural, ...rest].join(' ')];
  }
}

/**
 * What a value computed from members that do not all have data (a département's municipal
 * spending from the communes that report it) counts: "312 communes sur 1 255, 64 % de la population";
 * null for a complete value.
 */
export function coverageNote(coverage) {
  if (!coverage?.partial) return null;
  const share = coverage.population == null ? '' : `, ${Math.round(coverage.population * 100)} % de la population`;
  return `${formatNumber(coverage.counted)} ${levelName(coverage.from, coverage.counted > 1)} sur ${formatNumber(coverage.members)}${share}`;
}

/** " (partiel)" after a value computed from part of its members (a row of the values API), else "". */
export function partialMark(row) {
  return row?.coverage?.partial ? ' (partiel)' : '';
}

const formats = new Map();
function numberFormat(digits) {
  if (!formats.has(digits)) {
    formats.set(digits, new Intl.NumberFormat('fr-FR', { maximumFractionDigits: digits }));
  }
  return formats.get(digits);
}

/** A number with as many decimals as its size deserves: 12 345, 123,4, 1,23, 0,056. */
export function formatNumber(value) {
  const abs = Math.abs(value);
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 3;
  return numberFormat(digits).format(value);
}

/** A value of an indicator with its unit, its category label, or "non disponible". */
export function formatValue(value, def) {
  if (value === null || value === undefined) return NOT_AVAILABLE;
  if (def.kind === 'boolean') return value ? 'Oui' : 'Non';
  if (def.kind === 'categorical') return def.categories?.find((c) => c.key === value)?.label ?? String(value);
  const unit = def.unit ? `\u00a0${def.unit}` : '';
  return `${formatNumber(value)}${unit}`;
}

export function isNumeric(def) {
  return def.kind !== 'categorical' && def.kind !== 'boolean';
}

/**
 * Whether an indicator crosses with another (/api/cross, bivariate maps): rates and shares. A
 * stock (count, amount) grows with the territory, and two stocks correlate through size.
 */
export function isCrossable(def) {
  return def.kind === 'rate' || def.kind === 'share';
}

/** "13ᵉ sur 101 départements": a rank of the API ({ rank, of }) among the territories of a level. */
export function rankText(rank, level) {
  return `${rank.rank === 1 ? '1er' : `${rank.rank}ᵉ`} sur ${rank.of} ${levelName(level, rank.of > 1)}`;
}

/** "Bibliothèques pour 10 000 habitants, 2019, par département" */
export function mapTitle(def, level) {
  const year = def.year ? `, ${def.year}` : '';
  return `${def.label}${year}, par ${levelName(level)}`;
}
