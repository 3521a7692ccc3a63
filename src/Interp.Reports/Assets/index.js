/* Report index: links to every page with its kind, method, a quality summary and its chart files. */
(function () {
  'use strict';
  var I = window.Interp;
  I.views.index = function (d) {
    var sec = I.section('Pages', d.entries.length + ' pages; every page is self-contained and opens without a network.');
    var t = I.el('table', { 'class': 'grid', id: 'index-table' }, sec), head = I.el('tr', null, t);
    ['page', 'kind', 'method', 'summary', 'files'].forEach(function (h) { I.el('th', null, head, h); });
    d.entries.forEach(function (e) {
      var tr = I.el('tr', null, t), td = I.el('th', null, tr);
      I.el('a', { href: e.Href }, td, e.Title);
      I.el('td', { style: 'text-align:left' }, tr, e.Kind);
      I.el('td', { style: 'text-align:left' }, tr, e.Method);
      I.el('td', { style: 'text-align:left' }, tr, e.Summary);
      var files = I.el('td', { style: 'text-align:left' }, tr);
      (e.Files || []).forEach(function (f, i) { if (i) files.appendChild(document.createTextNode(' ')); I.el('a', { href: f }, files, f.split('.').slice(-2).join('.')); });
    });
  };
})();
