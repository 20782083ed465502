/**
 * The report's only style sheet and script, inlined. The Content-Security-Policy allows exactly
 * these two blocks (by hash): no other script, style, font, image or connection can run or load,
 * even if something from the input slipped through escaping. The script only opens, closes and
 * filters; the report reads the same without it.
 */

export const REPORT_CSS = `
:root{--err:#c62828;--warn:#b26a00;--info:#1565c0;--ok:#2e7d32;--fg:#1b1f23;--dim:#5f6b76;--line:#d0d7de;--bg:#fff;--alt:#f6f8fa}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;padding:16px 24px 48px;max-width:1400px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h4,h5,h6{margin:12px 0 4px;font-size:14px}
code,pre,.sip,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px}
a{color:#0a58ca}
.meta,.origin,.note,.cat,.docname{color:var(--dim)}
.summary{display:flex;gap:14px;flex-wrap:wrap;margin:10px 0}
.summary span{padding:3px 10px;border-radius:12px;background:var(--alt);border:1px solid var(--line)}
.summary .sev-error{color:var(--err)}.summary .sev-warning{color:var(--warn)}.summary .sev-info{color:var(--info)}
.toolbar{position:sticky;top:0;background:var(--bg);padding:8px 0;border-bottom:1px solid var(--line);display:flex;gap:8px;align-items:center;z-index:2}
.toolbar input{flex:1;max-width:420px;padding:4px 8px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--alt)}
.badge{display:inline-block;min-width:20px;padding:0 6px;border-radius:10px;color:#fff;font-size:12px;text-align:center}
.badge.sev-error,.sev-error>.sev{background:var(--err)}.badge.sev-warning,.sev-warning>.sev{background:var(--warn)}.badge.sev-info,.sev-info>.sev{background:var(--info)}
.sev{display:inline-block;color:#fff;border-radius:3px;padding:0 5px;font-size:12px}
td>.sev{min-width:58px;text-align:center}
details{margin:4px 0}
details.call{border:1px solid var(--line);border-radius:6px;padding:0 10px;margin:8px 0}
details.call>summary{padding:8px 0;cursor:pointer;font-weight:600}
details.call.sev-error{border-left:4px solid var(--err)}details.call.sev-warning{border-left:4px solid var(--warn)}details.call.sev-info{border-left:4px solid var(--info)}
.ladder-wrap{overflow-x:auto;padding:4px 0 8px}
svg.ladder{font:12px system-ui,sans-serif;display:block}
svg.ladder .host rect{fill:#eef2f7;stroke:#8b98a5}
svg.ladder .life{stroke:#9aa5b1;stroke-dasharray:4 3}
svg.ladder .arrow{stroke:#37474f;stroke-width:1.6;fill:none}
svg.ladder .head{fill:#37474f}
svg.ladder .num,svg.ladder .time{fill:var(--dim)}
svg.ladder .msg{cursor:pointer}
svg.ladder .hit{fill:transparent}
svg.ladder .msg:hover .hit,svg.ladder .msg:focus .hit{fill:rgba(10,88,202,.07)}
svg.ladder .msg:focus{outline:none}
svg.ladder .msg:hover .label,svg.ladder .msg:focus .label{text-decoration:underline}
svg.ladder .msg.sev-error .arrow{stroke:var(--err)}svg.ladder .msg.sev-error .head{fill:var(--err)}
svg.ladder .msg.sev-warning .arrow{stroke:var(--warn)}svg.ladder .msg.sev-warning .head{fill:var(--warn)}
svg.ladder .msg.sev-info .arrow{stroke:var(--info)}svg.ladder .msg.sev-info .head{fill:var(--info)}
svg.ladder .mark circle{stroke:#fff;stroke-width:1}
svg.ladder .mark.sev-error circle{fill:var(--err)}svg.ladder .mark.sev-warning circle{fill:var(--warn)}svg.ladder .mark.sev-info circle{fill:var(--info)}
svg.ladder .mark text{fill:#fff;font-weight:700;font-size:11px}
svg.ladder .rules{font-size:11px}
svg.ladder .rules.sev-error{fill:var(--err)}svg.ladder .rules.sev-warning{fill:var(--warn)}svg.ladder .rules.sev-info{fill:var(--info)}
details.message{border-top:1px solid var(--alt)}
details.message>summary{cursor:pointer;padding:2px 0}
details.message .n{color:var(--dim);display:inline-block;min-width:44px}
details.message .what{font-family:ui-monospace,Menlo,Consolas,monospace}
details.message .t,details.message .where{color:var(--dim);font-size:12px}
details.message.flash>summary{background:#fff3c4}
pre{background:var(--alt);padding:8px;overflow-x:auto;margin:6px 0}
pre.sip{counter-reset:ln;white-space:pre;tab-size:4}
pre.sip .l{counter-increment:ln}
pre.sip.numbered .l::before{content:counter(ln);display:inline-block;width:3.2em;margin-right:8px;color:#8b98a5;text-align:right;user-select:none}
pre.sip .hl{display:inline-block;min-width:100%}
pre.sip .hl.sev-error{background:#fde7e7}pre.sip .hl.sev-warning{background:#fff1d6}pre.sip .hl.sev-info{background:#e5effa}
mark{background:transparent;border-bottom:2px solid;color:inherit}
mark.sev-error{border-color:var(--err);background:#f9c9c9}mark.sev-warning{border-color:var(--warn);background:#ffe0a8}mark.sev-info{border-color:var(--info);background:#cfe0f5}
.why{color:var(--dim);font-size:11.5px}
ul.findings{margin:6px 0;padding-left:18px}
ul.findings li{margin:2px 0}
.pos{color:var(--dim);font-family:ui-monospace,Menlo,monospace}
details.rule{border-bottom:1px solid var(--line);padding:4px 0}
details.rule>summary{cursor:pointer}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:8px 0}
dt{font-weight:600}dd{margin:0}
.doc{border-left:3px solid var(--line);padding-left:12px}
blockquote{margin:6px 0;padding-left:10px;border-left:3px solid var(--line);color:var(--dim)}
.ok{color:var(--ok)}
[hidden]{display:none!important}
@media print{.toolbar{display:none}}
`;

export const REPORT_SCRIPT = `
(function () {
  'use strict';
  var RANK = { none: 0, info: 1, warning: 2, error: 3 };
  var bar = document.getElementById('toolbar');
  if (bar) bar.hidden = false;
  var calls = Array.prototype.slice.call(document.querySelectorAll('details.call'));
  var rows = Array.prototype.slice.call(document.querySelectorAll('#calls tbody tr'));
  var q = document.getElementById('filter');
  var sev = document.getElementById('severity');
  var shown = document.getElementById('shown');
  function apply() {
    var text = q ? q.value.trim().toLowerCase() : '';
    var min = sev ? RANK[sev.value] || 0 : 0;
    var n = 0;
    function match(el) {
      var ok = (!text || (el.getAttribute('data-search') || '').indexOf(text) >= 0) && RANK[el.getAttribute('data-worst') || 'none'] >= min;
      el.hidden = !ok;
      return ok;
    }
    calls.forEach(function (c) { if (match(c)) n++; });
    rows.forEach(match);
    if (shown) shown.textContent = n + ' of ' + calls.length + ' calls';
  }
  if (q) q.addEventListener('input', apply);
  if (sev) sev.addEventListener('change', apply);
  function setAll(open) {
    var k = 0;
    calls.forEach(function (c) { if (!c.hidden && k < 200) { c.open = open; k++; } });
  }
  var ex = document.getElementById('expand'); if (ex) ex.addEventListener('click', function () { setAll(true); });
  var co = document.getElementById('collapse'); if (co) co.addEventListener('click', function () { setAll(false); });
  // a large report keeps the calls' ladders and messages compressed in data blocks (base64 of
  // a gzip JSON array per block of calls) and builds a call when it is opened
  var blocks = {};
  function block(n) {
    var el = null;
    document.querySelectorAll('script[data-first]').forEach(function (s) {
      var first = +s.getAttribute('data-first');
      if (first <= n && (!el || first > +el.getAttribute('data-first'))) el = s;
    });
    if (!el) return Promise.reject(new Error('no data for call ' + n));
    var first = +el.getAttribute('data-first');
    if (!blocks[el.id]) {
      var bin = atob(el.textContent.trim());
      var bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      var text = new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
      blocks[el.id] = text.then(JSON.parse);
    }
    return blocks[el.id].then(function (list) { return list[n - first]; });
  }
  function fill(c) {
    if (!c.getAttribute('data-lazy')) return Promise.resolve();
    c.removeAttribute('data-lazy');
    var body = c.querySelector('.call-body');
    return block(+c.id.slice(5)).then(function (html) {
      if (body && typeof html === 'string') body.innerHTML = html;
    }, function (e) {
      c.setAttribute('data-lazy', '1');
      if (body) body.textContent = 'This browser cannot unpack the call (' + e.message + ').';
    });
  }
  calls.forEach(function (c) {
    if (c.open) fill(c);
    c.addEventListener('toggle', function () { if (c.open) fill(c); });
  });
  function reveal(id, call) {
    var el = document.getElementById(id);
    if (!el && call) {
      var c = document.getElementById('call-' + call);
      if (c) fill(c).then(function () { if (document.getElementById(id)) reveal(id); });
      return;
    }
    if (!el) return;
    if (el.tagName === 'DETAILS' && el.classList.contains('call')) fill(el);
    // open every enclosing <details>, and show a call the filter had hidden
    for (var p = el; p; p = p.parentElement) {
      if (p.tagName === 'DETAILS') p.open = true;
      if (p.hidden) p.hidden = false;
    }
    el.scrollIntoView({ block: 'center' });
    if (el.classList.contains('message')) {
      el.classList.add('flash');
      setTimeout(function () { el.classList.remove('flash'); }, 1200);
    }
  }
  function showMessage(g) { var n = g.getAttribute('data-msg'); if (n) reveal('m-' + n); }
  document.addEventListener('click', function (e) {
    var t = e.target;
    var g = t && t.closest ? t.closest('g.msg') : null;
    if (g) { showMessage(g); return; }
    var a = t && t.closest ? t.closest('a[href^="#"]') : null;
    if (a) { e.preventDefault(); var id = a.getAttribute('href').slice(1); history.replaceState(null, '', '#' + id); reveal(id, a.getAttribute('data-call')); }
  });
  document.addEventListener('keydown', function (e) {
    var g = e.target && e.target.closest ? e.target.closest('g.msg') : null;
    if (g && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); showMessage(g); }
  });
  if (location.hash.length > 1) reveal(decodeURIComponent(location.hash.slice(1)));
})();
`;
