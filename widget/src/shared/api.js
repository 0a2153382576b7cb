// The atlas's public contract as seen from a browser: the data API and the generated styles.
// One client per server base URL; answers that do not change within a data version are shared
// by every widget of the page, failures are not (a retry must ask again).

/** What went wrong, in words a reader of the page can act on. */
export class AtlasError extends Error {
  /**
   * @param {'unreachable'|'not-found'|'bad-request'} kind
   * @param {string} message French, shown in the page
   * @param {object} [problem] the RFC 9457 body the server sent
   */
  constructor(kind, message, problem = {}) {
    super(message);
    this.kind = kind;
    this.problem = problem;
  }
}

const memo = new Map();
/**
 * Per server, the data version whose publication made its kept answers forgotten, and until when
 * its answers are then asked again from it: a browser's cache may hold the version before for
 * their max-age (60 s).
 */
const forgotten = new Map();

export function createApi(base) {
  const root = base.replace(/\/$/, '');
  const enc = encodeURIComponent;

  async function get(path, { keep = true } = {}) {
    const url = root + path;
    if (keep && memo.has(url)) return memo.get(url);
    const answer = fetchJson(url);
    if (keep) {
      memo.set(url, answer);
      answer.catch(() => { if (memo.get(url) === answer) memo.delete(url); });
    }
    return answer;
  }

  async function fetchJson(url) {
    let res;
    try {
      const revalidate = Date.now() < (forgotten.get(root)?.until ?? 0);
      res = await fetch(url, { credentials: 'omit', cache: revalidate ? 'no-cache' : 'default' });
    } catch {
      throw new AtlasError('unreachable', `Le serveur de l’atlas ne répond pas (${root}).`);
    }
    if (res.status >= 500) {
      throw new AtlasError('unreachable', `Le serveur de l’atlas est en difficulté (erreur ${res.status}).`);
    }
    if (!res.ok) {
      let problem = {};
      try { problem = await res.json(); } catch { /* not a problem document */ }
      throw new AtlasError(res.status === 404 ? 'not-found' : 'bad-request', problem.detail ?? res.statusText, problem);
    }
    return res.json();
  }

  const query = (params) => {
    const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v != null && v !== ''));
    return q.size ? `?${q}` : '';
  };

  return {
    base: root,
    /** Data version `version` was published: this server's answers kept may be of the version before. */
    forget(version) {
      if (forgotten.get(root)?.version !== version) forgotten.set(root, { version, until: Date.now() + 60_000 });
      for (const url of memo.keys()) if (url.startsWith(`${root}/`)) memo.delete(url);
    },
    catalogue: () => get('/api/indicators'),
    indicator: (id) => get(`/api/indicators/${enc(id)}`),
    /** A page of a level's values (a table shows 200 rows, not 35,000): { total, matching, offset, values }. */
    page: (id, level, { q, offset, limit }) => get(`/api/indicators/${enc(id)}/values${query({ level, q, offset, limit })}`),
    /** One territory's value and rank, for a tooltip. */
    value: (id, level, code) => get(`/api/indicators/${enc(id)}/values/${enc(code)}${query({ level })}`),
    style: (id, params) => get(`/styles/choropleth/${enc(id)}.json${query(params)}`),
    /** The 3 × 3 bivariate choropleth of two indicators at a level. */
    bivariate: (x, y, params) => get(`/styles/bivariate/${enc(x)}/${enc(y)}.json${query(params)}`),
    /** Two indicators crossed: the points that have both, Pearson's r, Spearman's ρ, the least-squares line. */
    cross: (x, y, level, { points = true } = {}) => get(`/api/cross${query({ x, y, level, points: points ? null : 'false' })}`),
    baseStyle: (name) => get(`/styles/${name}.json`),
    /** Any JSON document of this server by its path (the style studio forks any style); not kept. */
    document: (path) => get(path, { keep: false }),
    territory: (level, code) => get(`/api/territories/${enc(level)}/${enc(code)}`, { keep: false }),
    search: (q) => get(`/api/territories/search${query({ q })}`),
    /** The territory's printable portrait page, made by the server (France: level 'france'). */
    portraitUrl: (level, code, indicator) => `${root}/portrait/${level === 'france' ? 'france' : `${enc(level)}/${enc(code)}`}${query({ indicator })}`,
    /** The open-data download, separated by ";" with decimal commas, as a French Excel expects. */
    csvUrl: (id, level) => `${root}/api/indicators/${enc(id)}/values${query({ level, format: 'csv', separator: ';' })}`,
  };
}
