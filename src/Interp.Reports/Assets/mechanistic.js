/* Mechanistic views: logit-lens table, patching heatmaps, direct logit attribution bars, head-detector scores, probes. */
(function () {
  'use strict';
  var I = window.Interp;

  /* A table heatmap: rows × columns cells coloured by colour(r, c), text by text(r, c), tooltip by tip(r, c). */
  function table(parent, rows, cols, colour, text, tip, cls, id) {
    var wrap = I.el('div', { 'class': 'scroll', style: 'max-height:640px' }, parent);
    var t = I.el('table', { 'class': 'grid ' + (cls || ''), id: id }, wrap), head = I.el('tr', null, I.el('thead', null, t));
    I.el('th', null, head, '');
    cols.forEach(function (c) { I.el('th', null, head, c); });
    var body = I.el('tbody', null, t);
    rows.forEach(function (r, i) {
      var tr = I.el('tr', null, body);
      I.el('th', null, tr, r);
      cols.forEach(function (_, j) {
        var td = I.el('td', { title: tip ? tip(i, j) : null, 'data-r': i, 'data-c': j }, tr);
        var tx = text(i, j);
        if (typeof tx === 'string') td.textContent = tx; else if (tx) td.appendChild(tx);
        td.style.background = colour(i, j);
        td.style.color = 'inherit';
      });
    });
    return t;
  }

  function ink(bg, t) { return t > 0.6 ? '#fff' : '#1d2330'; }

  I.views.lens = function (d) {
    var sec = I.section('Logit lens', 'Each cell: the most likely next token when the residual stream at that layer (row) and position (column) is unembedded, and its probability (darker = more likely). Hover for the top ' + d.k + '.');
    var P = d.positions.length, k = d.k;
    function tok(id) { var s = d.vocab[String(id)]; return s !== undefined ? s : '#' + id; }
    var t = table(sec, d.layers, d.positions,
      function (r, c) { return I.seqColor(d.probs[(r * P + c) * k] || 0); },
      function (r, c) {
        var o = (r * P + c) * k, span = document.createElement('span');
        span.textContent = tok(d.ids[o]);
        var small = document.createElement('small'); small.textContent = I.fmt(d.probs[o], 2); span.appendChild(small);
        return span;
      },
      function (r, c) { var o = (r * P + c) * k, s = []; for (var j = 0; j < k; j++) s.push(tok(d.ids[o + j]) + ' ' + I.fmt(d.probs[o + j], 3)); return s.join('\n'); },
      'lens', 'lens-table');
    var cells = t.querySelectorAll('td');
    for (var i = 0; i < cells.length; i++) { var p = d.probs[(+cells[i].getAttribute('data-r') * P + +cells[i].getAttribute('data-c')) * k] || 0; cells[i].style.color = ink(null, p); }
  };

  I.views.patching = function (d) {
    var sec = I.section('Activation patching' + (d.hook_point ? ': ' + d.hook_point : ''),
      'Metric after patching each site from the clean run into the corrupted run. Normalised: 0 = corrupted (' + I.fmt(d.clean === null ? null : d.corrupted) + '), 1 = clean (' + I.fmt(d.clean) + ').');
    var ctl = I.el('div', { 'class': 'controls' }, sec), host = I.el('div', null, sec), state = { norm: d.clean !== null && d.corrupted !== null && d.clean !== d.corrupted, slice: 0 };
    I.select(ctl, 'values', [{ value: 1, label: 'normalised' }, { value: 0, label: 'raw metric' }], state.norm ? 1 : 0, function (v) { state.norm = v === '1'; draw(); }, 'patch-norm');
    var shape = d.shape, rank = shape.length;
    if (rank === 3) I.select(ctl, d.axes[0], d.labels[0], 0, function (v) { state.slice = +v; draw(); }, 'patch-slice');
    function val(i) { var v = d.effects[i]; if (v === null) return null; return state.norm ? (v - d.corrupted) / (d.clean - d.corrupted) : v; }
    function draw() {
      host.textContent = '';
      var rAxis = rank === 3 ? 1 : 0, rows = rank === 1 ? ['effect'] : d.labels[rAxis], cols = rank === 1 ? d.labels[0] : d.labels[rAxis + 1];
      var off = rank === 3 ? state.slice * shape[1] * shape[2] : 0, nc = cols.length, max = 0;
      for (var i = 0; i < rows.length * nc; i++) { var v = val(off + i); if (v !== null) max = Math.max(max, Math.abs(v)); }
      max = state.norm ? Math.max(1, max) : (max || 1);
      I.el('div', { 'class': 'legend' }, host, (rank === 1 ? '' : d.axes[rAxis] + ' (rows) × ' + d.axes[rAxis + 1] + ' (columns); ') + 'red positive, blue negative, full colour at ±' + I.fmt(max));
      table(host, rows, cols, function (r, c) { var v = val(off + r * nc + c); return v === null ? '#eee' : I.signedColor(v / max); },
        function (r, c) { return I.fmt(val(off + r * nc + c), 2); },
        function (r, c) { return rows[r] + ' × ' + cols[c] + ': ' + I.fmt(d.effects[off + r * nc + c], 5); }, 'patch', 'patch-table');
    }
    draw();
  };

  function signedBars(parent, names, values, id) {
    var idx = names.map(function (_, i) { return i; }).filter(function (i) { return values[i] !== null; });
    idx.sort(function (a, b) { return Math.abs(values[b]) - Math.abs(values[a]); });
    idx = idx.slice(0, 40);
    var max = 0;
    idx.forEach(function (i) { max = Math.max(max, Math.abs(values[i])); });
    max = max || 1;
    var W = 760, x0 = 200, x1 = 740, rowH = 18, H = idx.length * rowH + 40;
    var svg = I.svg('svg', { width: W, height: H, id: id }, parent), sx = I.xAxis(svg, x0, x1, idx.length * rowH + 6, -max, max, null);
    idx.forEach(function (i, k) {
      var y = k * rowH, v = values[i], a = sx(0), b = sx(v);
      I.svg('text', { x: x0 - 8, y: y + 13, 'text-anchor': 'end' }, svg, names[i]);
      I.svg('rect', { x: Math.min(a, b), y: y + 2, width: Math.abs(b - a), height: rowH - 4, fill: v >= 0 ? '#e61e50' : '#1e88e5', 'data-value': v }, svg);
    });
  }

  I.views.dla = function (d) {
    var extra = (d.position !== null && d.position !== undefined ? ' at position ' + d.position : '') + (d.target_value !== null && d.target_value !== undefined ? '; model value ' + I.fmt(d.target_value) : '') + (d.bias_terms !== null && d.bias_terms !== undefined ? ', bias terms ' + I.fmt(d.bias_terms) : '');
    var sec = I.section('Direct logit attribution', 'Each component\'s direct contribution to ' + (d.target ? d.target : 'the logit') + extra + ' (largest |value| first).');
    var ctl = I.el('div', { 'class': 'controls' }, sec), host = I.el('div', null, sec), n = d.components.length;
    function draw(e) { host.textContent = ''; signedBars(host, d.components, d.values.slice(e * n, (e + 1) * n), 'dla-bars'); }
    if (d.examples > 1) I.select(ctl, 'example', Array.apply(null, Array(d.examples)).map(function (_, i) { return 'example ' + i; }), 0, function (v) { draw(+v); }, 'dla-example');
    draw(0);
  };

  I.views.head_detector = function (d) {
    var names = d.detectors && d.detectors.length ? d.detectors : [d.detector];
    var sec = I.section('Head detector' + (names.length === 1 ? ': ' + names[0] : 's'), 'Score of every head (layer rows × head columns); darker = stronger.');
    var ctl = I.el('div', { 'class': 'controls' }, sec), host = I.el('div', null, sec), L = d.shape[0], H = d.shape[1];
    function draw(det) {
      host.textContent = '';
      var off = det * L * H, vals = d.scores.slice(off, off + L * H), max = 0;
      vals.forEach(function (v) { if (v !== null) max = Math.max(max, Math.abs(v)); });
      max = max || 1;
      var rows = Array.apply(null, Array(L)).map(function (_, l) { return 'layer ' + l; }), cols = Array.apply(null, Array(H)).map(function (_, h) { return 'H' + h; });
      table(host, rows, cols, function (r, c) { return I.seqColor((vals[r * H + c] || 0) / max); }, function (r, c) { return I.fmt(vals[r * H + c], 2); }, null, 'heads', 'heads-table');
      var top = vals.map(function (v, i) { return { v: v, i: i }; }).filter(function (e) { return e.v !== null; }).sort(function (a, b) { return b.v - a.v; }).slice(0, 5);
      I.el('p', { 'class': 'hint' }, host, names[det] + ', strongest: ' + top.map(function (e) { return 'L' + Math.floor(e.i / H) + 'H' + (e.i % H) + ' ' + I.fmt(e.v, 3); }).join(', '));
    }
    if (names.length > 1) I.select(ctl, 'detector', names, 0, function (v) { draw(+v); }, 'heads-detector');
    draw(0);
  };

  I.views.probe = function (d) {
    var sec = I.section('Linear probe' + (d.hook_point ? ' on ' + d.hook_point : ''), 'held-out accuracy ' + I.fmt(d.accuracy) + ' over ' + d.dims + ' dimensions');
    signedBars(sec, d.classes.map(function (c) { return c + ' ‖w‖'; }), d.norms, 'probe-norms');
    var t = I.el('table', { 'class': 'grid' }, sec), head = I.el('tr', null, t);
    I.el('th', null, head, 'class'); I.el('th', null, head, 'largest weights (dimension: weight)');
    d.top.forEach(function (list, c) {
      var tr = I.el('tr', null, t);
      I.el('th', null, tr, d.classes[c]);
      I.el('td', { style: 'text-align:left' }, tr, list.map(function (e) { return e.dim + ': ' + I.fmt(e.w, 3); }).join(', '));
    });
  };
})();
