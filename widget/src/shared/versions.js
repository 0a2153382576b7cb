// Tile URLs name their data version (`?v=N`, written by the TileJSON). After a publish the server
// keeps serving the version before for a grace period (10 minutes by default), so a map opened
// before it stays whole; but a page left open longer would then get 404 for its tiles, which
// MapLibre takes for "no data here" without a word: holes where the visitor pans.
//
// So when the map moves, at most once a minute, each source's TileJSON is asked for the current
// version (its URL without `v`: the browser's cache answers within its minute, then a 304
// revalidates it) and, when that is another version, the source is reloaded from the TileJSON of
// that version: every tile of the new version, none of the old. The legend is the page's:
// `onVersion` is told once per new version, and the widget then asks for its style and legend of
// that version (answering false when it could not: it is told again on a later move); the
// homepage says so and offers a reload.

const EVERY_MS = 60_000;

/** The data version a URL names (`v=`), or null. */
export function versionOf(url) {
  return /[?&]v=(\d+)/.exec(url ?? '')?.[1] ?? null;
}

/**
 * Follows new data versions on MapLibre map `gl` when it moves; `onVersion(version)` once per new
 * version, again later if it answers (or resolves to) false.
 */
export function followVersions(gl, { onVersion } = {}) {
  let last = 0;
  let told = null; // the version the page was told of, at first the one it opened with
  let removed = false; // a map removed while its TileJSON was asked for has no source left to ask of
  gl.once('remove', () => { removed = true; });
  gl.on('moveend', async () => {
    if (Date.now() - last < EVERY_MS) return;
    last = Date.now();
    for (const id of Object.keys(gl.getStyle()?.sources ?? {})) {
      if (removed) return;
      const source = gl.getSource(id);
      const held = versionOf(source?.tiles?.[0]);
      if (!held || !source.url || typeof source.setUrl !== 'function') continue;
      try {
        const asked = new URL(source.url);
        asked.searchParams.delete('v');
        const res = await fetch(asked);
        const current = res.ok ? versionOf((await res.json()).tiles?.[0]) : null;
        // the source may have been replaced meanwhile (another indicator): only reload the one asked about
        if (removed) return;
        if (!current || gl.getSource(id) !== source) continue;
        told ??= held;
        if (current !== held) {
          const next = new URL(source.url);
          if (next.searchParams.has('v')) next.searchParams.set('v', current);
          source.setUrl(next.href);
        }
        if (told !== current) {
          const before = told;
          told = current;
          Promise.resolve(onVersion?.(current)).then((followed) => {
            if (followed === false && told === current) told = before;
          });
        }
      } catch {
        // offline for a moment: the next move asks again
      }
    }
  });
}
