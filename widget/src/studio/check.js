// What the studio says about a style text before the preview may draw it: JSON syntax, the
// official validator's messages at their lines, and URLs that would leave the atlas. Each
// problem is { from, to, message } in the text, ready to be a CodeMirror diagnostic.
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { parser } from '@lezer/json';

/** A paste larger than this is refused: the largest generated style is ~100 KB, and a 5 MB
 *  document would freeze the page's editor and validator for seconds. */
export const MAX_BYTES = 1_000_000;

/**
 * Checks a style text. Returns { style, problems }: the parsed style (plain JSON, for the map)
 * when there is no problem, otherwise null and at least one problem.
 * @param {string} text the editor's text
 * @param {string} origin the atlas's origin: every URL of the style must start with it
 */
export function checkStyle(text, origin) {
  // a whole parse of its own: the editor's tree is parsed in time slices, and may not reach the
  // end of a long style yet when the check runs
  const tree = parser.parse(text);
  let style;
  try {
    style = JSON.parse(text);
  } catch (e) {
    const at = firstError(tree) ?? text.length;
    return { style: null, problems: [{ from: at, to: Math.min(at + 1, text.length), message:
      `JSON invalide : ${e.message}. L’aperçu garde la dernière version valide.` }] };
  }
  const lines = lineStarts(text);
  const problems = validateStyleMin(withLines(tree.topNode, text, lines)).map((error) => {
    const line = Math.min(error.line ?? 1, lines.length);
    return { from: lines[line - 1], to: lineEnd(text, lines[line - 1]),
      message: `Style MapLibre invalide : ${error.message}` };
  });
  if (problems.length === 0) problems.push(...foreign(style, origin, text));
  return { style: problems.length ? null : style, problems };
}

/** Where the parser met the first syntax error, or null. */
function firstError(tree) {
  let at = null;
  tree.iterate({ enter(node) {
    if (at === null && node.type.isError) at = node.from;
    return at === null;
  } });
  return at;
}

function lineStarts(text) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function lineEnd(text, from) {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

function lineOf(lines, pos) {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid] <= pos) lo = mid; else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * The JSON value of a syntax node in the form the validator reads line numbers from (that of
 * jsonlint, which its command-line tool uses): numbers, strings and booleans as wrapper objects
 * with a `__line__`, objects and arrays with a hidden one.
 */
function withLines(node, text, lines) {
  const line = lineOf(lines, node.from);
  const source = () => text.slice(node.from, node.to);
  const children = (name) => node.getChildren(name);
  const hidden = (value) => Object.defineProperty(value, '__line__', { value: line, enumerable: false });
  switch (node.name) {
    case 'JsonText': return withLines(node.firstChild, text, lines);
    case 'Object': {
      const object = hidden({});
      for (const property of children('Property')) {
        const name = property.getChild('PropertyName');
        const value = property.lastChild;
        object[JSON.parse(text.slice(name.from, name.to))] = withLines(value, text, lines);
      }
      return object;
    }
    case 'Array': {
      const array = [];
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (!['[', ']', ','].includes(child.name)) array.push(withLines(child, text, lines));
      }
      return hidden(array);
    }
    case 'Null': return null;
    default: {
      // eslint-disable-next-line no-new-wrappers -- the validator's line numbers ride on wrappers
      const value = node.name === 'String' ? new String(JSON.parse(source()))
        : node.name === 'Number' ? new Number(JSON.parse(source())) : new Boolean(node.name === 'True');
      value.__line__ = line;
      return value;
    }
  }
}

/** URLs a style would fetch: its sources, glyphs and sprite. */
function urls(style) {
  const found = [];
  for (const source of Object.values(style.sources ?? {})) {
    if (typeof source.url === 'string') found.push(source.url);
    if (Array.isArray(source.tiles)) found.push(...source.tiles);
    if (typeof source.data === 'string') found.push(source.data);
    if (Array.isArray(source.urls)) found.push(...source.urls);
  }
  if (typeof style.glyphs === 'string') found.push(style.glyphs);
  const sprites = typeof style.sprite === 'string' ? [style.sprite] : (style.sprite ?? []).map((s) => s.url);
  return found.concat(sprites);
}

/**
 * The style's URLs that point outside the atlas: the studio previews the atlas's data only, so
 * that a pasted style makes no request to a server the student did not choose to trust.
 */
function foreign(style, origin, text) {
  return urls(style).filter((url) => !String(url).startsWith(`${origin}/`)).map((url) => {
    const at = text.indexOf(JSON.stringify(url).slice(1, -1));
    const from = Math.max(at, 0);
    const absolute = /^[a-z][a-z0-9+.-]*:/i.test(url);
    return { from, to: at < 0 ? 0 : from + String(url).length, message: absolute
      ? `Adresse hors de l’atlas : ${url}. L’atelier n’affiche que les données de ${origin} ; rien n’a été demandé à ce serveur.`
      : `Adresse incomplète : ${url}. MapLibre demande une adresse entière, par exemple ${origin}/tiles/regions.json.` };
  });
}
