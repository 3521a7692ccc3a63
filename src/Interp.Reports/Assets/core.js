/* Interp report runtime: reads the page's JSON blob, draws the header, quality table and notes, then each view. */
(function () {
  'use strict';
  var I = window.Interp = window.Interp || {};
  I.views = I.views || {};
  I.NS = 'http://www.w3.org/2000/svg';

  I.el = function (tag, attrs, parent, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  };
  I.svg = function (tag, attrs, parent, text) {
    var e = document.createElementNS(I.NS, tag);
    if (attrs) for (var k in attrs) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  };
  I.fmt = function (v, digits) {
    if (v === null || v === undefined || typeof v !== 'number' || !isFinite(v)) return '–';
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
    return Number(v.toPrecision(digits || 4)).toString();
  };
  I.clamp = function (v, lo, hi) { return Math.max(lo, Math.min(hi, v)); };

  /* Colours: signed values red (+) / blue (−) with alpha ∝ |v|; sequential white → dark blue; feature ramp blue → red. */
  I.signedColor = function (v) {
    var a = I.clamp(Math.abs(v), 0, 1);
    return v >= 0 ? 'rgba(230,30,80,' + a.toFixed(3) + ')' : 'rgba(30,136,229,' + a.toFixed(3) + ')';
  };
  I.seqColor = function (t) {
    t = I.clamp(t, 0, 1);
    var r = Math.round(255 - 215 * t), g = Math.round(255 - 170 * t), b = Math.round(255 - 75 * t);
    return 'rgb(' + r + ',' + g + ',' + b + ')';
  };
  I.ramp = function (t) {
    if (t === null || t === undefined || !isFinite(t)) return '#9e9e9e';
    t = I.clamp(t, 0, 1);
    return 'rgb(' + Math.round(30 + 200 * t) + ',' + Math.round(136 - 106 * t) + ',' + Math.round(229 - 149 * t) + ')';
  };
  I.headColors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
    '#393b79', '#ad494a', '#637939', '#8c6d31', '#843c39', '#7b4173'];
  I.headColor = function (h) { return I.headColors[h % I.headColors.length]; };

  /* Packed arrays (see Json/Encoded.cs): base64 of little-endian f32, f16, u16, i8 (× scale / 127) or raw bytes. */
  I.bytes = function (b64) {
    var s = atob(b64), out = new Uint8Array(s.length);
    for (var i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  };
  I.half = function (h) {
    var s = (h & 0x8000) ? -1 : 1, e = (h >> 10) & 0x1f, f = h & 0x3ff;
    if (e === 0) return s * f * Math.pow(2, -24);
    if (e === 31) return f ? NaN : s * Infinity;
    return s * (1 + f / 1024) * Math.pow(2, e - 15);
  };
  I.decode = function (enc) {
    var b = I.bytes(enc.b64), n, out, i, dv = new DataView(b.buffer);
    switch (enc.dtype) {
      case 'f32': n = b.length / 4; out = new Float32Array(n); for (i = 0; i < n; i++) out[i] = dv.getFloat32(4 * i, true); return out;
      case 'f16': n = b.length / 2; out = new Float32Array(n); for (i = 0; i < n; i++) out[i] = I.half(dv.getUint16(2 * i, true)); return out;
      case 'u16': n = b.length / 2; out = new Uint16Array(n); for (i = 0; i < n; i++) out[i] = dv.getUint16(2 * i, true); return out;
      case 'i8': out = new Float32Array(b.length); for (i = 0; i < b.length; i++) out[i] = dv.getInt8(i) / 127 * enc.scale; return out;
      case 'u8raw': return b;
      default: throw new Error('unknown packed dtype ' + enc.dtype);
    }
  };

  I.section = function (title, hint) {
    var s = I.el('section', { 'class': 'view' }, document.getElementById('interp-main'));
    I.el('h2', null, s, title);
    if (hint) I.el('p', { 'class': 'hint' }, s, hint);
    return s;
  };
  I.select = function (parent, label, options, value, onchange, id) {
    var l = I.el('label', null, parent, label + ' ');
    var sel = I.el('select', { id: id }, l);
    options.forEach(function (o, i) {
      var opt = I.el('option', { value: typeof o === 'object' ? o.value : i }, sel, typeof o === 'object' ? o.label : o);
      if (String(opt.value) === String(value)) opt.selected = true;
    });
    sel.addEventListener('change', function () { onchange(sel.value); });
    return sel;
  };

  /* A horizontal axis with ticks, for SVG charts; returns the scale function. */
  I.xAxis = function (svg, x0, x1, y, lo, hi, label) {
    var g = I.svg('g', { 'class': 'axis' }, svg), span = (hi - lo) || 1;
    var scale = function (v) { return x0 + (v - lo) / span * (x1 - x0); };
    I.svg('line', { x1: x0, x2: x1, y1: y, y2: y }, g);
    var step = Math.pow(10, Math.floor(Math.log10(span / 5)));
    if (span / step > 10) step *= 2;
    if (span / step > 10) step *= 2.5;
    for (var t = Math.ceil(lo / step) * step; t <= hi + 1e-12; t += step) {
      var px = scale(t);
      I.svg('line', { x1: px, x2: px, y1: y, y2: y + 4 }, g);
      I.svg('text', { x: px, y: y + 15, 'text-anchor': 'middle' }, g, I.fmt(Math.abs(t) < step / 1e6 ? 0 : t, 3));
    }
    if (label) I.svg('text', { x: (x0 + x1) / 2, y: y + 30, 'text-anchor': 'middle' }, g, label);
    return scale;
  };

  I.quality = {};
  function drawQuality(parent, quality) {
    var names = Object.keys(quality || {});
    if (!names.length) return;
    var n = Math.max.apply(null, names.map(function (k) { return quality[k].length; }));
    var wrap = I.el('div', { id: 'interp-quality' }, parent);
    I.el('div', { 'class': 'meta' }, wrap).innerHTML = '<b>Quality</b>';
    var t = I.el('table', { 'class': 'quality' }, wrap), head = I.el('tr', null, I.el('thead', null, t));
    I.el('th', null, head, 'metric');
    var wide = n > 12;
    if (wide) ['mean', 'min', 'max'].forEach(function (h) { I.el('th', null, head, h); });
    else for (var i = 0; i < n; i++) I.el('th', null, head, n === 1 ? 'value' : 'example ' + i);
    var body = I.el('tbody', null, t);
    names.forEach(function (k) {
      var tr = I.el('tr', { 'data-metric': k }, body), v = quality[k];
      I.el('th', null, tr, k.replace(/_/g, ' '));
      if (wide) {
        var f = v.filter(function (x) { return x !== null; });
        var mean = f.reduce(function (a, b) { return a + b; }, 0) / (f.length || 1);
        [mean, Math.min.apply(null, f), Math.max.apply(null, f)].forEach(function (x) { I.el('td', null, tr, I.fmt(x)); });
      } else {
        for (var j = 0; j < n; j++) I.el('td', { 'data-example': j }, tr, I.fmt(v[j]));
      }
    });
  }
  /* Marks the quality column of the example a view shows. */
  I.currentExample = function (n) {
    var cells = document.querySelectorAll('#interp-quality td[data-example]');
    for (var i = 0; i < cells.length; i++) cells[i].classList.toggle('current', cells[i].getAttribute('data-example') === String(n));
  };

  function drawHeader(page) {
    var h = document.getElementById('interp-header');
    I.el('h1', null, h, page.title);
    var meta = I.el('div', { 'class': 'meta' }, h);
    function item(k, v) { if (v === null || v === undefined || v === '') return; var s = I.el('span', null, meta); I.el('b', null, s, k + ' '); s.appendChild(document.createTextNode(v)); }
    item('kind', page.kind); item('method', page.method); item('level', page.level); item('file', page.source);
    if (page.model) { item('model', page.model.path ? page.model.path.split('/').pop() : null); item('format', page.model.format); item('sha256', page.model.sha256 ? page.model.sha256.slice(0, 12) + '…' : null); }
    if (page.seed !== null && page.seed !== undefined) item('seed', String(page.seed));
    if (page.model_calls) item('model calls', page.model_calls.calls + ' (' + page.model_calls.rows + ' rows)');
    if (page.options) {
      var d = I.el('details', { 'class': 'options' }, h);
      I.el('summary', null, d, 'options');
      I.el('pre', null, d, JSON.stringify(page.options, null, 2));
    }
    drawQuality(h, page.quality);
    if (page.notes && page.notes.length) {
      var n = I.el('div', { 'class': 'notes', id: 'interp-notes' }, h);
      page.notes.forEach(function (t) { I.el('div', null, n, t); });
    }
  }

  I.render = function () {
    var blob = JSON.parse(document.getElementById('interp-data').textContent);
    I.data = blob;
    document.getElementById('interp-main').textContent = '';
    drawHeader(blob.page);
    blob.views.forEach(function (v) {
      try {
        if (!I.views[v.view]) throw new Error('no script draws view ' + v.view);
        I.views[v.view](v.data, blob.page);
      } catch (e) {
        I.el('div', { 'class': 'error' }, document.getElementById('interp-main'), 'This view failed to draw: ' + e.message);
        throw e;
      }
    });
    window.interpReady = true;
  };
})();
