// The replay page: HLS (hls.js, or native HLS) or a master as fallback; the transcript follows playback,
// a click on a word seeks there; lanes show who spoke when; ?t= seconds starts at a moment.
'use strict';
(() => {
  const { api, media, clock, el } = Aircheck;
  const [, , roomId, sessionId] = location.pathname.split('/');
  const startAt = parseFloat(new URLSearchParams(location.search).get('t'));
  const player = document.getElementById('player');
  const status = document.getElementById('status');
  const base = '/api/rooms/' + encodeURIComponent(roomId) + '/sessions/' + encodeURIComponent(sessionId);
  let room = null, hls = null, lines = [], items = [], current = -1, nextCursor = null, events = [];

  function setStatus(text) { status.textContent = text || ''; }

  // --- playing --------------------------------------------------------------------------------
  async function exists(url) {
    const headers = Aircheck.token() ? { 'Authorization': 'Bearer ' + Aircheck.token() } : {};
    const r = await fetch(url, { method: 'HEAD', headers });
    return r.ok;
  }

  async function attachSource() {
    const playlist = base + '/hls/playlist.m3u8';
    if (await exists(playlist)) {
      if (window.Hls && Hls.isSupported()) {
        hls = new Hls({ liveDurationInfinity: true, backBufferLength: 600 });
        hls.on(Hls.Events.ERROR, (_, data) => { if (data.fatal) setStatus('Playback error: ' + data.details); });
        hls.loadSource(media(playlist));
        hls.attachMedia(player);
        return 'hls.js';
      }
      if (player.canPlayType('application/vnd.apple.mpegurl')) { player.src = media(playlist); return 'native HLS'; }
    }
    for (const master of ['recording.opus', 'recording.m4a']) {
      const url = base + '/' + master;
      const type = master.endsWith('opus') ? 'audio/ogg; codecs=opus' : 'audio/mp4';
      if (player.canPlayType(type) && await exists(url)) { player.src = media(url); return master; }
    }
    return null;
  }

  function startPlayback() {
    const begin = () => {
      if (!isNaN(startAt)) player.currentTime = startAt;
      const playing = player.play();
      if (playing) playing.catch(() => setStatus(isNaN(startAt) ? 'Press play to listen.' : 'Press play to listen from ' + clock(startAt) + '.'));
    };
    if (player.readyState >= 1) begin(); else player.addEventListener('loadedmetadata', begin, { once: true });
  }

  function liveEdge() {
    if (hls && hls.liveSyncPosition != null) return hls.liveSyncPosition;
    return player.seekable.length ? player.seekable.end(player.seekable.length - 1) : player.duration;
  }

  // --- transcript -----------------------------------------------------------------------------
  function renderLine(line) {
    const text = el('span', { class: 'text' });
    if (line.words.length) {
      line.words.forEach((w, i) => {
        if (i > 0) text.append(' ');
        text.append(el('span', { class: 'word', 'data-t': (w.startMs / 1000).toFixed(3), title: clock(w.startMs / 1000), text: w.text }));
      });
    } else {
      text.append(el('span', { class: 'word', 'data-t': (line.startMs / 1000).toFixed(3), text: line.text }));
    }
    return el('li', { class: 'segment', 'data-segment': line.segmentId, 'data-start': line.startMs, 'data-end': line.endMs },
      el('a', { class: 'time', href: '?t=' + (line.startMs / 1000).toFixed(3), 'data-t': (line.startMs / 1000).toFixed(3), text: clock(line.startMs / 1000) }),
      el('span', { class: 'speaker', text: line.speaker + ': ' }), text);
  }

  async function loadTranscript() {
    const list = document.getElementById('transcript');
    let first = lines.length === 0;
    do {
      const page = await api(base + '/segments?size=1000' + (nextCursor ? '&cursor=' + encodeURIComponent(nextCursor) : ''));
      if (first) { list.textContent = ''; first = false; }
      for (const line of page.segments) {
        lines.push(line);
        const item = renderLine(line);
        items.push(item);
        list.append(item);
      }
      if (page.resume) nextCursor = page.resume;
      if (!page.next) break;
    } while (true);
    if (lines.length === 0) list.replaceChildren(el('li', { class: 'meta', text: room && room.live ? 'Nothing said yet.' : 'No transcript for this room.' }));
    drawLanes();
    markCurrent();
  }

  // The segment being heard: the last one that has started (50 ms of slack for rounding).
  function segmentAt(seconds) {
    const ms = seconds * 1000 + 50;
    let lo = 0, hi = lines.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (lines[mid].startMs <= ms) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  function markCurrent() {
    const index = segmentAt(player.currentTime || 0);
    if (index === current) return;
    if (current >= 0 && items[current]) { items[current].classList.remove('current'); items[current].removeAttribute('aria-current'); }
    current = index;
    if (index >= 0) {
      items[index].classList.add('current');
      items[index].setAttribute('aria-current', 'true');
      const list = document.getElementById('transcript');
      const top = items[index].offsetTop - list.offsetTop;
      if (top < list.scrollTop || top > list.scrollTop + list.clientHeight - items[index].offsetHeight) {
        list.scrollTop = Math.max(0, top - list.clientHeight / 3);
      }
    }
    movePlayheads();
  }

  function seek(seconds) {
    player.currentTime = seconds;
    const playing = player.play();
    if (playing) playing.catch(() => {});
  }

  // --- who spoke when -------------------------------------------------------------------------
  function totalMs() {
    const fromRoom = room && room.durationMs ? room.durationMs : 0;
    const fromLines = lines.length ? lines[lines.length - 1].endMs : 0;
    const fromPlayer = isFinite(player.duration) ? player.duration * 1000 : 0;
    return Math.max(fromRoom, fromLines, fromPlayer, 1);
  }

  function drawLanes() {
    const box = document.getElementById('lanes');
    box.textContent = '';
    const total = totalMs();
    const bySpeaker = new Map();
    for (const line of lines) {
      if (!bySpeaker.has(line.participantId)) bySpeaker.set(line.participantId, { name: line.speaker, spans: [] });
      const spans = bySpeaker.get(line.participantId).spans;
      const last = spans[spans.length - 1];
      if (last && line.startMs - last[1] <= 1500) last[1] = Math.max(last[1], line.endMs); else spans.push([line.startMs, line.endMs]);
    }
    const lane = (name, fill) => {
      const track = el('div', { class: 'track', role: 'presentation' });
      fill(track);
      track.append(el('div', { class: 'playhead' }));
      track.addEventListener('click', ev => { const r = track.getBoundingClientRect(); seek(((ev.clientX - r.left) / r.width) * total / 1000); });
      box.append(el('div', { class: 'lane' }, el('span', { class: 'name', title: name, text: name }), track));
    };
    for (const [id, speaker] of bySpeaker) {
      lane(speaker.name, track => {
        for (const [s, e] of speaker.spans) {
          track.append(el('div', { class: 'bar', 'data-speaker': id, title: speaker.name + ' ' + clock(s / 1000) + '–' + clock(e / 1000),
            style: 'left:' + (100 * s / total) + '%;width:' + Math.max(0.3, 100 * (e - s) / total) + '%' }));
        }
      });
    }
    if (events.length) {
      lane('stage', track => {
        for (const e of events) track.append(el('div', { class: 'event', title: clock(e.ms / 1000) + ' ' + e.label, style: 'left:' + (100 * e.ms / total) + '%' }));
      });
    }
    movePlayheads();
  }

  function movePlayheads() {
    const left = (100 * (player.currentTime || 0) * 1000 / totalMs()) + '%';
    for (const head of document.querySelectorAll('.playhead')) head.style.left = left;
  }

  // Stage changes, when the timeline job's document lists events with a time and a type.
  async function loadEvents() {
    try {
      const doc = await api(base + '/timeline.json');
      const list = Array.isArray(doc.events) ? doc.events : [];
      const start = room ? Date.parse(room.startedAt) : 0;
      events = list.map(e => {
        const ms = e.offsetMs != null ? e.offsetMs : e.atMs != null ? e.atMs - start : e.timestampUs != null ? e.timestampUs / 1000 - start : null;
        return { ms, label: [e.type || e.kind || 'event', e.displayName || e.participantId || ''].join(' ').trim() };
      }).filter(e => e.ms != null && e.ms >= 0);
      if (events.length) drawLanes();
    } catch (e) { /* the timeline is optional for the page */ }
  }

  // --- page -----------------------------------------------------------------------------------
  document.getElementById('transcript').addEventListener('click', ev => {
    const target = ev.target.closest('[data-t]');
    if (!target) return;
    ev.preventDefault();
    seek(parseFloat(target.getAttribute('data-t')));
  });
  player.addEventListener('timeupdate', markCurrent);
  player.addEventListener('seeking', markCurrent); // at once, not when the data is there
  player.addEventListener('seeked', markCurrent);
  player.addEventListener('playing', () => setStatus(''));
  player.addEventListener('durationchange', drawLanes);
  document.getElementById('jump-live').addEventListener('click', () => seek(liveEdge()));

  async function main() {
    try {
      room = await api(base);
    } catch (e) {
      document.getElementById('title').textContent = e.status === 404 ? 'Not found' : 'Cannot open this room';
      setStatus(e.message);
      document.getElementById('transcript').textContent = '';
      return;
    }
    document.title = 'aircheck: ' + (room.title || room.roomId);
    document.getElementById('title').textContent = room.title || room.roomId;
    document.getElementById('meta').textContent = new Date(room.startedAt).toLocaleString() + ' · ' + clock(room.durationMs / 1000) +
      ' · speakers: ' + (room.speakers.map(s => s.displayName || s.participantId).join(', ') || 'none') + ' · peak ' + room.listenerPeak + ' listening';
    document.getElementById('live-badge').hidden = !room.live;
    document.getElementById('jump-live').hidden = !room.live;
    // the transcript and the player load side by side: the current line is marked as playback starts
    const transcript = loadTranscript().catch(e => document.getElementById('transcript').replaceChildren(el('li', { class: 'error', text: e.message })));
    const source = await attachSource();
    if (!source) setStatus(room.live ? 'This room is live; its first segment is still being recorded.' : 'The recording is not available yet.');
    else startPlayback();
    await transcript;
    if (!room.live) {
      const links = [];
      for (const [file, label] of [['recording.opus', 'Opus'], ['recording.m4a', 'M4A']]) {
        if (await exists(base + '/' + file)) links.push(el('a', { href: media(base + '/' + file + '?download'), text: label }));
      }
      links.push(el('a', { href: media(base + '/transcript.vtt'), text: 'WebVTT' }), el('a', { href: media(base + '/transcript.json'), text: 'JSON' }));
      const dl = document.getElementById('downloads');
      dl.append('Download: ');
      links.forEach((a, i) => { if (i > 0) dl.append(' · '); dl.append(a); });
    }
    loadEvents();
    if (room.live) setInterval(() => loadTranscript().catch(() => {}), 4000);
  }
  main();
})();
