/* The follow-through map page (/map): wires the layers of map-layers.js to the page.
 *
 * The page works without this script (the server renders the filtered table). With it, the
 * filters update the map, the count, the summary and the table in place; the query string holds
 * the filters (history.pushState, so back and forward work) and the hash holds the view
 * (#zoom/lat/lon, replaced as the map moves). Data comes from /api/v1/geo/* and /map/results.
 */
(function () {
  'use strict';

  var mapEl = document.getElementById('map');
  if (!mapEl || !window.L || !window.RegistryMap) { return; }
  var form = document.getElementById('map-filters');
  var statusEl = document.getElementById('map-status');
  var resultsEl = document.getElementById('map-results');
  var config = mapEl.dataset;
  var element = window.RegistryMap.element;
  var say = window.RegistryMap.say;  // the page's words (#map-words), in the reader's language
  var FILTERS = ['q', 'state', 'level', 'affiliation', 'bill_family', 'bill', 'tier', 'evidence',
    'year_from', 'year_to', 'endorsing', 'retreat', 'dormant', 'checked', 'organization_type'];
  var CONTIGUOUS_US = [[24.4, -125.0], [49.5, -66.9]];

  function filterParams() {
    var current = new URLSearchParams(window.location.search);
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) {
      var value = current.get(name);
      if (value === null || value.trim() === '') { return; }
      // The page accepts a state code in any case; the API reads exactly what it documents.
      params.set(name, name === 'state' ? value.trim().toUpperCase() : value.trim());
    });
    return params;
  }

  // Tests and people alike can tell when the map has settled: data-state is "ready".
  var pending = 0;
  function track(promise) {
    pending += 1;
    mapEl.dataset.state = 'loading';
    return promise.finally(function () {
      pending -= 1;
      if (pending === 0) { mapEl.dataset.state = 'ready'; }
    });
  }

  function showError(message) {
    var box = mapEl.querySelector('.map-error');
    if (!message) { if (box) { box.remove(); } return; }
    if (!box) { box = element('p', 'map-error'); box.setAttribute('role', 'alert'); mapEl.appendChild(box); }
    box.textContent = message;
  }

  function problem(error, what) {
    if (error.status === 422) { return say('filtersRejected'); }
    return what + ' ' + say('tableHasResults');
  }

  // ----- the map and its view ----------------------------------------------------------------

  var fallback = mapEl.querySelector('.map-fallback');
  if (fallback) { fallback.remove(); }
  var map = L.map(mapEl, { minZoom: 2, maxZoom: 12, zoomSnap: 0.25, zoomDelta: 1, worldCopyJump: false });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  map.attributionControl.addAttribution(say('attribution'));
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || '', maxZoom: 18 }).addTo(map);
  }

  function viewFromHash() {
    var match = /^#(\d{1,2}(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(window.location.hash);
    if (!match) { return null; }
    return { zoom: Number(match[1]), center: [Number(match[2]), Number(match[3])] };
  }

  function rememberView() {
    var c = map.getCenter();
    var hash = '#' + map.getZoom() + '/' + c.lat.toFixed(4) + '/' + c.lng.toFixed(4);
    if (hash !== window.location.hash) {
      history.replaceState(history.state, '', window.location.pathname + window.location.search + hash);
    }
  }

  var sharedView = viewFromHash();
  // Set before any layer is added: layers need a view to draw in.
  if (sharedView) { map.setView(sharedView.center, sharedView.zoom); } else { map.fitBounds(CONTIGUOUS_US, { padding: [8, 8] }); }

  var states = window.RegistryMap.stateLayer(map, {
    url: config.statesUrl,
    currentState: function () { return new URLSearchParams(window.location.search).get('state'); },
    onShowOnly: function (code) { setFilter('state', code); }
  });
  var bodies = window.RegistryMap.bodyLayer(map, {
    url: config.bodiesUrl,
    reasonUrl: config.reasonUrl,
    profileUrl: config.profileUrl,
    levels: JSON.parse(config.levels),
    tiers: JSON.parse(config.tiers),
    mobilizedTier: Number(config.mobilizedTier)
  });

  function loadStates() {
    var params = filterParams();
    return track(states.load(params).then(function (first) {
      // A link to one state, without a view of its own, opens on that state.
      if (first && params.get('state') && !sharedView) { states.fit(params.get('state')); }
    }).catch(function (error) {
      showError(problem(error, say('statesFailed')));
    }));
  }

  function loadBodies() {
    return track(bodies.load(filterParams()).then(function (shown) {
      if (!shown) { return; }  // overtaken by a newer view or filter
      mapEl.dataset.points = String(shown.slugs.length);
      mapEl.dataset.clusters = String(shown.clusters);
      mapEl.shownSlugs = shown.slugs;
      showError(null);
    }).catch(function (error) {
      if (!error.stale) { showError(problem(error, say('bodiesFailed'))); }
    }));
  }

  // ----- the count, summary and table ----------------------------------------------------------

  var resultsRequest = 0;
  function loadResults(focus) {
    var ticket = ++resultsRequest;
    // The fragment in the page's language, whatever the address says (a filter drops ?lang=).
    var query = new URLSearchParams(window.location.search);
    query.set('lang', say('language'));
    return track(fetch(config.resultsUrl + '?' + query.toString(), { headers: { Accept: 'text/html' } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        if (ticket !== resultsRequest) { return; }
        var doc = new DOMParser().parseFromString(html, 'text/html');
        var status = doc.querySelector('[data-part="status"]');
        var table = doc.querySelector('[data-part="table"]');
        if (!status || !table) { throw new Error('unexpected response'); }
        var details = resultsEl.querySelector('details.state-gaps');
        var open = details && details.open;
        statusEl.replaceChildren.apply(statusEl, Array.from(status.childNodes));
        resultsEl.replaceChildren.apply(resultsEl, Array.from(table.childNodes));
        details = resultsEl.querySelector('details.state-gaps');
        if (details && open) { details.open = true; }
        if (focus) { focus(); }
      })
      .catch(function () {
        if (ticket === resultsRequest) {
          statusEl.replaceChildren(element('p', 'result-count', say('resultsFailed')));
        }
      }));
  }

  // ----- filters and history -------------------------------------------------------------------

  function syncForm() {
    var current = new URLSearchParams(window.location.search);
    FILTERS.forEach(function (name) {
      var control = form.elements[name];
      if (control) { control.value = current.get(name) || ''; }
    });
  }

  function go(params, reloadMap, focus) {
    var query = params.toString();
    if ('?' + query === window.location.search || (!query && !window.location.search)) {
      return false;  // the same view again (a change event followed by the form's submit)
    }
    history.pushState({ registryMap: true }, '',
      window.location.pathname + (query ? '?' + query : '') + window.location.hash);
    loadResults(focus);
    if (reloadMap) { loadStates(); loadBodies(); }
    return true;
  }

  function applyForm(changed) {
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) {
      var control = form.elements[name];
      if (control && control.value.trim() !== '') { params.set(name, control.value.trim()); }
    });
    var sort = new URLSearchParams(window.location.search).get('sort');
    if (sort) { params.set('sort', sort); }
    // A new filter starts the table at its first page; choosing a state shows it.
    if (go(params, true) && changed === 'state' && params.get('state')) { states.fit(params.get('state')); }
  }

  function setFilter(name, value) {
    if (form.elements[name]) { form.elements[name].value = value; }
    applyForm(name);
  }

  form.addEventListener('change', function (event) {
    if (event.target.name && FILTERS.indexOf(event.target.name) >= 0) { applyForm(event.target.name); }
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    applyForm();
  });

  resultsEl.addEventListener('click', function (event) {
    var link = event.target.closest('a[data-results-link], a[data-filter-link]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) { return; }
    event.preventDefault();
    var params = new URL(link.href).searchParams;
    if (link.hasAttribute('data-filter-link')) {  // a state in the gap-by-state table
      go(params, true, function () { document.getElementById('results-heading').focus(); });
      syncForm();
      if (params.get('state')) { states.fit(params.get('state')); }
      return;
    }
    var sortKey = link.getAttribute('data-sort');  // a sort heading or a page link
    go(params, false, function () {
      var target = sortKey && resultsEl.querySelector('a[data-sort="' + sortKey + '"]');
      (target || document.getElementById('results-heading')).focus();
    });
  });

  window.addEventListener('popstate', function () {
    syncForm();
    var view = viewFromHash();
    // Not animated: Leaflet drops a new view asked for while a zoom animation runs.
    if (view) { map.setView(view.center, view.zoom, { animate: false }); }
    loadResults();
    loadStates();
    loadBodies();
  });

  var moveTimer = null;
  map.on('moveend', function () {
    rememberView();
    clearTimeout(moveTimer);
    moveTimer = setTimeout(loadBodies, 120);
  });

  rememberView();  // the URL shows the view from the start, ready to share
  loadStates();
  loadBodies();
}());
