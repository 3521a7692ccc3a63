/* Local attribution views: image heatmaps over the input, token heatmaps, tabular bars, deletion/insertion curves; comparison grid. */
(function () {
  'use strict';
  var I = window.Interp;

  /* Draws one heat map (values in [−1, 1] signed or [0, 1] absolute) blended over the gray input, scaled up to ~size px. */
  I.heatCanvas = function (parent, ex, mode, size) {
    var w = ex.width, h = ex.height, heat = I.decode(mode === 'abs' ? ex.heat_abs : ex.heat_signed);
    var img = ex.image ? I.decode(ex.image) : null;
    var cv = I.el('canvas', { width: w, height: h, 'class': 'pix', 'data-mode': mode }, parent);
    var zoom = Math.max(1, Math.floor((size || 224) / Math.max(w, h)));
    cv.style.width = (w * zoom) + 'px'; cv.style.height = (h * zoom) + 'px';
    var g = cv.getContext('2d'), id = g.createImageData(w, h);
    for (var p = 0; p < w * h; p++) {
      var gray = img ? 0.299 * img[3 * p] + 0.587 * img[3 * p + 1] + 0.114 * img[3 * p + 2] : 255, v = heat[p], r, gg, b, a;
      if (mode === 'abs') {
        r = 255 * I.clamp(v * 3, 0, 1); gg = 255 * I.clamp(v * 3 - 1, 0, 1); b = 255 * I.clamp(v * 3 - 2, 0, 1); a = 0.15 + 0.75 * v;
      } else {
        a = 0.85 * Math.abs(v);
        if (v >= 0) { r = 230; gg = 30; b = 30; } else { r = 30; gg = 80; b = 230; }
      }
      id.data[4 * p] = gray * (1 - a) + r * a; id.data[4 * p + 1] = gray * (1 - a) + gg * a; id.data[4 * p + 2] = gray * (1 - a) + b * a; id.data[4 * p + 3] = 255;
    }
    g.putImageData(id, 0, 0);
    return cv;
  };

  function inputCanvas(parent, ex, size) {
    var w = ex.width, h = ex.height, img = I.decode(ex.image);
    var cv = I.el('canvas', { width: w, height: h, 'class': 'pix' }, parent);
    var zoom = Math.max(1, Math.floor((size || 224) / Math.max(w, h)));
    cv.style.width = (w * zoom) + 'px'; cv.style.height = (h * zoom) + 'px';
    var g = cv.getContext('2d'), id = g.createImageData(w, h);
    for (var p = 0; p < w * h; p++) { id.data[4 * p] = img[3 * p]; id.data[4 * p + 1] = img[3 * p + 1]; id.data[4 * p + 2] = img[3 * p + 2]; id.data[4 * p + 3] = 255; }
    g.putImageData(id, 0, 0);
  }

  function title(ex) {
    var t = 'example ' + ex.index;
    if (ex.target !== null && ex.target !== undefined) t += ' · target ' + (ex.target_name !== null && ex.target_name !== undefined ? ex.target_name : ex.target);
    if (ex.output !== null && ex.output !== undefined) t += ' · f(x) = ' + I.fmt(ex.output);
    t += ' · Σ attributions = ' + I.fmt(ex.sum);
    if (ex.delta !== null && ex.delta !== undefined) t += ' · convergence delta ' + I.fmt(ex.delta);
    return t;
  }

  /* Deletion (blue) and insertion (red) curves with their random-order references (dashed). */
  function curves(parent, cv, n) {
    if (!cv || !cv.curve_fraction || !cv.curve_fraction[n]) return;
    var W = 340, H = 220, x0 = 46, x1 = 330, y0 = 180, y1 = 10, xs = cv.curve_fraction[n], lo = Infinity, hi = -Infinity;
    var names = ['deletion_curve', 'deletion_curve_random', 'insertion_curve', 'insertion_curve_random'];
    names.forEach(function (k) { if (cv[k] && cv[k][n]) cv[k][n].forEach(function (v) { if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); } }); });
    if (!isFinite(lo)) return;
    if (hi === lo) hi = lo + 1;
    var card = I.el('div', { 'class': 'card curves' }, parent);
    I.el('h3', null, card, 'deletion / insertion');
    var svg = I.svg('svg', { width: W, height: H }, card);
    I.xAxis(svg, x0, x1, y0, 0, 1, 'fraction removed / inserted');
    var sy = function (v) { return y0 - (v - lo) / (hi - lo) * (y0 - y1); };
    I.svg('text', { x: x0 - 4, y: y1 + 8, 'text-anchor': 'end' }, svg, I.fmt(hi, 3));
    I.svg('text', { x: x0 - 4, y: y0, 'text-anchor': 'end' }, svg, I.fmt(lo, 3));
    names.forEach(function (k) {
      if (!cv[k] || !cv[k][n]) return;
      var pts = cv[k][n].map(function (v, i) { return (x0 + xs[i] * (x1 - x0)).toFixed(1) + ',' + sy(v === null ? lo : v).toFixed(1); }).join(' ');
      I.svg('polyline', { points: pts, fill: 'none', stroke: k.indexOf('deletion') === 0 ? '#1e88e5' : '#e61e50', 'stroke-width': 1.6, 'stroke-dasharray': k.indexOf('random') > 0 ? '4,3' : null, 'class': k }, svg);
    });
    I.el('div', { 'class': 'legend' }, card, 'blue: deletion, red: insertion; dashed: random order');
  }

  function tokens(parent, ex) {
    var max = 0;
    ex.values.forEach(function (v) { if (v !== null) max = Math.max(max, Math.abs(v)); });
    var box = I.el('div', { 'class': 'tokens' }, parent);
    ex.tokens.forEach(function (t, k) {
      var v = ex.values[k] === null ? 0 : ex.values[k];
      var s = I.el('span', { 'class': 'tok', 'data-value': v, title: t + ': ' + I.fmt(v) }, box, t);
      s.style.background = I.signedColor(max ? v / max : 0);
    });
    I.el('div', { 'class': 'legend' }, parent, 'red: pushes the target up, blue: down; intensity relative to the largest |value| (' + I.fmt(max) + ')');
  }

  function bars(parent, names, values) {
    var idx = values.map(function (_, i) { return i; }).filter(function (i) { return values[i] !== null; });
    idx.sort(function (a, b) { return Math.abs(values[b]) - Math.abs(values[a]); });
    idx = idx.slice(0, 25);
    var max = 0;
    idx.forEach(function (i) { max = Math.max(max, Math.abs(values[i])); });
    max = max || 1;
    var W = 760, x0 = 220, x1 = 740, rowH = 20, H = idx.length * rowH + 40;
    var svg = I.svg('svg', { width: W, height: H }, parent), sx = I.xAxis(svg, x0, x1, idx.length * rowH + 6, -max, max, 'attribution');
    idx.forEach(function (i, k) {
      var y = k * rowH, v = values[i], a = sx(0), b = sx(v);
      I.svg('text', { x: x0 - 8, y: y + 14, 'text-anchor': 'end' }, svg, names[i]);
      I.svg('rect', { x: Math.min(a, b), y: y + 3, width: Math.abs(b - a), height: rowH - 6, fill: v >= 0 ? '#e61e50' : '#1e88e5', 'data-value': v }, svg);
    });
  }

  I.views.attribution = function (d) {
    var sec = I.section(d.mode === 'image' ? 'Attribution heatmaps' : d.mode === 'text' ? 'Token attributions' : 'Attributions',
      d.mode === 'image' ? 'Signed: red raises the target, blue lowers it; absolute: black → red → yellow → white. Scales run to the 99.5th percentile of |value|.' : null);
    var ctl = I.el('div', { 'class': 'controls' }, sec), host = I.el('div', null, sec), state = { n: 0 };
    if (d.examples.length > 1) I.select(ctl, 'example', d.examples.map(function (e) { return 'example ' + e.index; }), 0, function (v) { state.n = +v; draw(); }, 'attr-example');
    function draw() {
      host.textContent = '';
      var ex = d.examples[state.n];
      I.currentExample(ex.index);
      I.el('p', { 'class': 'hint', id: 'attr-title' }, host, title(ex));
      if (d.mode === 'image') {
        var row = I.el('div', { 'class': 'row' }, host);
        if (ex.image) { var c0 = I.el('div', { 'class': 'card' }, row); I.el('h3', null, c0, 'input'); inputCanvas(c0, ex, 224); }
        var c1 = I.el('div', { 'class': 'card' }, row); I.el('h3', null, c1, 'signed'); I.heatCanvas(c1, ex, 'signed', 224);
        var c2 = I.el('div', { 'class': 'card' }, row); I.el('h3', null, c2, 'absolute'); I.heatCanvas(c2, ex, 'abs', 224);
        curves(row, d.curves, state.n);
      } else if (d.mode === 'text') {
        tokens(host, ex);
      } else if (d.mode === 'tabular') {
        bars(host, ex.features, ex.values);
      } else {
        I.el('p', { 'class': 'hint' }, host, 'attributions of shape [' + d.shape.join(', ') + ']: the 30 largest |values| (no image, token or feature labels to draw them on).');
        var t = I.el('table', { 'class': 'grid' }, host);
        ex.top.forEach(function (e) { var tr = I.el('tr', null, t); I.el('th', null, tr, '[' + e.index.join(', ') + ']'); var td = I.el('td', null, tr, I.fmt(e.value)); td.style.background = I.signedColor(e.value / Math.abs(ex.top[0].value || 1)); });
      }
    }
    draw();
  };

  I.views.comparison = function (d) {
    var sec = I.section('Methods side by side', 'One column per method, one row per example; signed or absolute maps over the same inputs.');
    var ctl = I.el('div', { 'class': 'controls' }, sec), host = I.el('div', { 'class': 'scroll' }, sec), mode = 'signed';
    I.select(ctl, 'map', [{ value: 'signed', label: 'signed' }, { value: 'abs', label: 'absolute' }], 'signed', function (v) { mode = v; draw(); }, 'cmp-mode');
    function draw() {
      host.textContent = '';
      var t = I.el('table', { 'class': 'grid' }, host), head = I.el('tr', null, t);
      I.el('th', null, head, '');
      d.columns.forEach(function (c) {
        var th = I.el('th', null, head, c.method);
        var q = Object.keys(c.quality || {}).slice(0, 3).map(function (k) { return k + ' ' + I.fmt(c.quality[k][0]); }).join('; ');
        if (q) I.el('div', { 'class': 'legend' }, th, q);
      });
      var n = Math.min.apply(null, d.columns.map(function (c) { return c.examples.length; }));
      for (var i = 0; i < n; i++) {
        var tr = I.el('tr', null, t);
        I.el('th', null, tr, 'example ' + i);
        d.columns.forEach(function (c) { I.heatCanvas(I.el('td', null, tr), c.examples[i], mode, 160); });
      }
    }
    draw();
  };
})();
