// Shared by the pages: the caller's key or token (kept in this browser), API calls, formatting.
'use strict';
const Aircheck = (() => {
  const KEY = 'aircheck.token';
  (function adoptTokenFromUrl() {
    const params = new URLSearchParams(location.search);
    const token = params.get('access_token');
    if (token) {
      localStorage.setItem(KEY, token);
      params.delete('access_token');
      const rest = params.toString();
      history.replaceState(null, '', location.pathname + (rest ? '?' + rest : '') + location.hash);
    }
  })();
  function token() { return localStorage.getItem(KEY) || ''; }
  function setToken(value) { if (value) localStorage.setItem(KEY, value.trim()); else localStorage.removeItem(KEY); }
  async function api(path) {
    const headers = { 'Accept': 'application/json' };
    if (token()) headers['Authorization'] = 'Bearer ' + token();
    const response = await fetch(path, { headers });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(body.message || ('HTTP ' + response.status));
      error.status = response.status;
      throw error;
    }
    return body;
  }
  // A media URL: media elements cannot send headers, so the token rides in the query.
  function media(path) {
    return token() ? path + (path.includes('?') ? '&' : '?') + 'access_token=' + encodeURIComponent(token()) : path;
  }
  function clock(seconds) {
    if (seconds == null || isNaN(seconds)) return '';
    const s = Math.max(0, Math.floor(seconds));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    const two = n => String(n).padStart(2, '0');
    return h > 0 ? h + ':' + two(m) + ':' + two(sec) : m + ':' + two(sec);
  }
  function el(tag, props, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v == null) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('data-') || k.startsWith('aria-') || k === 'href' || k === 'title' || k === 'role') e.setAttribute(k, v);
      else e[k] = v;
    }
    for (const c of children) if (c != null) e.append(c);
    return e;
  }
  return { token, setToken, api, media, clock, el };
})();
