/* Attention: head view (lines from each query token to the key tokens, opacity = attention) and model view
   (every layer × head as a thumbnail of its pattern; click one to show it in the head view). */
(function () {
  'use strict';
  var I = window.Interp;

  function tensor(d) {
    var L = d.layers, H = d.heads, Q = d.queries, K = d.keys, p = d.patterns;
    if (p.type === 'dense') {
      var v = I.decode(p.values);
      return {
        row: function (l, h, q, fn) { var o = ((l * H + h) * Q + q) * K; for (var k = 0; k < K; k++) if (v[o + k] > 0) fn(k, v[o + k]); },
        value: function (l, h, q, k) { return v[((l * H + h) * Q + q) * K + k]; }
      };
    }
    var idx = I.decode(p.index), val = I.decode(p.values), kk = p.k;
    return {
      row: function (l, h, q, fn) { var o = ((l * H + h) * Q + q) * kk; for (var j = 0; j < kk; j++) if (val[o + j] > 0) fn(idx[o + j], val[o + j]); },
      value: function (l, h, q, k) { var o = ((l * H + h) * Q + q) * kk; for (var j = 0; j < kk; j++) if (idx[o + j] === k) return val[o + j]; return 0; }
    };
  }

  I.views.attention = function (d) {
    var T = tensor(d), L = d.layers, H = d.heads, Q = d.queries, K = d.keys;
    I.attention = T;
    var long = Q > 128;
    var state = { layer: 0, heads: [0], min: long ? 0.01 : 0, qStart: 0, qCount: long ? 128 : Q, filter: '', focus: -1 };

    var sec = I.section('Head view', 'Left: the attending (query) tokens; right: the attended (key) tokens. A line\'s opacity is the attention weight; one colour per head. Hover a query token to see only its lines; click to pin.');
    var ctl = I.el('div', { 'class': 'controls' }, sec);
    var layerSel = I.select(ctl, 'layer', Array.apply(null, Array(L)).map(function (_, l) { return 'layer ' + l; }), 0, function (v) { state.layer = +v; draw(); marks(); }, 'attn-layer');
    var headBox = I.el('span', null, ctl), boxes = [];
    I.el('span', null, headBox, 'heads ');
    for (var h = 0; h < H; h++) {
      var lab = I.el('label', { title: 'head ' + h }, headBox);
      var cb = I.el('input', { type: 'checkbox', 'class': 'attn-head', 'data-head': h }, lab);
      cb.checked = state.heads.indexOf(h) >= 0;
      var sw = I.el('span', null, lab, String(h));
      sw.style.color = I.headColor(h); sw.style.fontWeight = 'bold';
      boxes.push(cb);
      cb.addEventListener('change', function () { state.heads = boxes.filter(function (b) { return b.checked; }).map(function (b) { return +b.getAttribute('data-head'); }); draw(); marks(); });
    }
    var lmin = I.el('label', null, ctl, 'min weight ');
    var minInput = I.el('input', { type: 'number', id: 'attn-min', min: 0, max: 1, step: 0.01, value: state.min, style: 'width:5em' }, lmin);
    minInput.addEventListener('change', function () { state.min = +minInput.value || 0; draw(); });
    var lq = I.el('label', null, ctl, 'queries from ');
    var qs = I.el('input', { type: 'number', id: 'attn-qstart', min: 0, max: Q - 1, value: 0, style: 'width:5em' }, lq);
    var lc = I.el('label', null, ctl, 'count ');
    var qc = I.el('input', { type: 'number', id: 'attn-qcount', min: 1, max: Q, value: state.qCount, style: 'width:5em' }, lc);
    qs.addEventListener('change', function () { state.qStart = I.clamp(+qs.value || 0, 0, Q - 1); draw(); });
    qc.addEventListener('change', function () { state.qCount = I.clamp(+qc.value || 1, 1, Q); draw(); });
    var lf = I.el('label', null, ctl, 'token filter ');
    var filt = I.el('input', { type: 'text', id: 'attn-filter', placeholder: 'substring', style: 'width:8em' }, lf);
    filt.addEventListener('input', function () { state.filter = filt.value; draw(); });
    if (long) I.el('p', { 'class': 'hint' }, sec, Q + ' query tokens: lines are drawn for ' + state.qCount + ' queries at a time (change "queries from"/"count") and only for weights ≥ "min weight"; scroll the panel to see every token.');
    var status = I.el('div', { 'class': 'legend', id: 'attn-status' }, sec);
    var box = I.el('div', { 'class': 'scroll', id: 'attn-head-view', style: 'max-height:640px;max-width:720px' }, sec);

    var rowH = 18, xl = 170, xr = 430, W = 620;
    function draw() {
      box.textContent = '';
      var n = Math.max(Q, K), Hpx = n * rowH + 12;
      var svg = I.svg('svg', { width: W, height: Hpx, id: 'attn-svg', 'data-layer': state.layer }, box);
      var style = I.svg('style', null, svg);
      style.textContent = 'svg.focus g.ql{display:none} svg.focus g.ql.on{display:inline} text.tq,text.tk{cursor:pointer} text.match{font-weight:bold;fill:#b42318}';
      var f = state.filter.toLowerCase(), drawn = 0;
      function y(i) { return 6 + i * rowH + rowH / 2; }
      d.query_tokens.forEach(function (t, q) {
        var tx = I.svg('text', { x: xl - 8, y: y(q) + 4, 'text-anchor': 'end', 'class': 'tq' + (f && t.toLowerCase().indexOf(f) >= 0 ? ' match' : ''), 'data-q': q }, svg, t);
        tx.addEventListener('mouseenter', function () { if (state.focus < 0) focus(svg, q); });
        tx.addEventListener('mouseleave', function () { if (state.focus < 0) focus(svg, -1); });
        tx.addEventListener('click', function () { state.focus = state.focus === q ? -1 : q; focus(svg, state.focus); });
      });
      d.key_tokens.forEach(function (t, k) { I.svg('text', { x: xr + 8, y: y(k) + 4, 'class': 'tk' + (f && t.toLowerCase().indexOf(f) >= 0 ? ' match' : ''), 'data-k': k }, svg, t); });
      for (var q = state.qStart; q < Math.min(Q, state.qStart + state.qCount); q++) {
        if (f && d.query_tokens[q].toLowerCase().indexOf(f) < 0) continue;
        var g = I.svg('g', { 'class': 'ql', 'data-q': q }, svg);
        state.heads.forEach(function (h) {
          T.row(state.layer, h, q, function (k, v) {
            if (v < state.min) return;
            I.svg('line', { x1: xl, y1: y(q), x2: xr, y2: y(k), stroke: I.headColor(h), 'stroke-width': 2, 'stroke-opacity': v, 'data-l': state.layer, 'data-h': h, 'data-q': q, 'data-k': k }, g);
            drawn++;
          });
        });
      }
      if (state.focus >= 0) focus(svg, state.focus);
      status.textContent = 'layer ' + state.layer + ', heads ' + (state.heads.join(', ') || 'none') + ': ' + drawn + ' lines' + (d.patterns.type === 'topk' ? ' (top ' + d.patterns.k + ' keys per query kept)' : '');
    }
    function focus(svg, q) {
      svg.classList.toggle('focus', q >= 0);
      var gs = svg.querySelectorAll('g.ql');
      for (var i = 0; i < gs.length; i++) gs[i].classList.toggle('on', +gs[i].getAttribute('data-q') === q);
    }

    /* Model view */
    var sec2 = I.section('Model view', 'Every layer (rows) × head (columns): the attention pattern, queries down, keys across (√-scaled, darker = more). Click a thumbnail to show that head above.');
    var S = H > 12 ? 48 : 64;
    var grid = I.el('div', { 'class': 'thumbs', id: 'attn-model-view', style: 'grid-template-columns: 46px repeat(' + H + ', ' + (S + 4) + 'px)' }, sec2);
    var thumbs = [];
    I.el('div', null, grid);
    for (var hh = 0; hh < H; hh++) I.el('div', { 'class': 'lab' }, grid, 'head ' + hh);
    for (var l = 0; l < L; l++) {
      I.el('div', { 'class': 'lab', style: 'align-self:center' }, grid, 'layer ' + l);
      for (var h2 = 0; h2 < H; h2++) thumbs.push(thumb(grid, l, h2));
    }
    function thumb(parent, l, h) {
      // One pixel per (query, key) when the prompt is short, else max-pooled blocks; CSS scales it to S × S.
      var rows = Math.min(Q, S), cols = Math.min(K, S);
      var cv = I.el('canvas', { width: cols, height: rows, 'class': 'pix', 'data-layer': l, 'data-head': h, title: 'layer ' + l + ', head ' + h }, parent);
      cv.style.width = S + 'px'; cv.style.height = S + 'px';
      var cells = new Float32Array(rows * cols), g = cv.getContext('2d'), id = g.createImageData(cols, rows);
      for (var q = 0; q < Q; q++) {
        var yq = Math.floor(q * rows / Q);
        T.row(l, h, q, function (k, v) { var c = yq * cols + Math.floor(k * cols / K); if (v > cells[c]) cells[c] = v; });
      }
      for (var p = 0; p < rows * cols; p++) {
        var t = Math.sqrt(cells[p]), r = 255 - 215 * t, gg = 255 - 170 * t, b = 255 - 75 * t;
        id.data[4 * p] = r; id.data[4 * p + 1] = gg; id.data[4 * p + 2] = b; id.data[4 * p + 3] = 255;
      }
      g.putImageData(id, 0, 0);
      cv.addEventListener('click', function () {
        state.layer = l; state.heads = [h];
        layerSel.value = l;
        boxes.forEach(function (b) { b.checked = +b.getAttribute('data-head') === h; });
        draw(); marks();
        sec.scrollIntoView({ behavior: 'auto', block: 'start' });
      });
      return cv;
    }
    function marks() {
      thumbs.forEach(function (cv) { cv.classList.toggle('selected', +cv.getAttribute('data-layer') === state.layer && state.heads.indexOf(+cv.getAttribute('data-head')) >= 0); });
    }
    draw(); marks();
  };
})();
