// The search page: the form's state lives in the URL (?q=...), so results can be linked and Back works.
'use strict';
(() => {
  const { api, clock, el } = Aircheck;
  const form = document.getElementById('search');
  const FIELDS = ['q', 'speaker', 'room', 'since', 'until', 'live', 'sort'];
  const PAGE_SIZE = 20;

  function readUrl() {
    const params = new URLSearchParams(location.search);
    for (const name of FIELDS) document.getElementById(name).value = params.get(name) || '';
    return params;
  }

  function apiQuery(params) {
    const query = new URLSearchParams();
    for (const name of FIELDS) {
      const value = params.get(name);
      if (!value) continue;
      // dates from the form are days: "until" includes the whole day
      if (name === 'until' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
        const next = new Date(value + 'T00:00:00Z'); next.setUTCDate(next.getUTCDate() + 1);
        query.set(name, next.toISOString().slice(0, 10));
      } else query.set(name, value);
    }
    query.set('page', params.get('page') || '1');
    query.set('size', String(PAGE_SIZE));
    return query;
  }

  function hasSearch(params) { return FIELDS.some(n => params.get(n)); }

  function contextLine(line) {
    return el('div', { class: 'context' }, el('span', { class: 'speaker', text: line.speaker + ': ' }), line.text);
  }

  function renderHit(hit) {
    const text = el('div', { class: 'hit-text' });
    text.append(el('span', { class: 'speaker', text: hit.speaker + ': ' }));
    const said = el('span', { class: 'said' });
    said.innerHTML = hit.highlight; // server-escaped HTML, only <mark> added
    text.append(said);
    const when = hit.offsetSeconds != null ? 'at ' + clock(hit.offsetSeconds) : '';
    const head = el('div', { class: 'hit-head' },
      el('a', { class: 'hit-link', href: hit.link, text: hit.roomTitle, 'data-segment': hit.segmentId }),
      hit.live ? el('span', { class: 'live', text: 'LIVE' }) : null,
      el('span', { class: 'meta', text: when + ' · ' + new Date(hit.spokenAt).toLocaleString() }));
    return el('li', { class: 'hit', 'data-segment': hit.segmentId }, head,
      ...hit.before.map(contextLine), text, ...hit.after.map(contextLine));
  }

  function renderPager(params, results) {
    const pager = document.getElementById('pager');
    pager.textContent = '';
    const page = results.page;
    const last = Math.ceil(results.total / results.size);
    const go = p => { const next = new URLSearchParams(params); next.set('page', String(p)); return '/?' + next.toString(); };
    if (page > 1) pager.append(el('a', { href: go(page - 1), text: '← Previous' }));
    pager.append(el('span', { class: 'meta', text: 'page ' + page }));
    if (page < last && page * results.size < 10000) pager.append(el('a', { href: go(page + 1), text: 'Next →' }));
  }

  async function runSearch(params) {
    const summary = document.getElementById('summary');
    const hits = document.getElementById('hits');
    hits.textContent = '';
    document.getElementById('pager').textContent = '';
    if (!hasSearch(params)) { summary.textContent = ''; return; }
    summary.textContent = 'Searching…';
    try {
      const results = await api('/api/search?' + apiQuery(params).toString());
      summary.textContent = results.total === 0 ? 'Nothing found.' :
        (results.totalIsExact ? '' : 'more than ') + results.total + ' moment' + (results.total === 1 ? '' : 's') + ' found';
      for (const hit of results.hits) hits.append(renderHit(hit));
      if (results.total > 0) renderPager(params, results);
    } catch (e) {
      summary.textContent = '';
      hits.append(el('li', { class: 'error', text: e.message }));
    }
  }

  async function loadRooms() {
    const list = document.getElementById('rooms');
    try {
      const page = await api('/api/rooms?size=50');
      list.textContent = '';
      if (page.items.length === 0) { list.append(el('li', { class: 'meta', text: 'No rooms yet.' })); return; }
      for (const room of page.items) {
        const speakers = room.speakers.map(s => s.displayName || s.participantId).join(', ');
        list.append(el('li', {},
          el('a', { href: room.links.replay, text: room.title || room.roomId }),
          room.live ? ' ' : null, room.live ? el('span', { class: 'live', text: 'LIVE' }) : null,
          el('div', { class: 'meta', text: new Date(room.startedAt).toLocaleString() + ' · ' + clock(room.durationMs / 1000) +
            ' · ' + (speakers || 'no speakers') + ' · peak ' + room.listenerPeak + ' listening' })));
      }
    } catch (e) { list.textContent = ''; list.append(el('li', { class: 'error', text: 'Could not load rooms: ' + e.message })); }
  }

  async function who() {
    try {
      const me = await api('/api/me');
      document.getElementById('who').textContent = me.anonymous ? '' : 'signed in as ' + me.name + ' (' + me.role + ')';
    } catch (e) { document.getElementById('who').textContent = e.message; }
  }

  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const params = new URLSearchParams();
    for (const name of FIELDS) { const v = document.getElementById(name).value.trim(); if (v) params.set(name, v); }
    history.pushState(null, '', '/?' + params.toString());
    runSearch(params);
  });
  window.addEventListener('popstate', () => runSearch(readUrl()));
  document.getElementById('save-token').addEventListener('click', () => { Aircheck.setToken(document.getElementById('token').value); location.reload(); });
  document.getElementById('forget-token').addEventListener('click', () => { Aircheck.setToken(''); location.reload(); });

  runSearch(readUrl());
  loadRooms();
  who();
})();
