// The web chat: talks to POST /api/chat, renders replies as text nodes (never innerHTML) and buttons.
(function () {
  'use strict';
  var strings = JSON.parse(document.getElementById('strings').textContent || '{}');
  var log = document.getElementById('log');
  var form = document.getElementById('composer');
  var input = document.getElementById('question');
  var send = document.getElementById('send');
  var KEY = 'bhxh-web-user';

  function randomId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function userId() {
    try {
      var id = window.localStorage.getItem(KEY);
      if (!id) { id = randomId(); window.localStorage.setItem(KEY, id); }
      return id;
    } catch (e) {
      if (!window.__bhxhUser) window.__bhxhUser = randomId();
      return window.__bhxhUser;
    }
  }

  // Inline formatting: **bold** and https links (shown by their domain); everything else is plain text.
  function appendInline(parent, text) {
    var pattern = /\*\*([^*]+)\*\*|(https:\/\/[^\s<>"')]+)/g;
    var last = 0, m;
    while ((m = pattern.exec(text)) !== null) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      if (m[1] !== undefined) {
        var strong = document.createElement('strong');
        strong.textContent = m[1];
        parent.appendChild(strong);
      } else if (/^https:\/\/[^\/?#]*@/.test(m[2])) {
        // A user name before the host hides where the link goes: shown as text, never as a link.
        parent.appendChild(document.createTextNode(m[2]));
      } else {
        var a = document.createElement('a');
        a.href = m[2];
        a.textContent = m[2].replace(/^https:\/\/(www\.)?/, '').split(/[\/?#]/)[0];
        a.title = m[2];
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
        parent.appendChild(a);
      }
      last = pattern.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  function renderText(el, text) {
    text.split(/\n{2,}/).forEach(function (para) {
      var p = document.createElement('p');
      para.split('\n').forEach(function (line, i) {
        if (i > 0) p.appendChild(document.createElement('br'));
        appendInline(p, line.replace(/^\s*[-*]\s+/, '• '));
      });
      el.appendChild(p);
    });
  }

  // "Đúng ý tôi" / "Chưa đúng" arrive as the last buttons, with payloads "v:g:…" and "v:b:…".
  function isFeedback(b) { return /^v:[gb]:/.test(b.payload); }

  function buttonRow(el, className, buttons, once) {
    if (!buttons.length) return;
    var row = document.createElement('div');
    row.className = className;
    buttons.forEach(function (b) {
      var btn = document.createElement('button');
      btn.type = 'button';
      btn.textContent = b.label;
      btn.addEventListener('click', function () {
        if (once) row.remove();
        addMessage('user', b.label);
        ask({ payload: b.payload });
      });
      row.appendChild(btn);
    });
    el.appendChild(row);
  }

  function addMessage(kind, text, allButtons) {
    var buttons = (allButtons || []).filter(function (b) { return !isFeedback(b); });
    var feedback = (allButtons || []).filter(isFeedback);
    var el = document.createElement('div');
    el.className = 'msg ' + kind;
    el.setAttribute('aria-label', kind === 'user' ? strings.you : strings.bot);
    renderText(el, text);
    // "Đúng ý tôi" / "Chưa đúng" sit apart, small, and go away once one is pressed.
    buttonRow(el, 'buttons', buttons, false);
    buttonRow(el, 'feedback', feedback, true);
    log.appendChild(el);
    log.scrollTop = log.scrollHeight;
    return el;
  }

  function busy(on) {
    send.disabled = on;
    log.setAttribute('aria-busy', on ? 'true' : 'false');
  }

  function ask(body) {
    body.user = userId();
    busy(true);
    return fetch('/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body)
    }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json();
    }).then(function (data) {
      (data.replies || []).forEach(function (r) { addMessage('bot', r.text, r.buttons); });
    }).catch(function () {
      addMessage('error', strings.offline);
    }).then(function () { busy(false); });
  }

  form.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    addMessage('user', text);
    ask({ text: text });
  });

  // Staff replies to a question left for them: asked for when the page opens and gently while it is open
  // (every 30 s, only while the tab is visible); each reply is shown once.
  var INBOX_EVERY_MS = 30000;
  function pollInbox() {
    if (document.visibilityState === 'hidden') return;
    fetch('/api/chat/inbox', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: userId() })
    }).then(function (res) { return res.ok ? res.json() : { replies: [] }; })
      .then(function (data) { (data.replies || []).forEach(function (r) { addMessage('bot staff', r.text, r.buttons); }); })
      .catch(function () { /* offline: asked again later */ });
  }

  var lang = document.documentElement.lang === 'en' ? 'en' : 'vi';
  ask({ payload: 'l:' + lang }).then(function () { input.focus(); pollInbox(); });
  setInterval(pollInbox, INBOX_EVERY_MS);
  document.addEventListener('visibilitychange', pollInbox);
})();
