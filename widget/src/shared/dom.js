// A small element builder: h('p', { class: 'x', 'aria-label': '…' }, 'text', child).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'style' && typeof value === 'object') Object.assign(el.style, value);
    else el.setAttribute(name, value === true ? '' : value);
  }
  el.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return el;
}

let counter = 0;
/** An id unique in the page, for aria-controls and label-for between several widgets. */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}
