// StreamCDK player: plays HLS (TS or CMAF) with hls.js (Safari's own HLS where hls.js cannot
// run) and DASH with dash.js, and shows what an engineer checks. window.streamcdk holds the same
// state for tests.
(function () {
  'use strict';
  var video = document.getElementById('video');
  // audioTracks and textTracks list the stream's audio and caption/subtitle tracks ({lang,
  // name}); audio and text are the ones playing ('' for captions off); cue is the caption or
  // subtitle text on screen.
  var state = window.streamcdk = { url: '', format: '', live: false, ads: false, rendition: null, ladder: [], buffer: 0, latency: null, error: '', time: 0,
    audioTracks: [], audio: '', textTracks: [], text: '', cue: '' };
  var engine = null;
  // tracks selects tracks in the playing engine (by index in state's lists; text -1: off).
  var tracks = { audio: function () {}, text: function () {} };
  // prefs are the viewer's choices ({lang, name}; text null: off), kept across format
  // switches and applied to each stream's tracks as they are listed.
  var prefs = { audio: null, text: null };

  function $(id) { return document.getElementById(id); }
  function kbps(b) { return Math.round(b / 1000) + ' kb/s'; }
  function describe(r) { return r ? r.width + 'x' + r.height + ' at ' + kbps(r.bitrate) : '-'; }

  function fail(message) {
    if (state.error.indexOf('Refused') === 0) return; // the refusal says why; the load error follows it
    state.error = message;
    $('error').textContent = message;
    $('error').hidden = false;
  }

  function reset() {
    // dash.js is reset (destroying it first makes reset throw); hls.js is destroyed.
    if (engine && engine.reset) engine.reset();
    else if (engine && engine.destroy) engine.destroy();
    engine = null;
    state.rendition = null; state.ladder = []; state.error = ''; state.latency = null; state.live = false;
    state.audioTracks = []; state.textTracks = []; state.audio = ''; state.text = ''; state.cue = ''; audioLang = '';
    tracks = { audio: function () {}, text: function () {} };
    menus();
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
      var hls = engine = new Hls(Object.assign({ lowLatencyMode: true }, hlsDRM()));
      hls.on(Hls.Events.MANIFEST_PARSED, function (e, data) {
        state.ladder = data.levels.map(function (l) { return { width: l.width, height: l.height, bitrate: l.bitrate }; });
      });
      hls.on(Hls.Events.LEVEL_LOADED, function (e, data) { state.live = !!data.details.live; });
      hls.on(Hls.Events.LEVEL_SWITCHED, function (e, data) { state.rendition = state.ladder[data.level] || null; });
      tracks = {
        audio: function (i) { hls.audioTrack = i; },
        text: function (i) { hls.subtitleDisplay = i >= 0; hls.subtitleTrack = i; }
      };
      hls.on(Hls.Events.AUDIO_TRACKS_UPDATED, function (e, data) { listed('audio', data.audioTracks); });
      hls.on(Hls.Events.AUDIO_TRACK_SWITCHED, function (e, data) { playing('audio', hls.audioTracks[data.id]); });
      hls.on(Hls.Events.SUBTITLE_TRACKS_UPDATED, function (e, data) { listed('text', data.subtitleTracks); });
      hls.on(Hls.Events.SUBTITLE_TRACK_SWITCH, function (e, data) { playing('text', data.id >= 0 ? hls.subtitleTracks[data.id] : null); });
      hls.on(Hls.Events.ERROR, function (e, data) {
        if (!data.fatal) return;
        var code = data.response && data.response.code ? ' (HTTP ' + data.response.code + ')' : '';
        if (data.details === Hls.ErrorDetails.KEY_LOAD_ERROR || data.details === Hls.ErrorDetails.KEY_LOAD_TIMEOUT) {
          // An encrypted stream whose key route refused or failed: say so, not a bare code.
          fail('Playback failed: the decryption key could not be loaded' + code + '; the key route refused it (a signed cookie, or the key server, is missing)');
          return;
        }
        if (String(data.details).indexOf('keySystem') === 0) {
          // EME: the license server refused, or the browser has no such key system.
          fail('Playback failed: the decryption license could not be obtained (' + data.details + code + ')');
          return;
        }
        fail('Playback failed: ' + (data.details || data.type) + code);
      });
      hls.loadSource(url);
      hls.attachMedia(video);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = url; // Safari plays HLS itself
    } else {
      fail('This browser can play neither HLS (no Media Source Extensions) nor native HLS.');
    }
  }

  // clearKey is the W3C Clear Key license URL a link names (?clearkey=); licenses are a DRM
  // vendor's license servers (?widevine=, ?playready=, ?fairplay=) by key system, and
  // fairPlayCertificate the FairPlay application certificate (?fairplaycert=).
  var clearKey = '';
  var licenses = {};
  var fairPlayCertificate = '';
  var WIDEVINE_FORMAT = 'urn:uuid:edef8ba9-79d6-4ace-a3c8-27dcd51d21ed';

  // hlsDRM is hls.js's EME configuration for the link's license servers: a vendor's Widevine,
  // PlayReady or FairPlay (Safari, with its certificate; hls.js plays FairPlay in CMAF only), and
  // the browser's Clear Key for the demo's Widevine-signaled CMAF HLS: its key tags are read as
  // Clear Key ones (clearKeyTags) and the license is asked for by key id (W3C "keyids").
  function hlsDRM() {
    var systems = {};
    if (licenses['com.widevine.alpha']) systems['com.widevine.alpha'] = { licenseUrl: licenses['com.widevine.alpha'] };
    if (licenses['com.microsoft.playready']) systems['com.microsoft.playready'] = { licenseUrl: licenses['com.microsoft.playready'] };
    if (licenses['com.apple.fps']) systems['com.apple.fps'] = { licenseUrl: licenses['com.apple.fps'], serverCertificateUrl: fairPlayCertificate };
    var config = {};
    if (clearKey) {
      systems['org.w3.clearkey'] = { licenseUrl: clearKey, generateRequest: keyIDsRequest };
      config.pLoader = clearKeyLoader();
    }
    if (!Object.keys(systems).length) return {};
    config.emeEnabled = true;
    config.drmSystems = systems;
    config.licenseXhrSetup = function (xhr, url) {
      xhr.open('POST', url, true);
      if (systems['org.w3.clearkey'] && url === clearKey) xhr.setRequestHeader('Content-Type', 'application/json');
    };
    return config;
  }

  // keyIDsRequest asks the Clear Key CDM for the playlist key's id ("keyids" init data, W3C
  // Encrypted Media Extensions 1, "Clear Key"): the init segments carry no common PSSH.
  function keyIDsRequest(initDataType, initData, context) {
    var kid = context && context.decryptdata && context.decryptdata.keyId;
    if (!kid) return { initDataType: initDataType, initData: initData };
    var b64 = btoa(String.fromCharCode.apply(null, kid)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    return { initDataType: 'keyids', initData: new TextEncoder().encode(JSON.stringify({ kids: [b64] })).buffer };
  }

  // widevineKeyID is the key id in a Widevine PSSH box (ISO/IEC 23001-7 'pssh': version 1 lists
  // key ids; else the Widevine data's key_id, protobuf field 2), or null.
  function widevineKeyID(box) {
    if (box.length < 32 || String.fromCharCode(box[4], box[5], box[6], box[7]) !== 'pssh') return null;
    var view = new DataView(box.buffer, box.byteOffset, box.byteLength), at = 28;
    if (box[8] > 0) {
      if (view.getUint32(at) > 0) return box.subarray(at + 4, at + 20);
      at += 4;
    }
    var end = at + 4 + view.getUint32(at);
    at += 4;
    function varint() { var v = 0, shift = 0, b; do { b = box[at++]; v += (b & 0x7f) * Math.pow(2, shift); shift += 7; } while (b & 0x80 && at < end); return v; }
    while (at < end) {
      var tag = varint(), len = 0;
      if ((tag & 7) === 0) { varint(); continue; }
      if ((tag & 7) !== 2) return null;
      len = varint();
      if (tag >> 3 === 2 && len === 16) return box.subarray(at, at + 16);
      at += len;
    }
    return null;
  }

  // clearKeyTags rewrites a playlist's Widevine key tags (MediaPackage's SAMPLE-AES with the
  // PSSH in a data: URI) as Clear Key tags of the same key id (KEYFORMAT org.w3.clearkey, the id
  // in the data: URI), the other key systems' tags kept.
  function clearKeyTags(playlist) {
    if (playlist.indexOf(WIDEVINE_FORMAT) < 0) return playlist;
    return playlist.replace(/^(#EXT-X-(?:SESSION-)?KEY:)(.*)$/gm, function (line, tag, attrs) {
      if (attrs.indexOf('KEYFORMAT="' + WIDEVINE_FORMAT + '"') < 0) return line;
      var uri = /URI="data:[^;,"]*;base64,([^"]+)"/.exec(attrs);
      if (!uri) return line;
      var box = Uint8Array.from(atob(uri[1]), function (c) { return c.charCodeAt(0); });
      var kid = widevineKeyID(box);
      if (!kid) return line;
      var method = /METHOD=([A-Z0-9-]+)/.exec(attrs);
      return tag + 'METHOD=' + (method ? method[1] : 'SAMPLE-AES') + ',URI="data:text/plain;base64,' + btoa(String.fromCharCode.apply(null, kid)) + '",KEYFORMAT="org.w3.clearkey",KEYFORMATVERSIONS="1"';
    });
  }

  // clearKeyLoader is hls.js's playlist loader with clearKeyTags applied to what it loads.
  function clearKeyLoader() {
    var Base = Hls.DefaultConfig.loader;
    return class extends Base {
      load(context, config, callbacks) {
        var done = callbacks.onSuccess;
        callbacks.onSuccess = function (response, stats, ctx, net) {
          if (typeof response.data === 'string') response.data = clearKeyTags(response.data);
          done(response, stats, ctx, net);
        };
        super.load(context, config, callbacks);
      }
    };
  }
  var CLEARKEY = 'urn:uuid:e2719d58-a985-b3c9-781a-b030af78d30e';

  // withClearKey adds a Clear Key ContentProtection beside each Common Encryption one of an MPD
  // that lacks it: MediaPackage signals Widevine or PlayReady on CMAF, and dash.js picks the
  // browser's org.w3.clearkey only for an MPD that names it.
  function withClearKey(mpd) {
    if (mpd.indexOf('<MPD') < 0 || mpd.indexOf(CLEARKEY) >= 0) return mpd;
    return mpd.replace(/<ContentProtection[^>]*urn:mpeg:dash:mp4protection:2011[^>]*?(\/>|>[\s\S]*?<\/ContentProtection>)/g, function (m) {
      return m + '<ContentProtection schemeIdUri="' + CLEARKEY + '" value="ClearKey1.0"/>';
    });
  }

  function playDash(url) {
    if (!window.dashjs) { fail('dash.js did not load.'); return; }
    var player = engine = dashjs.MediaPlayer().create();
    var ev = dashjs.MediaPlayer.events;
    var protection = {};
    Object.keys(licenses).forEach(function (k) { if (k !== 'com.apple.fps') protection[k] = { serverURL: licenses[k] }; });
    if (clearKey) protection['org.w3.clearkey'] = { serverURL: clearKey };
    if (Object.keys(protection).length) player.setProtectionData(protection);
    if (clearKey) {
      player.addResponseInterceptor(function (response) {
        if (typeof response.data === 'string') response.data = withClearKey(response.data);
        return Promise.resolve(response);
      });
    }
    function rep(r) { return r ? { width: r.width, height: r.height, bitrate: r.bandwidth || r.bitrateInKbit * 1000 } : null; }
    player.on(ev.STREAM_INITIALIZED, function () {
      state.live = player.isDynamic();
      state.ladder = (player.getRepresentationsByType('video') || []).map(rep).sort(function (a, b) { return b.bitrate - a.bitrate; });
      state.rendition = rep(player.getCurrentRepresentationForType('video'));
    });
    tracks = {
      audio: function (i) { player.setCurrentTrack(player.getTracksFor('audio')[i]); },
      // dash.js reports no text switch: the choice is the playing track.
      text: function (i) { player.setTextTrack(i); playing('text', i >= 0 ? player.getTracksFor('text')[i] : null); }
    };
    player.on(ev.STREAM_INITIALIZED, function () {
      listed('audio', player.getTracksFor('audio'));
      playing('audio', player.getCurrentTrackFor('audio'));
    });
    player.on(ev.TEXT_TRACKS_ADDED, function () { listed('text', player.getTracksFor('text')); });
    player.on(ev.TRACK_CHANGE_RENDERED, function (e) {
      if (e.mediaType === 'audio') playing('audio', e.newMediaInfo);
    });
    player.on(ev.TEXT_TRACK_ADDED, function () { listed('text', player.getTracksFor('text')); });
    player.on(ev.QUALITY_CHANGE_RENDERED, function (e) {
      if (e.mediaType === 'video') state.rendition = rep(player.getCurrentRepresentationForType('video'));
    });
    player.on(ev.ERROR, function (e) {
      var err = e.error || {};
      var msg = err.message || err.code || 'DASH error';
      if (clearKey && /licen[cs]e|key/i.test(String(msg))) msg = 'the decryption license could not be obtained (' + msg + ')';
      fail('Playback failed: ' + msg);
    });
    player.initialize(video, url, true);
  }

  // A track as the page shows it: hls.js names tracks by name and lang, dash.js by lang and labels.
  function track(t) {
    var label = t.name || (t.labels && t.labels[0] && (t.labels[0].text || t.labels[0])) || '';
    return { lang: t.lang || '', name: typeof label === 'string' ? label : '' };
  }
  function title(t) { return t ? (t.name || t.lang || 'track') + (t.name && t.lang ? ' (' + t.lang + ')' : '') : ''; }

  // Two-letter (ISO 639-1) and three-letter (ISO 639-2) codes of one language match.
  var LANGS = { en: 'eng', es: 'spa', fr: 'fra', de: 'deu', it: 'ita', pt: 'por', nl: 'nld', ja: 'jpn', ko: 'kor', zh: 'zho', ar: 'ara', ru: 'rus', fre: 'fra', ger: 'deu', dut: 'nld', chi: 'zho' };
  function lang(l) { l = (l || '').toLowerCase().split('-')[0]; return LANGS[l] || l; }

  // find is the index of the track that matches a preference: same language and name, else
  // the same language.
  function find(list, want) {
    if (!want) return -1;
    for (var i = 0; i < list.length; i++) if (lang(list[i].lang) === lang(want.lang) && list[i].name === want.name) return i;
    for (var j = 0; j < list.length; j++) if (lang(list[j].lang) === lang(want.lang)) return j;
    return -1;
  }

  // listed records an engine's tracks of a kind and applies the viewer's choice to them.
  function listed(kind, list) {
    var mine = (list || []).map(track);
    if (kind === 'audio') {
      state.audioTracks = mine;
      var a = find(mine, prefs.audio);
      if (a >= 0) tracks.audio(a);
    } else {
      state.textTracks = mine;
      chooseText();
    }
    menus();
  }

  // chooseText shows the viewer's caption choice; without one, captions stay off but for forced
  // subtitles (a track labelled "(forced)", as the VoD pipeline names them) in the language of
  // the audio playing: they translate what that audio leaves untranslated.
  var audioLang = '';
  function chooseText() {
    if (prefs.text) { tracks.text(find(state.textTracks, prefs.text)); return; }
    var f = -1;
    state.textTracks.forEach(function (t, i) {
      if (f < 0 && /\(forced\)/i.test(t.name) && (!audioLang || lang(t.lang) === lang(audioLang))) f = i;
    });
    tracks.text(f);
  }

  function playing(kind, t) {
    if (kind === 'audio') {
      state.audio = t ? title(track(t)) : '';
      var was = audioLang;
      audioLang = t ? track(t).lang : '';
      if (!prefs.text && audioLang !== was && state.textTracks.length) chooseText();
    } else state.text = t ? title(track(t)) : '';
    menus();
  }

  // menus fills the Audio and Captions lists from state and marks the playing tracks.
  function menus() {
    [['audio-track', state.audioTracks, state.audio, null], ['text-track', state.textTracks, state.text, 'Off']].forEach(function (m) {
      var sel = $(m[0]);
      sel.textContent = '';
      if (m[3]) sel.appendChild(new Option(m[3], '-1', false, m[2] === ''));
      if (!m[1].length && !m[3]) sel.appendChild(new Option('-', ''));
      m[1].forEach(function (t, i) { sel.appendChild(new Option(title(t), String(i), false, title(t) === m[2])); });
    });
  }

  // load plays url; typed (from the form) makes it the page's stream, kept in the address.
  function load(url, chosen, typed) {
    reset();
    state.url = url;
    state.format = formatOf(url, chosen);
    $('url').value = url;
    if (typed) {
      var q = new URLSearchParams(location.search);
      q.set('url', url);
      if (chosen) q.set('format', chosen); else q.delete('format');
      history.replaceState(null, '', '?' + q.toString());
    }
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
    state.cue = '';
    for (var k = 0; k < video.textTracks.length; k++) {
      var tt = video.textTracks[k];
      if (tt.mode === 'showing' && tt.activeCues && tt.activeCues.length) state.cue = tt.activeCues[0].text || '';
    }
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
    streams = new Map([['', { plain: $('url').value }]]);
    current = '';
    load($('url').value, $('format').value, true);
  });
  $('audio-track').addEventListener('change', function (e) {
    var i = Number(e.target.value);
    if (!(i >= 0)) return;
    prefs.audio = state.audioTracks[i];
    tracks.audio(i);
  });
  $('text-track').addEventListener('change', function (e) {
    var i = Number(e.target.value);
    prefs.text = i >= 0 ? state.textTracks[i] : null;
    tracks.text(i >= 0 ? i : -1);
  });
  setInterval(refresh, 500);
  // A stream the page's Content-Security-Policy does not allow (another site's, where the stack
  // allows only its own distribution) is refused by the browser: say so in plain words.
  document.addEventListener('securitypolicyviolation', function (e) {
    state.error = '';
    fail('Refused: ' + (e.blockedURI || 'the stream') + ' is not on this site or an allowed stream origin (the page\'s Content-Security-Policy).');
  });
  // The link's parameters, read into a Map (never an object: a key such as alt.__proto__ must
  // not reach Object.prototype). Only known formats and labels are taken (player.Formats and
  // player.Labels): a crafted link cannot put its own words on the page.
  var FORMATS = ['hls', 'dash'], LABELS = ['HLS', 'CMAF', 'DASH'];
  var params = new Map(new URLSearchParams(location.search));
  // ?clearkey=<license URL> decrypts with the browser's W3C Clear Key (the demo key server's
  // license route): a path on this site or an https URL (the page's Content-Security-Policy
  // decides which sites it may reach).
  // ?widevine=, ?playready= and ?fairplay= (with ?fairplaycert=, the application certificate)
  // name a DRM vendor's license servers (https), for DASH and HLS (FairPlay: HLS in Safari).
  var LICENSE = /^(\/[A-Za-z0-9_\-\/.]+|https:\/\/[^\s"'<>]+)$/;
  state.refused = [];
  var format = params.get('format') || '';
  if (format && FORMATS.indexOf(format) < 0) { state.refused.push('format'); format = ''; }
  // The stream and its variants by name: '' is ?url= (with ?ads=, the same through the ad
  // inserter); other formats of the same stream come as ?alt.DASH=<url> (and ?ads.DASH=<url>),
  // each a button one click away. The Ads switch plays the current format with or without ads.
  // A stream's own Clear Key license route (?clearkey.DASH=): each MediaPackage endpoint has its
  // content id, so its keys; ?clearkey= is the rest's.
  var streams = new Map([['', { plain: params.get('url'), ads: params.get('ads') }]]);
  var current = '', linkClearKey = '';
  function pick(name) {
    current = name;
    var s = streams.get(name);
    clearKey = s.clearkey || linkClearKey;
    state.drm.clearkey = clearKey;
    load(state.ads && s.ads ? s.ads : s.plain, name === '' ? format : '');
  }
  params.forEach(function (v, k) {
    var dot = k.indexOf('.'), kind = k.slice(0, dot), name = k.slice(dot + 1);
    if (dot < 0 || (kind !== 'alt' && kind !== 'ads' && kind !== 'clearkey')) return;
    if (LABELS.indexOf(name) < 0) { state.refused.push(k); return; }
    if (!streams.has(name)) streams.set(name, {});
    var s = streams.get(name);
    if (kind === 'ads') { s.ads = v; return; }
    if (kind === 'clearkey') {
      if (LICENSE.test(v)) s.clearkey = v; else state.refused.push(k);
      return;
    }
    s.plain = v;
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = name;
    b.addEventListener('click', function () { pick(name); });
    $('load').appendChild(b);
  });
  var ck = params.get('clearkey');
  if (ck) {
    if (LICENSE.test(ck)) linkClearKey = clearKey = ck; else state.refused.push('clearkey');
  }
  [['widevine', 'com.widevine.alpha'], ['playready', 'com.microsoft.playready'], ['fairplay', 'com.apple.fps']].forEach(function (k) {
    var v = params.get(k[0]);
    if (!v) return;
    if (/^https:\/\//.test(v) && LICENSE.test(v)) licenses[k[1]] = v; else state.refused.push(k[0]);
  });
  var cert = params.get('fairplaycert');
  if (cert) {
    if (/^https:\/\//.test(cert) && LICENSE.test(cert) && licenses['com.apple.fps']) fairPlayCertificate = cert; else state.refused.push('fairplaycert');
  }
  if (licenses['com.apple.fps'] && !fairPlayCertificate) { delete licenses['com.apple.fps']; state.refused.push('fairplay'); }
  state.drm = { clearkey: clearKey, licenses: licenses, fairPlayCertificate: fairPlayCertificate };
  // ?audio=<language> and ?captions=<language> choose the tracks a link opens with.
  ['audio', 'captions'].forEach(function (k) {
    var v = params.get(k);
    if (!v) return;
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]{1,8})?$/.test(v)) { state.refused.push(k); return; }
    prefs[k === 'audio' ? 'audio' : 'text'] = { lang: v, name: '' };
  });
  if (state.refused.length) console.warn('player: ignored link parameters ' + state.refused.join(', ') + ' (known formats: ' + FORMATS.join(', ') + '; labels: ' + LABELS.join(', ') + ')');
  if (params.get('ads')) {
    $('ads-switch').hidden = false;
    $('ads').addEventListener('change', function () { state.ads = $('ads').checked; pick(current); });
  }
  if (params.get('url')) {
    $('format').value = format;
    pick('');
  }
})();
