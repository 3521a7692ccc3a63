/* SAE feature pages (Neuroscope style): top contexts with highlighted tokens, activation histogram, top logits; the feature index. */
(function () {
  'use strict';
  var I = window.Interp;

  function histogram(parent, d) {
    var edges, counts;
    if (d.histogram && d.histogram.edges && d.histogram.counts) { edges = d.histogram.edges; counts = d.histogram.counts; }
    else {
      var acts = [];
      d.contexts.forEach(function (c) { c.acts.forEach(function (a) { if (a !== null && a > 0) acts.push(a); }); });
      if (!acts.length) return;
      var lo = Math.min.apply(null, acts), hi = Math.max.apply(null, acts), n = 20, w = (hi - lo) / n || 1;
      edges = []; counts = [];
      for (var i = 0; i <= n; i++) edges.push(lo + i * w);
      for (i = 0; i < n; i++) counts.push(0);
      acts.forEach(function (a) { counts[Math.min(n - 1, Math.floor((a - lo) / w))]++; });
    }
    var card = I.el('div', { 'class': 'card' }, parent);
    I.el('h3', null, card, d.histogram ? 'activation histogram' : 'activations > 0 in the top contexts');
    var W = 380, H = 200, x0 = 40, x1 = 370, y0 = 160, max = Math.max.apply(null, counts) || 1;
    var svg = I.svg('svg', { width: W, height: H, id: 'sae-histogram' }, card);
    var sx = I.xAxis(svg, x0, x1, y0, edges[0], edges[edges.length - 1], 'activation');
    counts.forEach(function (c, i) {
      var h = c / max * (y0 - 10);
      I.svg('rect', { x: sx(edges[i]), y: y0 - h, width: Math.max(1, sx(edges[i + 1]) - sx(edges[i]) - 1), height: h, fill: '#f08c00', 'data-count': c }, svg);
    });
    I.svg('text', { x: x0 - 4, y: 16, 'text-anchor': 'end' }, svg, String(max));
  }

  function logits(parent, title, list, positive) {
    if (!list || !list.length) return;
    var card = I.el('div', { 'class': 'card' }, parent);
    I.el('h3', null, card, title);
    var t = I.el('table', { 'class': 'grid' }, card);
    list.forEach(function (e) {
      var tr = I.el('tr', null, t);
      I.el('th', null, tr, e.token !== undefined ? e.token : e.Token);
      I.el('td', { style: 'color:' + (positive ? '#b0123c' : '#135ea8') }, tr, I.fmt(e.value !== undefined ? e.value : e.Value, 3));
    });
  }

  I.views.sae_feature = function (d) {
    var sec = I.section('Feature ' + d.feature + (d.hook_point ? ' · ' + d.hook_point : ''), 'density ' + I.fmt(d.density) + ' (fraction of tokens where it fires); contexts sorted by their strongest activation, tokens shaded by activation.');
    var row = I.el('div', { 'class': 'row' }, sec);
    histogram(row, d);
    logits(row, 'top logits', d.top_logits, true);
    logits(row, 'bottom logits', d.bottom_logits, false);
    var max = 0;
    d.contexts.forEach(function (c) { if (c.max !== null) max = Math.max(max, c.max); });
    var list = I.el('div', { id: 'sae-contexts' }, sec);
    d.contexts.forEach(function (c, i) {
      var div = I.el('div', { 'class': 'tokens card', style: 'margin:6px 0' }, list);
      I.el('span', { 'class': 'legend' }, div, '#' + (i + 1) + ' max ' + I.fmt(c.max, 3) + '  ');
      c.tokens.forEach(function (t, k) {
        var a = c.acts[k] === null || c.acts[k] === undefined ? 0 : c.acts[k];
        var s = I.el('span', { 'class': 'tok', title: t + ': ' + I.fmt(a, 3), 'data-act': a }, div, t);
        s.style.background = 'rgba(240,140,0,' + I.clamp(max ? a / max : 0, 0, 1).toFixed(3) + ')';
      });
    });
  };

  I.views.feature_index = function (d) {
    var sec = I.section('Features', d.features.length + ' features; click a column header to sort.');
    var t = I.el('table', { 'class': 'grid', id: 'feature-index' }, sec), head = I.el('tr', null, I.el('thead', null, t)), body = I.el('tbody', null, t);
    var cols = [['feature', 'feature'], ['hook point', 'hook_point'], ['density', 'density'], ['max activation', 'max'], ['top tokens', 'top_tokens']], rows = d.features.slice(), dir = 1;
    cols.forEach(function (c) {
      var th = I.el('th', { style: 'cursor:pointer' }, head, c[0]);
      th.addEventListener('click', function () { dir = -dir; rows.sort(function (a, b) { return (a[c[1]] > b[c[1]] ? 1 : a[c[1]] < b[c[1]] ? -1 : 0) * dir; }); fill(); });
    });
    function fill() {
      body.textContent = '';
      rows.forEach(function (f) {
        var tr = I.el('tr', null, body), th = I.el('th', null, tr);
        I.el('a', { href: f.href }, th, 'feature ' + f.feature);
        I.el('td', { style: 'text-align:left' }, tr, f.hook_point);
        I.el('td', null, tr, I.fmt(f.density));
        I.el('td', null, tr, I.fmt(f.max, 3));
        I.el('td', { style: 'text-align:left' }, tr, f.top_tokens.join(' · '));
      });
    }
    fill();
  };

  /* An SAE's training run: a small line chart per curve, and the trained SAE's metrics (SAELens names). */
  I.views.sae_training = function (d) {
    var sec = I.section('SAE training' + (d.hook_point ? ': ' + d.hook_point : ''),
      (d.architecture || 'SAE') + ', ' + d.d_in + ' \u2192 ' + d.d_sae + ' features; curves per logged step, metrics of the trained SAE.');
    var names = Object.keys(d.metrics || {});
    if (names.length) {
      var t = I.el('table', { 'class': 'quality', id: 'sae-metrics' }, sec), body = I.el('tbody', null, t);
      names.forEach(function (k) { var tr = I.el('tr', { 'data-metric': k }, body); I.el('th', null, tr, k); I.el('td', null, tr, I.fmt(d.metrics[k], 4)); });
    }
    var grid = I.el('div', { 'class': 'cards' }, sec);
    Object.keys(d.curves).forEach(function (k) {
      var ys = d.curves[k], xs = d.steps, lo = Infinity, hi = -Infinity;
      ys.forEach(function (v) { if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); } });
      if (!isFinite(lo) || !xs.length) return;
      if (hi === lo) hi = lo + 1;
      var W = 340, H = 200, x0 = 52, x1 = 330, y0 = 160, y1 = 10;
      var card = I.el('div', { 'class': 'card curve', 'data-curve': k }, grid);
      I.el('h3', null, card, k.replace(/_/g, ' '));
      var svg = I.svg('svg', { width: W, height: H }, card);
      var sx = I.xAxis(svg, x0, x1, y0, xs[0], xs[xs.length - 1], 'step');
      var sy = function (v) { return y0 - (v - lo) / (hi - lo) * (y0 - y1); };
      I.svg('text', { x: x0 - 4, y: y1 + 8, 'text-anchor': 'end' }, svg, I.fmt(hi, 3));
      I.svg('text', { x: x0 - 4, y: y0, 'text-anchor': 'end' }, svg, I.fmt(lo, 3));
      var pts = [];
      ys.forEach(function (v, i) { if (v !== null) pts.push(sx(xs[i]).toFixed(1) + ',' + sy(v).toFixed(1)); });
      I.svg('polyline', { points: pts.join(' '), fill: 'none', stroke: '#1e88e5', 'stroke-width': 1.6 }, svg);
    });
  };
})();
