/* SHAP views: waterfall and force (one row), beeswarm and bar (global), dependence scatter. */
(function () {
  'use strict';
  var I = window.Interp;
  var TOP = 10;

  function model(d) {
    var F = d.features.length, C = d.classes;
    return {
      F: F, C: C, N: d.rows.length,
      phi: function (r, c, f) { return d.phi[(r * C + c) * F + f]; },
      base: function (r, c) { return d.base[r * C + c]; },
      x: function (r, f) { return d.x ? d.x[r * F + f] : null; },
      meanAbs: function (c, f) { return d.mean_abs[c * F + f]; }
    };
  }

  function byImportance(m, c) {
    var idx = [];
    for (var f = 0; f < m.F; f++) idx.push(f);
    return idx.sort(function (a, b) { return m.meanAbs(c, b) - m.meanAbs(c, a); });
  }

  function featureRange(d, m, f) {
    var v = [];
    for (var r = 0; r < m.N; r++) { var x = m.x(r, f); if (x !== null && isFinite(x)) v.push(x); }
    if (!v.length) return null;
    v.sort(function (a, b) { return a - b; });
    return [v[Math.floor(0.05 * (v.length - 1))], v[Math.floor(0.95 * (v.length - 1))]];
  }

  /* Waterfall: from E[f(x)] at the bottom to f(x) at the top; the largest contributions first, the rest in one bar. */
  function waterfall(host, d, m, row, c) {
    host.textContent = '';
    var order = [];
    for (var f = 0; f < m.F; f++) order.push(f);
    order.sort(function (a, b) { return Math.abs(m.phi(row, c, b) || 0) - Math.abs(m.phi(row, c, a) || 0); });
    var items = order.slice(0, TOP).map(function (f) {
      var x = m.x(row, f);
      return { label: d.features[f] + (x !== null && d.x ? ' = ' + I.fmt(x) : ''), phi: m.phi(row, c, f) || 0, feature: f };
    });
    if (order.length > TOP) {
      var rest = 0;
      order.slice(TOP).forEach(function (f) { rest += m.phi(row, c, f) || 0; });
      items.push({ label: (order.length - TOP) + ' other features', phi: rest, feature: -1 });
    }
    var base = m.base(row, c), cur = base, points = [base];
    for (var i = items.length - 1; i >= 0; i--) { items[i].start = cur; cur += items[i].phi; items[i].end = cur; points.push(cur); }
    var fx = cur, lo = Math.min.apply(null, points), hi = Math.max.apply(null, points), pad = (hi - lo) * 0.08 || 1;
    lo -= pad; hi += pad;
    var W = 780, x0 = 250, x1 = 740, rowH = 24, top = 26, H = top + items.length * rowH + 62;
    var svg = I.svg('svg', { width: W, height: H, id: 'shap-waterfall', 'data-row': d.rows[row], 'data-class': c }, host);
    var sx = I.xAxis(svg, x0, x1, top + items.length * rowH + 6, lo, hi, 'model output (' + d.output_space + ')');
    svg.setAttribute('data-scale', (x1 - x0) / (hi - lo));
    svg.setAttribute('data-base', base);
    svg.setAttribute('data-fx', fx);
    I.svg('line', { x1: sx(base), x2: sx(base), y1: top - 6, y2: top + items.length * rowH + 6, stroke: '#999', 'stroke-dasharray': '3,3' }, svg);
    I.svg('text', { x: sx(base), y: H - 2, 'text-anchor': 'middle', fill: '#555' }, svg, 'E[f(x)] = ' + I.fmt(base));
    I.svg('line', { x1: sx(fx), x2: sx(fx), y1: top - 8, y2: top + items.length * rowH, stroke: '#333', 'stroke-dasharray': '1,2' }, svg);
    I.svg('text', { x: sx(fx), y: top - 12, 'text-anchor': 'middle', 'font-weight': 'bold' }, svg, 'f(x) = ' + I.fmt(fx));
    items.forEach(function (it, k) {
      var y = top + k * rowH, a = sx(it.start), b = sx(it.end), pos = it.phi >= 0;
      I.svg('text', { x: x0 - 8, y: y + rowH / 2 + 4, 'text-anchor': 'end' }, svg, it.label);
      var rect = I.svg('rect', {
        'class': 'wf-bar ' + (pos ? 'pos' : 'neg'), x: Math.min(a, b), y: y + 3, width: Math.abs(b - a), height: rowH - 6,
        fill: pos ? '#e61e50' : '#1e88e5', 'data-value': it.phi, 'data-feature': it.feature
      }, svg);
      I.svg('title', null, rect, it.label + ': ' + (pos ? '+' : '') + I.fmt(it.phi));
      var right = pos || Math.min(a, b) - 48 < x0, tx = right ? Math.max(a, b) + 4 : Math.min(a, b) - 4;
      I.svg('text', { x: tx, y: y + rowH / 2 + 4, 'text-anchor': right ? 'start' : 'end', fill: pos ? '#b0123c' : '#135ea8' }, svg, (pos ? '+' : '') + I.fmt(it.phi, 3));
    });
  }

  /* Force plot: positive contributions push from the left up to f(x), negative ones from the right down to it. */
  function force(host, d, m, row, c) {
    host.textContent = '';
    var pos = [], neg = [], base = m.base(row, c), fx = base;
    for (var f = 0; f < m.F; f++) {
      var p = m.phi(row, c, f) || 0;
      fx += p;
      if (p > 0) pos.push({ f: f, v: p }); else if (p < 0) neg.push({ f: f, v: p });
    }
    pos.sort(function (a, b) { return a.v - b.v; });
    neg.sort(function (a, b) { return b.v - a.v; });
    var sumPos = pos.reduce(function (s, e) { return s + e.v; }, 0), sumNeg = neg.reduce(function (s, e) { return s - e.v; }, 0);
    var lo = Math.min(base, fx - sumPos), hi = Math.max(base, fx + sumNeg), pad = (hi - lo) * 0.05 || 1;
    var W = 900, x0 = 30, x1 = 870, y = 40, h = 26;
    var svg = I.svg('svg', { width: W, height: 120, id: 'shap-force' }, host);
    var sx = I.xAxis(svg, x0, x1, y + h + 8, lo - pad, hi + pad, null);
    function segment(from, to, e, positive) {
      var a = sx(from), b = sx(to), tip = 6 * (positive ? 1 : -1);
      var pts = [[a, y], [b, y], [b + tip, y + h / 2], [b, y + h], [a, y + h], [a + tip, y + h / 2]];
      var poly = I.svg('polygon', { points: pts.map(function (p) { return p.join(','); }).join(' '), fill: positive ? '#e61e50' : '#1e88e5', stroke: '#fff', 'stroke-width': 1, 'class': 'force-seg' }, svg);
      I.svg('title', null, poly, d.features[e.f] + ': ' + I.fmt(e.v));
      if (Math.abs(b - a) > 7 * d.features[e.f].length + 8) I.svg('text', { x: (a + b) / 2, y: y - 5, 'text-anchor': 'middle', 'font-size': 10 }, svg, d.features[e.f]);
    }
    var at = fx - sumPos;
    pos.forEach(function (e) { segment(at, at + e.v, e, true); at += e.v; });
    at = fx + sumNeg;
    neg.forEach(function (e) { segment(at, at + e.v, e, false); at += e.v; });
    I.svg('line', { x1: sx(fx), x2: sx(fx), y1: y - 18, y2: y + h + 4, stroke: '#000' }, svg);
    I.svg('text', { x: sx(fx), y: y - 22, 'text-anchor': 'middle', 'font-weight': 'bold' }, svg, 'f(x) = ' + I.fmt(fx));
    I.svg('line', { x1: sx(base), x2: sx(base), y1: y + h, y2: y + h + 8, stroke: '#666', 'stroke-width': 3 }, svg);
    I.svg('text', { x: sx(base), y: 112, 'text-anchor': 'middle', fill: '#666' }, svg, 'base value ' + I.fmt(base));
  }

  function canvas(host, w, h) {
    var cv = I.el('canvas', { width: w * (window.devicePixelRatio || 1), height: h * (window.devicePixelRatio || 1) }, host);
    cv.style.width = w + 'px'; cv.style.height = h + 'px';
    var g = cv.getContext('2d');
    g.scale(window.devicePixelRatio || 1, window.devicePixelRatio || 1);
    g.font = '11px "DejaVu Sans", sans-serif';
    return { cv: cv, g: g };
  }

  function ticks(g, x0, x1, y, lo, hi) {
    var span = (hi - lo) || 1, step = Math.pow(10, Math.floor(Math.log10(span / 5)));
    if (span / step > 10) step *= 2;
    if (span / step > 10) step *= 2.5;
    g.fillStyle = '#333'; g.strokeStyle = '#98a2b3'; g.textAlign = 'center';
    g.beginPath(); g.moveTo(x0, y); g.lineTo(x1, y); g.stroke();
    for (var t = Math.ceil(lo / step) * step; t <= hi + 1e-12; t += step) {
      var px = x0 + (t - lo) / span * (x1 - x0);
      g.beginPath(); g.moveTo(px, y); g.lineTo(px, y + 4); g.stroke();
      g.fillText(I.fmt(Math.abs(t) < step / 1e6 ? 0 : t, 3), px, y + 15);
    }
  }

  /* Beeswarm: one line per feature, a dot per row at its SHAP value, coloured by the feature's value. */
  function beeswarm(host, d, m, c) {
    host.textContent = '';
    var feats = byImportance(m, c).slice(0, 15), lo = 0, hi = 0;
    feats.forEach(function (f) { for (var r = 0; r < m.N; r++) { var v = m.phi(r, c, f); if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); } } });
    var pad = (hi - lo) * 0.05 || 1; lo -= pad; hi += pad;
    var W = 820, x0 = 200, x1 = 790, rowH = 30, H = feats.length * rowH + 50;
    var c2 = canvas(host, W, H), g = c2.g;
    c2.cv.id = 'shap-beeswarm';
    var sx = function (v) { return x0 + (v - lo) / (hi - lo) * (x1 - x0); };
    g.strokeStyle = '#ccc'; g.beginPath(); g.moveTo(sx(0), 4); g.lineTo(sx(0), feats.length * rowH + 4); g.stroke();
    feats.forEach(function (f, k) {
      var yc = k * rowH + rowH / 2 + 4, range = featureRange(d, m, f), pts = [];
      g.fillStyle = '#333'; g.textAlign = 'right'; g.fillText(d.features[f], x0 - 8, yc + 4);
      for (var r = 0; r < m.N; r++) { var v = m.phi(r, c, f); if (v !== null) pts.push({ px: sx(v), x: m.x(r, f) }); }
      pts.sort(function (a, b) { return a.px - b.px; });
      var bins = {};
      pts.forEach(function (p) {
        var b = Math.round(p.px / 3), n = bins[b] = (bins[b] || 0) + 1;
        var off = (n % 2 ? 1 : -1) * Math.floor(n / 2) * 2.2;
        if (Math.abs(off) > rowH / 2 - 2) off = (Math.random() - 0.5) * (rowH - 4);
        var t = range && p.x !== null && range[1] > range[0] ? (p.x - range[0]) / (range[1] - range[0]) : null;
        g.fillStyle = I.ramp(t);
        g.beginPath(); g.arc(p.px, yc + off, 2.2, 0, 2 * Math.PI); g.fill();
      });
    });
    ticks(g, x0, x1, feats.length * rowH + 8, lo, hi);
    g.fillStyle = '#333'; g.textAlign = 'center'; g.fillText('SHAP value (impact on model output)', (x0 + x1) / 2, H - 6);
    I.el('div', { 'class': 'legend' }, host, d.x ? 'colour: feature value, blue = low, red = high (5th–95th percentile), gray = missing' : 'no feature values in the envelope: dots are gray');
  }

  function bar(host, d, m, c) {
    host.textContent = '';
    var feats = byImportance(m, c).slice(0, 20), max = 0;
    feats.forEach(function (f) { max = Math.max(max, m.meanAbs(c, f) || 0); });
    var W = 760, x0 = 220, x1 = 700, rowH = 22, H = feats.length * rowH + 44;
    var svg = I.svg('svg', { width: W, height: H, id: 'shap-bar' }, host);
    var sx = I.xAxis(svg, x0, x1, feats.length * rowH + 6, 0, max * 1.05 || 1, 'mean |SHAP value|');
    feats.forEach(function (f, k) {
      var y = k * rowH, v = m.meanAbs(c, f) || 0;
      I.svg('text', { x: x0 - 8, y: y + rowH / 2 + 4, 'text-anchor': 'end' }, svg, d.features[f]);
      I.svg('rect', { x: x0, y: y + 3, width: sx(v) - x0, height: rowH - 6, fill: '#1e88e5', 'data-value': v }, svg);
      I.svg('text', { x: sx(v) + 4, y: y + rowH / 2 + 4 }, svg, I.fmt(v, 3));
    });
  }

  /* Dependence: feature value against its SHAP value, coloured by the chosen (by default the most interacting) feature. */
  function dependence(host, d, m, c, f, other) {
    host.textContent = '';
    if (!d.x) { I.el('p', { 'class': 'hint' }, host, 'The envelope has no feature values (dependence.feature_values): no dependence plot.'); return; }
    var xs = [], ys = [], cs = [];
    var range = other >= 0 ? featureRange(d, m, other) : null;
    for (var r = 0; r < m.N; r++) {
      var x = m.x(r, f), y = m.phi(r, c, f);
      if (x === null || y === null) continue;
      xs.push(x); ys.push(y);
      var cv = other >= 0 ? m.x(r, other) : null;
      cs.push(range && cv !== null && range[1] > range[0] ? (cv - range[0]) / (range[1] - range[0]) : null);
    }
    if (!xs.length) { I.el('p', { 'class': 'hint' }, host, 'No rows with a value for this feature.'); return; }
    var xlo = Math.min.apply(null, xs), xhi = Math.max.apply(null, xs), ylo = Math.min.apply(null, ys), yhi = Math.max.apply(null, ys);
    var xp = (xhi - xlo) * 0.05 || 1, yp = (yhi - ylo) * 0.08 || 1;
    xlo -= xp; xhi += xp; ylo -= yp; yhi += yp;
    var W = 640, H = 400, x0 = 60, x1 = 620, y0 = 360, y1 = 14;
    var c2 = canvas(host, W, H), g = c2.g;
    c2.cv.id = 'shap-dependence';
    g.strokeStyle = '#98a2b3'; g.beginPath(); g.moveTo(x0, y1); g.lineTo(x0, y0); g.stroke();
    g.textAlign = 'right'; g.fillStyle = '#333';
    [ylo, (ylo + yhi) / 2, yhi].forEach(function (v) { g.fillText(I.fmt(v, 3), x0 - 4, y0 - (v - ylo) / (yhi - ylo) * (y0 - y1) + 4); });
    ticks(g, x0, x1, y0, xlo, xhi);
    g.textAlign = 'center'; g.fillText(d.features[f], (x0 + x1) / 2, H - 6);
    for (var i = 0; i < xs.length; i++) {
      g.fillStyle = other >= 0 ? I.ramp(cs[i]) : '#1e88e5';
      g.beginPath(); g.arc(x0 + (xs[i] - xlo) / (xhi - xlo) * (x1 - x0), y0 - (ys[i] - ylo) / (yhi - ylo) * (y0 - y1), 2.6, 0, 2 * Math.PI); g.fill();
    }
    I.el('div', { 'class': 'legend' }, host, 'y: SHAP value for ' + d.features[f] + (other >= 0 ? '; colour: ' + d.features[other] + ' (blue low → red high)' : ''));
  }

  I.views.shap = function (d) {
    var m = model(d), state = { row: 0, c: 0 };
    var s1 = I.section('One row: waterfall and force plot', 'Each bar moves the output from the base value E[f(x)] to this row\'s f(x); the bars add up to f(x) − E[f(x)].');
    var ctl = I.el('div', { 'class': 'controls' }, s1);
    I.select(ctl, 'row', d.rows.map(function (r, i) { return { value: i, label: 'row ' + r }; }), 0, function (v) { state.row = +v; I.currentExample(d.rows[state.row]); local(); }, 'shap-row');
    if (d.multiclass) I.select(ctl, 'output', d.class_names, 0, function (v) { state.c = +v; local(); global(); }, 'shap-class');
    var wf = I.el('div', null, s1), fo = I.el('div', null, s1);
    var s2 = I.section('All rows: beeswarm and mean |SHAP|', d.feature_perturbation ? 'feature perturbation: ' + d.feature_perturbation + '; output space: ' + d.output_space : null);
    var row2 = I.el('div', { 'class': 'row' }, s2), bs = I.el('div', { 'class': 'card' }, row2), br = I.el('div', { 'class': 'card' }, row2);
    var s3 = I.section('Dependence', 'A feature\'s value against its SHAP value, coloured by the feature it interacts with most.');
    var ctl3 = I.el('div', { 'class': 'controls' }, s3), dep = I.el('div', null, s3);
    var ranked = byImportance(m, 0), depState = { f: ranked[0], other: d.interaction ? d.interaction[ranked[0]] : -1 };
    var otherSel;
    I.select(ctl3, 'feature', ranked.map(function (f) { return { value: f, label: d.features[f] }; }), depState.f, function (v) {
      depState.f = +v; depState.other = d.interaction ? d.interaction[depState.f] : -1; otherSel.value = depState.other; dependence(dep, d, m, state.c, depState.f, depState.other);
    }, 'shap-dep-feature');
    otherSel = I.select(ctl3, 'colour by', [{ value: -1, label: '(none)' }].concat(d.features.map(function (n, f) { return { value: f, label: n }; })), depState.other, function (v) {
      depState.other = +v; dependence(dep, d, m, state.c, depState.f, depState.other);
    }, 'shap-dep-colour');
    function local() { waterfall(wf, d, m, state.row, state.c); force(fo, d, m, state.row, state.c); }
    function global() { beeswarm(bs, d, m, state.c); bar(br, d, m, state.c); dependence(dep, d, m, state.c, depState.f, depState.other); }
    I.currentExample(d.rows[0]);
    local(); global();
  };
})();
