/* Global importance: sorted bars with ± standard-error whiskers. */
(function () {
  'use strict';
  var I = window.Interp;
  I.views.importance = function (d) {
    var sec = I.section('Global importance (' + d.metric + ')', d.standard_error ? 'Whiskers: ± one standard error over the repeats.' : null);
    var idx = d.features.map(function (_, i) { return i; }).filter(function (i) { return d.importance[i] !== null; });
    idx.sort(function (a, b) { return d.importance[b] - d.importance[a]; });
    var lo = 0, hi = 0;
    idx.forEach(function (i) { var e = d.standard_error ? d.standard_error[i] || 0 : 0; lo = Math.min(lo, d.importance[i] - e); hi = Math.max(hi, d.importance[i] + e); });
    var W = 780, x0 = 220, x1 = 740, rowH = 22, H = idx.length * rowH + 44;
    var svg = I.svg('svg', { width: W, height: H, id: 'importance-bars' }, sec);
    var sx = I.xAxis(svg, x0, x1, idx.length * rowH + 6, lo, hi * 1.05 || 1, d.metric);
    idx.forEach(function (i, k) {
      var y = k * rowH, v = d.importance[i], a = sx(0), b = sx(v);
      I.svg('text', { x: x0 - 8, y: y + 15, 'text-anchor': 'end' }, svg, d.features[i]);
      I.svg('rect', { x: Math.min(a, b), y: y + 3, width: Math.abs(b - a), height: rowH - 6, fill: v >= 0 ? '#1e88e5' : '#e61e50', 'data-value': v }, svg);
      if (d.standard_error && d.standard_error[i]) {
        var e = d.standard_error[i];
        I.svg('line', { x1: sx(v - e), x2: sx(v + e), y1: y + rowH / 2, y2: y + rowH / 2, stroke: '#333' }, svg);
      }
      I.svg('text', { x: Math.max(a, b) + 4, y: y + 15 }, svg, I.fmt(v, 3));
    });
  };
})();
