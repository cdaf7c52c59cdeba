// The JSON API client. Every call rejects with an ApiError carrying the
// server's message, so screens can show it as it is.

const BASE = '/api/v1';

/**
 * ApiError is a failed API call: status 0 means the server was
 * unreachable. retryAfter holds the seconds of a Retry-After header (429);
 * data is the decoded answer (a 412 carries the stored entity as current).
 */
export class ApiError extends Error {
  constructor(status, message, retryAfter = 0, data = null) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
    this.data = data;
  }
}

// While the page is being left, requests are sent with keepalive so the
// browser finishes them after the page is gone.
let leaving = false;

/** setLeaving marks the page as being left (pagehide) or shown again. */
export function setLeaving(v) {
  leaving = !!v;
}

// The signed-in session (team mode): its CSRF token, kept in memory only
// and sent with every change, and who to tell when the server answers 401.
let csrfToken = '';
let onSessionEnd = null;

/** setCsrfToken sets the token sent as X-Tessera-CSRF on every change ('' for none). */
export function setCsrfToken(token) {
  csrfToken = token || '';
}

/** onUnauthorized registers fn, called with the path of any 401 answer but a sign-in's. */
export function onUnauthorized(fn) {
  onSessionEnd = fn;
}

/**
 * clientId names this tab (made once per page load). Every request carries
 * it as X-Tessera-Client and the event stream echoes it with the changes
 * the request made, so the tab can tell its own changes from others'.
 */
export const clientId = 'c' + Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => b.toString(16).padStart(2, '0')).join('');

// authHeaders adds the tab's ID, and the CSRF token to the headers of a
// state-changing method.
function authHeaders(method, headers) {
  headers['X-Tessera-Client'] = clientId;
  if (csrfToken && !['GET', 'HEAD', 'OPTIONS'].includes(method)) headers['X-Tessera-CSRF'] = csrfToken;
  return headers;
}

// failed builds the error of an answer with status, body data and
// Retry-After header, telling the session when it ended.
function failed(path, status, statusText, data, retryAfter) {
  if (status === 401 && path !== '/login' && onSessionEnd) onSessionEnd(path);
  const secs = parseInt(retryAfter || '', 10);
  return new ApiError(status, (data && data.error) || `${status} ${statusText}`, Number.isFinite(secs) ? secs : 0, data);
}

function query(params) {
  if (!params) return '';
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
    else q.set(k, String(v));
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

/**
 * api calls METHOD path (relative to /api/v1) with an optional JSON body
 * and query parameters, and resolves with the decoded answer (null for an
 * empty one). opts.version sends If-Match with that entity version, so the
 * server refuses (412) a change to an entity changed meanwhile; opts.text
 * resolves with the answer's text as it came (an SVG figure, say).
 */
export async function api(method, path, body, params, opts = {}) {
  const init = { method, headers: authHeaders(method, { Accept: 'application/json' }) };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (opts.version) init.headers['If-Match'] = `"${opts.version}"`;
  // Browsers cap keepalive bodies at 64 KiB.
  if (leaving && (!init.body || init.body.length < 60000)) init.keepalive = true;
  let res;
  try {
    res = await fetch(BASE + path + query(params), init);
  } catch (e) {
    throw new ApiError(0, 'The Tessera server cannot be reached. Is it still running?');
  }
  const text = await res.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!res.ok) throw failed(path, res.status, res.statusText, data, res.headers.get('Retry-After'));
  return opts.text ? text : data;
}

export const get = (path, params) => api('GET', path, undefined, params);
export const post = (path, body, params) => api('POST', path, body, params);
export const patch = (path, body, params, opts) => api('PATCH', path, body, params, opts);
export const put = (path, body, params) => api('PUT', path, body, params);
export const del = (path, params) => api('DELETE', path, undefined, params);

/** apiURL is the address of an API path with query parameters (for EventSource and links). */
export const apiURL = (path, params) => BASE + path + query(params);

/** projectPath returns the API path of a project's sub-resource. */
export const pp = (pid, rest = '') => `/projects/${encodeURIComponent(pid)}${rest}`;

/**
 * upload sends one file as multipart form data (with fields) to the
 * project's document route, reporting progress (0..1) through onProgress,
 * and resolves with the server's import report.
 */
export function upload(pid, file, fields, onProgress, params) {
  return uploadTo(pp(pid, '/documents'), file, fields, onProgress, params);
}

/** uploadTo sends one file as the multipart field `file` (with fields) to an API path. */
export function uploadTo(path, file, fields, onProgress, params) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields || {})) if (v) form.append(k, v);
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', BASE + path + query(params));
    for (const [k, v] of Object.entries(authHeaders('POST', { Accept: 'application/json' }))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(0, 'The Tessera server cannot be reached.'));
    xhr.onload = () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch { data = null; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(failed(path, xhr.status, xhr.statusText, data, xhr.getResponseHeader('Retry-After')));
    };
    xhr.send(form);
  });
}
