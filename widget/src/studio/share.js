// A share link carries the whole style in the address's fragment, compressed (deflate, then
// base64url): nothing is stored on the server, so there is nothing to moderate, and a fragment
// is never sent in a request. `carte=zoom/lat/lon` keeps the view.
import { MAX_BYTES } from './check.js';

/** The fragment of a link to `text` seen at `view` ({ zoom, lat, lon }). */
export async function shareFragment(text, view) {
  const bytes = await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const style = btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  return `#${viewParam(view)}&style=${style}`;
}

export const viewParam = ({ zoom, lat, lon }) => `carte=${zoom.toFixed(2)}/${lat.toFixed(5)}/${lon.toFixed(5)}`;

/**
 * What a fragment holds: { text, view } (either may be null), or { error } in French when it is
 * not a link the studio made (truncated, edited by hand).
 */
export async function readFragment(fragment, maxBytes = MAX_BYTES) {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const result = { text: null, view: null };
  if (params.has('carte')) {
    const [zoom, lat, lon] = params.get('carte').split('/').map(Number);
    if ([zoom, lat, lon].every(Number.isFinite)) result.view = { zoom, lat, lon };
  }
  if (params.has('style')) {
    try {
      const binary = atob(params.get('style').replaceAll('-', '+').replaceAll('_', '/'));
      const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
      const inflated = await inflate(bytes, maxBytes);
      if (inflated === null) {
        return { error: `Ce lien de partage contient un style de plus de ${Math.round(maxBytes / 1e6)} Mo : l’atelier ne l’ouvre pas.` };
      }
      result.text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
    } catch {
      return { error: 'Ce lien de partage est abîmé (tronqué ou modifié) : le style qu’il contenait ne peut pas être lu. '
        + 'Demandez le lien complet à qui vous l’a envoyé, ou partez d’un style de l’atlas.' };
    }
  }
  return result;
}

/**
 * The inflated bytes, or null past maxBytes: read a chunk at a time and cancelled there, so that
 * a link of a few kilobytes that inflates to gigabytes (deflate reaches 1000:1) never fills memory.
 */
async function inflate(bytes, maxBytes) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

async function pipe(bytes, transform) {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
