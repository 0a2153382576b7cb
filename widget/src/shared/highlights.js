// The hovered and the selected territory as MapLibre feature states of the indicator source,
// kept across style changes. A state set while a new style loads would throw ("Style is not done
// loading": a territory chosen right after a change of indicator or level), and a new style
// starts with no state at all, so the wanted states are remembered and painted again each time
// a style has loaded.

/** The line layer that draws those states over a level of the indicator: 3 px selected, 2 px hovered. */
export function outlineLayer(level) {
  return {
    id: 'atlas-outline', type: 'line', source: 'indicator', 'source-layer': level,
    paint: {
      'line-color': '#161616',
      'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3,
        ['boolean', ['feature-state', 'hover'], false], 2, 0],
    },
  };
}

export function highlights(gl, source = 'indicator') {
  const wanted = new Map(); // kind ('hover', 'selected') → { layer, id }

  function paint(kind, { layer, id }, on) {
    try {
      gl.setFeatureState({ source, sourceLayer: layer, id }, { [kind]: on });
    } catch (e) {
      // the style is loading: 'style.load' paints the wanted states once it has
      if (!/not done loading/.test(e.message)) throw e;
    }
  }

  gl.on('style.load', () => {
    for (const [kind, target] of wanted) paint(kind, target, true);
  });

  /** Marks one territory of a layer as `kind` (null: none), unmarking the previous one. */
  function set(kind, layer, id) {
    const previous = wanted.get(kind);
    if (previous) paint(kind, previous, false);
    if (id === null || id === undefined) {
      wanted.delete(kind);
    } else {
      wanted.set(kind, { layer, id });
      paint(kind, { layer, id }, true);
    }
  }

  return {
    set,
    /** Unmarks everything, before a style whose territories may be others. */
    clear() {
      for (const kind of [...wanted.keys()]) set(kind, null, null);
    },
  };
}
