// Palisade HTML report: sortable tables and findings filters. Vanilla, no dependencies.
// Every value in the page was escaped by the server; this script only moves rows, toggles
// `hidden` and sets textContent. It never parses text as HTML. The page works without it.
(function () {
  'use strict';

  var doc = document;
  var each = function (list, fn) { Array.prototype.forEach.call(list || [], fn); };
  var collator = typeof Intl !== 'undefined' && Intl.Collator
    ? new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })
    : { compare: function (a, b) { return a < b ? -1 : a > b ? 1 : 0; } };

  // The server's order of each row, to break ties and keep sorting stable.
  var serverOrder = typeof WeakMap !== 'undefined' ? new WeakMap() : null;
  function originalIndex(row) {
    return serverOrder && serverOrder.has(row) ? serverOrder.get(row) : 0;
  }

  // Sort key of one cell: its data-sort attribute if any, else its text.
  function sortKey(row, column, numeric) {
    var cell = row.cells[column];
    if (!cell) { return numeric ? -Infinity : ''; }
    var raw = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent;
    raw = String(raw).trim();
    if (numeric) {
      var n = parseFloat(raw.replace(/[^0-9eE.+-]/g, ''));
      return isNaN(n) ? -Infinity : n;
    }
    return raw.toLowerCase();
  }

  function sortTable(table, th, column) {
    var body = table.tBodies[0];
    if (!body) { return; }
    var numeric = th.getAttribute('data-type') === 'num';
    var current = th.getAttribute('aria-sort');
    var direction;
    if (current === 'descending') { direction = 'ascending'; }
    else if (current === 'ascending') { direction = 'descending'; }
    else { direction = numeric ? 'descending' : 'ascending'; }
    var sign = direction === 'ascending' ? 1 : -1;

    each(th.parentNode.cells, function (other) {
      if (other !== th && other.hasAttribute('aria-sort')) { other.setAttribute('aria-sort', 'none'); }
    });
    th.setAttribute('aria-sort', direction);

    var items = [];
    each(body.rows, function (row) {
      items.push({ row: row, key: sortKey(row, column, numeric), index: originalIndex(row) });
    });
    items.sort(function (a, b) {
      var c = numeric ? (a.key === b.key ? 0 : (a.key < b.key ? -1 : 1)) : collator.compare(a.key, b.key);
      return c !== 0 ? c * sign : a.index - b.index;
    });
    var fragment = doc.createDocumentFragment();
    items.forEach(function (item) { fragment.appendChild(item.row); });
    body.appendChild(fragment);
  }

  function makeSortable(table) {
    var head = table.tHead;
    if (!head || !head.rows.length) { return; }
    each(table.tBodies, function (body) {
      each(body.rows, function (row, i) { if (serverOrder) { serverOrder.set(row, i); } });
    });
    each(head.rows[0].cells, function (th, column) {
      var button = th.querySelector('button');
      if (!button) { return; }
      if (!th.hasAttribute('aria-sort')) { th.setAttribute('aria-sort', 'none'); }
      button.addEventListener('click', function () { sortTable(table, th, column); });
    });
  }

  each(doc.querySelectorAll('table.sortable'), makeSortable);

  // Findings filters: free text plus one select per data attribute of the rows.
  var table = doc.getElementById('findings-table');
  var body = table && table.tBodies[0];
  if (!body) { return; }

  var rows = Array.prototype.slice.call(body.rows);
  var searchText = typeof WeakMap !== 'undefined' ? new WeakMap() : null;
  function textOf(row) {
    var text = searchText && searchText.get(row);
    if (text === undefined || text === null) {
      text = (row.textContent + ' ' + (row.getAttribute('data-frameworks') || '')).toLowerCase();
      if (searchText) { searchText.set(row, text); }
    }
    return text;
  }

  var search = doc.getElementById('f-search');
  var selects = Array.prototype.slice.call(doc.querySelectorAll('select[data-filter]'));
  var count = doc.getElementById('f-count');
  var empty = doc.getElementById('f-empty');

  function tokens(value) {
    return String(value || '').split(/\s+/).filter(function (t) { return t !== ''; });
  }

  function applyFilters() {
    var terms = tokens(search ? search.value.toLowerCase() : '');
    var active = [];
    selects.forEach(function (select) {
      var value = select.value;
      if (value && value !== 'all') {
        active.push({ attr: 'data-' + select.getAttribute('data-filter'), value: value });
      }
    });
    var shown = 0;
    rows.forEach(function (row) {
      var ok = active.every(function (f) {
        return tokens(row.getAttribute(f.attr)).indexOf(f.value) !== -1;
      });
      if (ok && terms.length) {
        var text = textOf(row);
        ok = terms.every(function (t) { return text.indexOf(t) !== -1; });
      }
      if (row.hidden === ok) { row.hidden = !ok; }
      if (ok) { shown += 1; }
    });
    if (count) {
      count.textContent = 'Showing ' + shown + ' of ' + rows.length + (rows.length === 1 ? ' result' : ' results');
    }
    if (empty) { empty.hidden = shown > 0; }
  }

  if (search) { search.addEventListener('input', applyFilters); }
  selects.forEach(function (select) { select.addEventListener('change', applyFilters); });

  // A link with data-set-filter="status=fail severity=critical" shows exactly that view.
  each(doc.querySelectorAll('[data-set-filter]'), function (el) {
    el.addEventListener('click', function () {
      var wanted = {};
      tokens(el.getAttribute('data-set-filter')).forEach(function (pair) {
        var at = pair.indexOf('=');
        if (at > 0) { wanted[pair.slice(0, at)] = pair.slice(at + 1); }
      });
      selects.forEach(function (select) {
        var name = select.getAttribute('data-filter');
        select.value = Object.prototype.hasOwnProperty.call(wanted, name) ? wanted[name] : 'all';
      });
      if (search) { search.value = ''; }
      applyFilters();
    });
  });

  applyFilters();
})();
