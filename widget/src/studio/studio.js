// /studio/: a style studio for cartography students. Fork a style the atlas serves or
// generates, edit its JSON (CodeMirror 6), and see it drawn on every valid edit; the official
// validator's messages appear at their lines and the preview keeps the last valid version.
// Everything happens in the page: a share link carries the style in its fragment, and a style
// that points at another server is refused before anything is fetched.
import { EditorView, basicSetup } from 'codemirror';
import { EditorState } from '@codemirror/state';
import { json } from '@codemirror/lang-json';
import { linter, lintGutter } from '@codemirror/lint';
import '../shared/atlas.css';
import './studio.css';
import { createApi } from '../shared/api.js';
import { formatNumber } from '../shared/format.js';
import { checkStyle, MAX_BYTES } from './check.js';
import { readFragment, shareFragment, viewParam } from './share.js';
import { preview } from './preview.js';

const origin = window.location.origin;
const api = createApi(origin);
const $ = (id) => document.getElementById(id);
const DEFAULT_STYLE = '/styles/boundaries.json';
const megabytes = (bytes) => `${formatNumber(bytes / 1e6)} Mo`;

let map = null;
// the text the preview draws, and where it was forked from (for Maputnik)
let source = null;
let drawn = null;

function say(message) {
  $('status').textContent = message;
}

// a paste or edit that would pass MAX_BYTES is refused before it reaches the document
const sizeGuard = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged || tr.newDoc.length <= MAX_BYTES) return tr;
  say(`Ce texte ferait un style de ${megabytes(tr.newDoc.length)} : l’atelier accepte ${megabytes(MAX_BYTES)} au plus. `
    + 'Le collage a été refusé ; l’éditeur et l’aperçu n’ont pas changé.');
  return [];
});

// the linter runs after each pause in typing: it is the one place an edit is checked and drawn
const studioLinter = linter((view) => {
  const text = view.state.doc.toString();
  if (text === '') return []; // nothing opened yet (or a broken share link): nothing to say
  let checked;
  try {
    checked = checkStyle(text, origin);
  } catch (e) {
    // a bug of the studio, not of the student's style: say so rather than show nothing
    say(`L’atelier n’a pas pu vérifier ce style (${e.message}) ; l’aperçu garde la dernière version valide.`);
    throw e;
  }
  const { style, problems } = checked;
  if (style) {
    if (text !== drawn) {
      drawn = text;
      map.show(style);
      document.body.dataset.applied = String(Number(document.body.dataset.applied ?? 0) + 1);
    }
    say('Style valide : l’aperçu le montre.');
  } else {
    say(`${problems.length} problème${problems.length > 1 ? 's' : ''} : ${problems[0].message} `
      + '(l’aperçu montre la dernière version valide).');
  }
  return problems.map((p) => ({ ...p, severity: 'error' }));
}, { delay: 300 });

const editor = new EditorView({
  parent: $('editor'),
  state: EditorState.create({ doc: '', extensions: [basicSetup, json(), lintGutter(), studioLinter, sizeGuard,
    // tabindex: the editable area is in the tab order anyway; said explicitly, checkers such as
    // axe see that the scrolling region around it has focusable content
    EditorView.contentAttributes.of({ 'aria-label': 'Style MapLibre (JSON)', tabindex: '0' })] }),
});

function load(text, from) {
  source = from;
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
  $('maputnik').hidden = !from;
  if (from) $('maputnik').href = `https://maputnik.github.io/editor/?style=${encodeURIComponent(origin + from)}`;
}

/** Forks a style of this server: its JSON, indented so that each property has its line. */
async function fork(path) {
  if (!path.startsWith('/styles/')) {
    say(`« ${path} » n’est pas un style de l’atlas : l’atelier part des styles servis sous /styles/.`);
    return;
  }
  try {
    load(JSON.stringify(await api.document(path), null, 2), path);
    say('Style chargé.');
  } catch (e) {
    say(`Ce style n’a pas pu être chargé : ${e.message}`);
  }
}

const option = (value, label) => Object.assign(document.createElement('option'), { value, textContent: label });

async function pickers() {
  const [{ styles }, catalogue] = await Promise.all([api.document('/styles/'), api.catalogue()]);
  const served = Object.assign(document.createElement('optgroup'), { label: 'Styles de l’atlas' });
  served.append(...styles.map((id) => option(`/styles/${id}.json`, id)));
  const generated = Object.assign(document.createElement('optgroup'), { label: 'Styles générés (un par indicateur)' });
  generated.append(...catalogue.themes.flatMap((t) => t.indicators).map((i) =>
    option(`/styles/choropleth/${i.id}.json?layout=france`, i.label)));
  $('fork').replaceChildren(served, generated);
}

async function share() {
  const url = `${origin}/studio/${await shareFragment(editor.state.doc.toString(), map.view())}`;
  $('share-link').value = url;
  $('share-link').hidden = false;
  $('share-link').select();
  try {
    await navigator.clipboard.writeText(url);
    say(`Lien copié (${formatNumber(url.length)} caractères) : il contient tout le style, rien n’est gardé sur le serveur.`);
  } catch {
    say('Lien prêt ci-dessous : copiez-le avec Ctrl+C. Il contient tout le style, rien n’est gardé sur le serveur.');
  }
}

function download() {
  const blob = new Blob([editor.state.doc.toString()], { type: 'application/json' });
  const a = Object.assign(document.createElement('a'), { href: URL.createObjectURL(blob), download: 'style.json' });
  a.click();
  URL.revokeObjectURL(a.href);
}

async function main() {
  const opened = await readFragment(window.location.hash);
  map = preview({ map: $('map'), layers: $('layers'), inspector: $('inspector'), view: $('view') }, opened.view);
  $('download').addEventListener('click', download);
  $('share').addEventListener('click', share);
  $('fork-form').addEventListener('submit', (e) => {
    e.preventDefault();
    history.replaceState(null, '', `?style=${encodeURIComponent($('fork').value)}${map.view() ? `#${viewParam(map.view())}` : ''}`);
    fork($('fork').value);
  });
  pickers().then(() => {
    const asked = new URLSearchParams(window.location.search).get('style') ?? DEFAULT_STYLE;
    // a style opened by its address (a level, a palette…) is not in the list: it heads it, chosen
    if (![...$('fork').options].some((o) => o.value === asked)) $('fork').prepend(option(asked, asked));
    $('fork').value = asked;
  }).catch((e) => say(`La liste des styles n’a pas pu être chargée : ${e.message}`));
  if (opened.error) {
    say(opened.error);
  } else if (opened.text !== null && opened.text.length > MAX_BYTES) {
    say(`Ce lien contient un style de ${megabytes(opened.text.length)} : l’atelier accepte ${megabytes(MAX_BYTES)} au plus.`);
  } else if (opened.text !== null) {
    load(opened.text, null);
    say('Style ouvert depuis un lien de partage.');
  } else {
    fork(new URLSearchParams(window.location.search).get('style') ?? DEFAULT_STYLE);
  }
}

// a share link pasted into the address bar of an open studio changes only the fragment, which
// does not reload the page: reload it, so that it opens what the link holds
window.addEventListener('hashchange', () => window.location.reload());

main();
