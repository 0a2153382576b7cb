// /builder: a partner picks indicator, level, a second indicator to cross it with, territory,
// size and palette, sees the widget
// live, and copies the snippet (script embed or iframe).
import { isCrossable, levelName } from '../shared/format.js';

const $ = (id) => document.getElementById(id);
const origin = window.location.origin;
const PALETTES = ['YlGnBu', 'YlOrRd', 'Blues', 'Greens', 'Purples', 'Oranges', 'BuPu', 'RdPu', 'PuBuGn', 'RdBu'];
const defs = new Map();
let widget = null;

function option(value, label, selected) {
  return Object.assign(document.createElement('option'), { value, textContent: label, selected });
}

function choices() {
  return {
    indicator: $('indicator').value,
    level: $('level').value,
    cross: $('cross').value,
    territory: $('territory').value.trim(),
    palette: $('palette').value,
    height: $('height').value,
    kind: document.querySelector('input[name="kind"]:checked').value,
  };
}

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function snippet(c) {
  const def = defs.get(c.indicator);
  const attrs = { indicator: c.indicator, level: c.level, cross: c.cross, territory: c.territory, palette: c.cross ? '' : c.palette, height: c.height };
  if (c.kind === 'iframe') {
    const q = new URLSearchParams(Object.entries(attrs).filter(([, v]) => v));
    const title = `Carte : ${def.label}, par ${$('level').selectedOptions[0].textContent} — Atlas Culture des territoires`;
    return `<iframe src="${origin}/embed/?${q}" title="${escapeHtml(title)}" style="width:100%;height:${Number(c.height) + 260}px;border:0" loading="lazy"></iframe>`;
  }
  const data = Object.entries(attrs).filter(([, v]) => v).map(([k, v]) => `data-atlas-${k}="${escapeHtml(v)}"`).join(' ');
  return `<script src="${origin}/widget/atlas-widget.js" defer></script>\n<div ${data}></div>`;
}

function update() {
  const c = choices();
  const def = defs.get(c.indicator);
  if (![...$('level').options].some((o) => o.value === c.level) || $('level').dataset.for !== c.indicator) {
    $('level').replaceChildren(...def.levels.map((l) => option(l, levelName(l), l === c.level)));
    $('level').dataset.for = c.indicator;
    c.level = $('level').value;
  }
  // the indicators this one crosses with at the level: numbers both, both at the level
  const crossable = isCrossable(def) ? [...defs.values()].filter((d) => d.id !== def.id && isCrossable(d) && d.levels.includes(c.level)) : [];
  if (!crossable.some((d) => d.id === c.cross)) c.cross = '';
  $('cross').replaceChildren(option('', 'aucun', !c.cross), ...crossable.map((d) => option(d.id, d.label, d.id === c.cross)));
  $('palette').disabled = Boolean(c.cross); // a bivariate map has its own nine colours
  $('snippet').textContent = snippet(c);
  widget?.destroy();
  const el = document.createElement('div');
  $('preview').replaceChildren(el);
  widget = window.AtlasWidget.create(el, { indicator: c.indicator, level: c.level, cross: c.cross || undefined,
    territory: c.territory || undefined, palette: (!c.cross && c.palette) || undefined, height: c.height });
}

async function main() {
  const catalogue = await (await fetch(`${origin}/api/indicators`)).json();
  for (const theme of catalogue.themes) {
    const group = Object.assign(document.createElement('optgroup'), { label: theme.label });
    for (const i of theme.indicators) {
      defs.set(i.id, i);
      group.append(option(i.id, i.label, i.id === 'bibliotheques_pour_10000_hab'));
    }
    $('indicator').append(group);
  }
  $('palette').replaceChildren(option('', 'celle de l’indicateur', true), ...PALETTES.map((p) => option(p, p, false)));
  $('form').addEventListener('change', update);
  $('form').addEventListener('submit', (e) => e.preventDefault());
  $('copy').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText($('snippet').textContent);
      $('copied').textContent = 'Code copié.';
    } catch {
      // clipboard refused (insecure context, permission): select the text for Ctrl+C
      getSelection().selectAllChildren($('snippet'));
      $('copied').textContent = 'Code sélectionné : copiez-le avec Ctrl+C.';
    }
  });
  update();
}

main();
