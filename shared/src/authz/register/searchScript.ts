/**
 * The search of the register's front page, inlined into it: no server, no
 * network, no library. It filters the list of authorizations already on the
 * page, so without JavaScript the whole list is still there; the search form
 * is shown only when the script runs.
 *
 * Matching is deliberately plain: every word typed must occur somewhere in an
 * authorization's text (its number, partner, purposes, legal basis, status,
 * and the names of the data it grants in Dutch, French and English), ignoring
 * case and accents. A legal register must show every authorization that
 * mentions a term, not a ranked guess (decision 0034).
 *
 * Plain ES2017 in a string: it runs as written in any current browser, and
 * its hash goes into the page's Content-Security-Policy.
 */
export const SEARCH_SCRIPT = `(function () {
  'use strict';
  var form = document.getElementById('search-form');
  var input = document.getElementById('search');
  var status = document.getElementById('search-status');
  var source = document.getElementById('search-index');
  if (!form || !input || !status || !source) return;
  var normalize = function (text) {
    return text.toLowerCase().normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').replace(/\\s+/g, ' ');
  };
  var texts = {};
  JSON.parse(source.textContent).forEach(function (entry) { texts[entry.id] = normalize(entry.text); });
  var items = Array.prototype.slice.call(document.querySelectorAll('[data-authorization]'));
  var template = status.getAttribute('data-template');
  var update = function () {
    var terms = normalize(input.value).split(' ').filter(function (t) { return t !== ''; });
    var shown = 0;
    items.forEach(function (item) {
      var text = texts[item.getAttribute('data-authorization')] || '';
      var match = terms.every(function (term) { return text.indexOf(term) !== -1; });
      item.hidden = !match;
      if (match) shown += 1;
    });
    status.textContent = terms.length === 0 ? '' : template.replace('{n}', String(shown)).replace('{total}', String(items.length));
  };
  form.hidden = false;
  form.addEventListener('submit', function (event) { event.preventDefault(); update(); });
  input.addEventListener('input', update);
  var query = new URLSearchParams(window.location.search).get('q');
  if (query) { input.value = query; update(); }
})();`;
