// StreamCDK player: plays HLS (TS or CMAF) with hls.js (Safari's own HLS where hls.js cannot
// run) and DASH with dash.js, and shows what an engineer checks. window.streamcdk holds the same
// state for tests.
(function () {
  'use strict';
  var video = document.getElementById('video');
  var state = window.streamcdk = { format: '', live: false, rendition: null, ladder: [], buffer: 0, latency: null, error: '', time: 0 };
  var engine = null;

  function $(id) { return document.getElementById(id); }
  function kbps(b) { return Math.round(b / 1000) + ' kb/s'; }
  function describe(r) { return r ? r.width + 'x' + r.height + ' at ' + kbps(r.bitrate) : '-'; }

  function fail(message) {
    state.error = message;
    $('error').textContent = message;
    $('error').hidden = false;
  }

  function reset() {
    if (engine && engine.destroy) engine.destroy();
    if (engine && engine.reset) engine.reset();
    engine = null;
    state.rendition = null; state.ladder = []; state.error = ''; state.latency = null; state.live = false;
    $('error').hidden = true;
    video.removeAttribute('src');
  }

  function formatOf(url, chosen) {
    if (chosen) return chosen;
    var path = url.split('?')[0].toLowerCase();
    return path.endsWith('.mpd') ? 'dash' : 'hls';
  }

  function playHls(url) {
    if (window.Hls && Hls.isSupported()) {
      var hls = engine = new Hls({ lowLatencyMode: true });
      hls.on(Hls.Events.MANIFEST_PARSED, function (e, data) {
        state.ladder = data.levels.map(function (l) { return { width: l.width, height: l.height, bitrate: l.bitrate }; });
      });
      hls.on(Hls.Events.LEVEL_LOADED, function (e, data) { state.live = !!data.details.live; });
      hls.on(Hls.Events.LEVEL_SWITCHED, function (e, data) { state.rendition = state.ladder[data.level] || null; });
      hls.on(Hls.Events.ERROR, function (e, data) {
        if (data.fatal) fail('Playback failed: ' + (data.details || data.type) + (data.response && data.response.code ? ' (HTTP ' + data.response.code + ')' : ''));
      });
      hls.loadSource(url);
      hls.attachMedia(video);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = url; // Safari plays HLS itself
    } else {
      fail('This browser can play neither HLS (no Media Source Extensions) nor native HLS.');
    }
  }

  function playDash(url) {
    if (!window.dashjs) { fail('dash.js did not load.'); return; }
    var player = engine = dashjs.MediaPlayer().create();
    var ev = dashjs.MediaPlayer.events;
    function rep(r) { return r ? { width: r.width, height: r.height, bitrate: r.bandwidth || r.bitrateInKbit * 1000 } : null; }
    player.on(ev.STREAM_INITIALIZED, function () {
      state.live = player.isDynamic();
      state.ladder = (player.getRepresentationsByType('video') || []).map(rep).sort(function (a, b) { return b.bitrate - a.bitrate; });
      state.rendition = rep(player.getCurrentRepresentationForType('video'));
    });
    player.on(ev.QUALITY_CHANGE_RENDERED, function (e) {
      if (e.mediaType === 'video') state.rendition = rep(player.getCurrentRepresentationForType('video'));
    });
    player.on(ev.ERROR, function (e) {
      var err = e.error || {};
      fail('Playback failed: ' + (err.message || err.code || 'DASH error'));
    });
    player.initialize(video, url, true);
  }

  function load(url, chosen) {
    reset();
    state.format = formatOf(url, chosen);
    $('url').value = url;
    var q = new URLSearchParams(location.search);
    q.set('url', url);
    if (chosen) q.set('format', chosen); else q.delete('format');
    history.replaceState(null, '', '?' + q.toString());
    if (state.format === 'dash') playDash(url); else playHls(url);
    video.play().catch(function () { /* autoplay may wait for a click */ });
  }

  function refresh() {
    var b = video.buffered, t = video.currentTime;
    state.time = t;
    state.buffer = 0;
    for (var i = 0; i < b.length; i++) if (b.start(i) <= t && t <= b.end(i)) state.buffer = b.end(i) - t;
    if (engine && engine.latency !== undefined && state.live) state.latency = engine.latency;
    if (engine && engine.getCurrentLiveLatency && state.live) state.latency = engine.getCurrentLiveLatency();
    if (video.error && !state.error) fail('The video element failed: code ' + video.error.code);
    $('s-format').textContent = state.format ? state.format.toUpperCase() + (state.live ? ' (live)' : ' (on demand)') : '-';
    $('s-rendition').textContent = describe(state.rendition);
    $('s-buffer').textContent = state.buffer.toFixed(1) + ' s';
    $('s-latency').textContent = state.live && state.latency != null ? state.latency.toFixed(1) + ' s behind live' : '-';
    $('s-time').textContent = t.toFixed(1) + ' s';
    var ol = $('ladder');
    ol.textContent = '';
    state.ladder.slice().sort(function (a, b) { return b.bitrate - a.bitrate; }).forEach(function (r) {
      var li = document.createElement('li');
      li.textContent = describe(r);
      if (state.rendition && r.height === state.rendition.height && r.bitrate === state.rendition.bitrate) li.className = 'playing';
      ol.appendChild(li);
    });
  }

  $('load').addEventListener('submit', function (e) {
    e.preventDefault();
    load($('url').value, $('format').value);
  });
  setInterval(refresh, 500);
  var params = new URLSearchParams(location.search);
  // Other formats of the same stream, one click away: ?alt.DASH=<url>&alt.CMAF=<url>.
  params.forEach(function (v, k) {
    if (k.indexOf('alt.') !== 0) return;
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = k.slice(4);
    b.addEventListener('click', function () { load(v, ''); });
    $('load').appendChild(b);
  });
  if (params.get('url')) {
    $('format').value = params.get('format') || '';
    load(params.get('url'), params.get('format') || '');
  }
})();
