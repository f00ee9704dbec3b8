/* The follow-through map (/map): a state choropleth of the gap and union bodies as markers.
 *
 * The page works without this script (the server renders the filtered table). With it, the
 * filters update the map, the count, the summary and the table in place; the query string holds
 * the filters (history.pushState, so back and forward work) and the hash holds the view
 * (#zoom/lat/lon, replaced as the map moves). Data comes from /api/v1/geo/* and /map/results.
 */
(function () {
  'use strict';

  var mapEl = document.getElementById('map');
  if (!mapEl || !window.L) { return; }
  var form = document.getElementById('map-filters');
  var statusEl = document.getElementById('map-status');
  var resultsEl = document.getElementById('map-results');
  var config = mapEl.dataset;
  var LEVELS = JSON.parse(config.levels);
  var TIERS = JSON.parse(config.tiers);
  var FILTERS = ['q', 'state', 'level', 'affiliation', 'bill_family', 'tier', 'evidence',
    'year_from', 'year_to', 'endorsing', 'retreat', 'dormant'];
  var CONTIGUOUS_US = [[24.4, -125.0], [49.5, -66.9]];
  var MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
    'September', 'October', 'November', 'December'];

  // ----- small helpers -------------------------------------------------------------------

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function number(value) { return Number(value).toLocaleString('en-US'); }

  function share(value) { return value === null ? '—' : Math.round(value * 100) + '%'; }

  function longDate(iso) {
    if (!iso) { return 'none recorded'; }
    var parts = iso.split('-').map(Number);
    return parts[2] + ' ' + MONTHS[parts[1] - 1] + ' ' + parts[0];
  }

  function filterParams() {
    var current = new URLSearchParams(window.location.search);
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) {
      var value = current.get(name);
      if (value !== null && value.trim() !== '') { params.set(name, value.trim()); }
    });
    return params;
  }

  var pending = 0;
  function busy(delta) {
    pending += delta;
    mapEl.dataset.state = pending > 0 ? 'loading' : 'ready';
  }

  function showError(message) {
    var box = mapEl.querySelector('.map-error');
    if (!message) { if (box) { box.remove(); } return; }
    if (!box) { box = element('p', 'map-error'); box.setAttribute('role', 'alert'); mapEl.appendChild(box); }
    box.textContent = message;
  }

  function problem(error, what) {
    if (error.status === 422) { return 'These filters could not be applied: see the message above the map.'; }
    return what + ' The table below lists the results.';
  }

  function fetchJSON(url) {
    return fetch(url, { headers: { Accept: 'application/geo+json, application/json' } })
      .then(function (response) {
        if (!response.ok) {
          var error = new Error('HTTP ' + response.status);
          error.status = response.status;
          throw error;
        }
        return response.json();
      });
  }

  // ----- the map ---------------------------------------------------------------------------

  var fallback = mapEl.querySelector('.map-fallback');
  if (fallback) { fallback.remove(); }
  var map = L.map(mapEl, { minZoom: 2, maxZoom: 12, zoomSnap: 0.25, zoomDelta: 1, worldCopyJump: false });
  map.attributionControl.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
  map.attributionControl.addAttribution('State outlines: US Census Bureau, via us-atlas');
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { attribution: config.tileAttribution || '', maxZoom: 18 }).addTo(map);
  }

  function viewFromHash() {
    var match = /^#(\d{1,2}(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(window.location.hash);
    if (!match) { return null; }
    return { zoom: Number(match[1]), center: [Number(match[2]), Number(match[3])] };
  }

  function showView() {
    var view = viewFromHash();
    if (view) { map.setView(view.center, view.zoom); } else { map.fitBounds(CONTIGUOUS_US, { padding: [8, 8] }); }
  }

  function rememberView() {
    var c = map.getCenter();
    var hash = '#' + map.getZoom() + '/' + c.lat.toFixed(4) + '/' + c.lng.toFixed(4);
    if (hash !== window.location.hash) {
      history.replaceState(history.state, '', window.location.pathname + window.location.search + hash);
    }
  }

  var sharedView = viewFromHash() !== null;
  showView();  // before any layer is added: layers need a view to draw in

  // ----- the state choropleth -------------------------------------------------------------

  var gapColours = [0, 1, 2, 3, 4].map(function (i) {
    var swatch = document.querySelector('.swatch.gap-class-' + i);
    return swatch ? getComputedStyle(swatch).backgroundColor : '#888';
  });

  function addHatchPattern() {
    var svg = mapEl.querySelector('.leaflet-overlay-pane svg');
    if (!svg || svg.querySelector('#no-endorsers')) { return; }
    var ns = 'http://www.w3.org/2000/svg';
    var defs = document.createElementNS(ns, 'defs');
    var pattern = document.createElementNS(ns, 'pattern');
    pattern.setAttribute('id', 'no-endorsers');
    pattern.setAttribute('width', '6');
    pattern.setAttribute('height', '6');
    pattern.setAttribute('patternUnits', 'userSpaceOnUse');
    pattern.setAttribute('patternTransform', 'rotate(45)');
    var background = document.createElementNS(ns, 'rect');
    background.setAttribute('width', '6');
    background.setAttribute('height', '6');
    background.setAttribute('fill', '#ffffff');
    var line = document.createElementNS(ns, 'line');
    line.setAttribute('x1', '0'); line.setAttribute('y1', '0');
    line.setAttribute('x2', '0'); line.setAttribute('y2', '6');
    line.setAttribute('stroke', '#8a94a3');
    line.setAttribute('stroke-width', '1.5');
    pattern.appendChild(background);
    pattern.appendChild(line);
    defs.appendChild(pattern);
    svg.insertBefore(defs, svg.firstChild);
  }

  function stateStyle(feature) {
    var gapClass = feature.properties.gap_class;
    if (gapClass === null) {
      return { fillColor: 'url(#no-endorsers)', fillOpacity: 1, color: '#8a94a3', weight: 1, dashArray: '4 3' };
    }
    return { fillColor: gapColours[gapClass], fillOpacity: 0.92, color: '#ffffff', weight: 1, dashArray: null };
  }

  function stateSentence(p) {
    if (!p.endorsing) { return p.name + ': no endorsing bodies match these filters.'; }
    return p.name + ': ' + number(p.not_mobilized) + ' of ' + number(p.endorsing) + ' endorsing bod' +
      (p.endorsing === 1 ? 'y has' : 'ies have') + ' no recorded mobilization (gap ' + share(p.gap) + ').';
  }

  function statePopup(layer) {
    var p = layer.feature.properties;
    var box = element('div', 'state-popup');
    box.appendChild(element('h2', null, p.name));
    if (!p.endorsing) {
      box.appendChild(element('p', null, 'No endorsing bodies match these filters.'));
    } else {
      var list = element('dl');
      [['Endorsing bodies', number(p.endorsing)], ['No recorded mobilization', number(p.not_mobilized)],
        ['Paper only (tier 0)', number(p.paper_only)], ['Mobilized (tier 3+)', number(p.mobilized)],
        ['Gap', share(p.gap)]].forEach(function (row) {
        list.appendChild(element('dt', null, row[0]));
        list.appendChild(element('dd', null, row[1]));
      });
      box.appendChild(list);
    }
    var current = new URLSearchParams(window.location.search).get('state');
    if (current !== p.code) {
      var button = element('button', null, 'Show only ' + p.name);
      button.type = 'button';
      button.addEventListener('click', function () {
        map.closePopup();
        setFilter('state', p.code);
      });
      box.appendChild(button);
    }
    return box;
  }

  var statesLayer = L.geoJSON(null, {
    style: stateStyle,
    onEachFeature: function (feature, layer) {
      layer.bindTooltip(function () { return stateSentence(layer.feature.properties); },
        { sticky: true, className: 'state-label' });
      layer.bindPopup(function () { return statePopup(layer); });
    }
  }).addTo(map);
  var statesByCode = {};

  function loadStates() {
    var params = filterParams();
    var first = statesLayer.getLayers().length === 0;
    if (!first) { params.set('shapes', 'false'); }
    busy(1);
    return fetchJSON(config.statesUrl + '?' + params.toString()).then(function (collection) {
      if (first) {
        statesLayer.addData(collection);
        statesLayer.eachLayer(function (layer) { statesByCode[layer.feature.id] = layer; });
        addHatchPattern();
        var chosen = params.get('state');
        if (chosen && !sharedView) { fitState(chosen); }  // a link to one state opens on it
      } else {
        collection.features.forEach(function (feature) {
          var layer = statesByCode[feature.id];
          if (layer) { layer.feature.properties = feature.properties; }
        });
      }
      statesLayer.setStyle(stateStyle);
      statesLayer.bringToBack();
      labelEmptyStates();
    }).catch(function (error) {
      showError(problem(error, 'The state figures could not be loaded.'));
    }).finally(function () { busy(-1); });
  }

  // States with no endorsing body carry a label too, unless so many do (a filter to one state,
  // say) that labels would bury the map; the legend and each state's tooltip say it anyway.
  var MAX_LABELS = 10;
  var labels = L.layerGroup().addTo(map);
  function labelEmptyStates() {
    labels.clearLayers();
    var empty = statesLayer.getLayers().filter(function (layer) { return !layer.feature.properties.endorsing; });
    if (empty.length > MAX_LABELS) { return; }
    empty.forEach(function (layer) {
      labels.addLayer(L.marker(layer.getBounds().getCenter(), {
        icon: L.divIcon({ className: 'state-note', html: 'No<br>endorsers', iconSize: [60, 28] }),
        interactive: false,
        keyboard: false
      }));
    });
  }

  function fitState(code) {
    var layer = statesByCode[code];
    if (!layer) { return; }
    var bounds = layer.getBounds();
    // Alaska's islands cross the antimeridian; fitting them would show the whole world.
    if (bounds.getEast() - bounds.getWest() < 90) { map.fitBounds(bounds, { maxZoom: 7, animate: false }); }
  }

  // ----- union bodies ------------------------------------------------------------------------

  function clusterIcon(count, mobilized) {
    var size = Math.round(26 + 8 * Math.log10(Math.max(count, 1)));
    return L.divIcon({
      className: 'body-cluster' + (mobilized > 0 ? ' has-mobilized' : ''),
      iconSize: [size, size],
      html: '<span aria-hidden="true">' + number(count) + '</span>'
    });
  }

  var markers = L.markerClusterGroup({
    maxClusterRadius: 36,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: function (cluster) {
      var count = cluster.getChildCount();
      var mobilized = cluster.getAllChildMarkers().filter(function (m) { return m.tier >= 3; }).length;
      var icon = clusterIcon(count, mobilized);
      icon.options.html += '<span class="visually-hidden">' + count + ' union bodies, ' + mobilized +
        ' at tier 3 or 4: select to zoom in</span>';
      return icon;
    }
  }).addTo(map);
  var serverClusters = L.layerGroup().addTo(map);
  var reasons = {};

  function bodyPopup(p) {
    var onLadder = p.endorsing || p.active_without_resolution;
    var box = element('div', 'body-popup');
    box.appendChild(element('h2', null, p.name));
    box.appendChild(element('p', null, [LEVELS[p.level] || p.level, p.affiliation].filter(Boolean).join(' · ')));
    var status = element('p');
    status.appendChild(element('span', onLadder ? 'badge tier tier-' + p.tier : 'badge muted-badge',
      onLadder ? 'Tier ' + p.tier + ' · ' + TIERS[p.tier] : 'No resolution'));
    if (p.retreat) { status.appendChild(document.createTextNode(' ')); status.appendChild(element('span', 'badge flag flag-retreat', '⚑ Retreat')); }
    if (p.dormant) { status.appendChild(document.createTextNode(' ')); status.appendChild(element('span', 'badge flag flag-dormant', 'Dormant')); }
    box.appendChild(status);
    var reason = element('p', 'reason', reasons[p.slug] || 'Loading the reason for this tier…');
    box.appendChild(reason);
    box.appendChild(element('p', null, 'Last recorded activity: ' + longDate(p.last_activity_on)));
    var link = element('a', null, 'Open the full record');
    link.href = config.profileUrl.replace('SLUG', encodeURIComponent(p.slug));
    var linkLine = element('p');
    linkLine.appendChild(link);
    box.appendChild(linkLine);
    if (!reasons[p.slug]) {
      fetchJSON(config.bodyApiUrl.replace('SLUG', encodeURIComponent(p.slug))).then(function (body) {
        reasons[p.slug] = body.tier_reason;
        reason.textContent = body.tier_reason;
      }).catch(function () { reason.textContent = 'The reason could not be loaded; the full record has it.'; });
    }
    return box;
  }

  function bodyMarker(feature) {
    var p = feature.properties;
    var onLadder = p.endorsing || p.active_without_resolution;
    var label = p.name + ': ' + (onLadder ? 'tier ' + p.tier + ', ' + TIERS[p.tier] : 'no resolution') +
      (p.retreat ? ', retreat' : '');
    var marker = L.marker([feature.geometry.coordinates[1], feature.geometry.coordinates[0]], {
      icon: L.divIcon({
        className: 'tier-marker ' + (onLadder ? 'tier-' + p.tier : 'tier-none') + (p.retreat ? ' retreat' : ''),
        iconSize: [22, 22],
        html: '<span aria-hidden="true">' + (onLadder ? p.tier : '–') + '</span>'
      }),
      title: label,
      keyboard: true
    });
    marker.slug = p.slug;
    marker.tier = onLadder ? p.tier : -1;
    marker.bindPopup(function () { return bodyPopup(p); }, { maxWidth: 320 });
    return marker;
  }

  function serverCluster(feature) {
    var p = feature.properties;
    var marker = L.marker([feature.geometry.coordinates[1], feature.geometry.coordinates[0]], {
      icon: clusterIcon(p.count, p.mobilized),
      title: number(p.count) + ' union bodies here, ' + number(p.mobilized) + ' at tier 3 or 4: select to zoom in',
      keyboard: true
    });
    marker.on('click', function () {
      if (map.getZoom() < map.getMaxZoom()) {
        map.setView(marker.getLatLng(), Math.min(Math.floor(map.getZoom()) + 2, map.getMaxZoom()));
      } else {
        L.popup().setLatLng(marker.getLatLng()).setContent(element('p', null, number(p.count) +
          ' union bodies share this place. The table below lists them.')).openOn(map);
      }
    });
    return marker;
  }

  function clamp(value, low, high) { return Math.max(low, Math.min(high, value)); }

  function bboxParam() {
    var b = map.getBounds();
    var west = clamp(b.getWest(), -180, 180);
    var east = clamp(b.getEast(), -180, 180);
    if (east - west >= 359 || west >= east) { west = -180; east = 180; }
    var south = clamp(b.getSouth(), -90, 90);
    var north = clamp(b.getNorth(), -90, 90);
    return [west, south, east, north].map(function (v) { return v.toFixed(4); }).join(',');
  }

  var bodiesRequest = 0;
  function loadBodies() {
    var ticket = ++bodiesRequest;
    var params = filterParams();
    params.set('bbox', bboxParam());
    params.set('zoom', String(Math.floor(map.getZoom())));
    busy(1);
    return fetchJSON(config.bodiesUrl + '?' + params.toString()).then(function (collection) {
      if (ticket !== bodiesRequest) { return; }  // a newer view or filter has been asked for
      markers.clearLayers();
      serverClusters.clearLayers();
      var points = [];
      collection.features.forEach(function (feature) {
        if (feature.properties.kind === 'cluster') {
          serverClusters.addLayer(serverCluster(feature));
        } else {
          points.push(bodyMarker(feature));
        }
      });
      markers.addLayers(points);
      mapEl.dataset.points = String(points.length);
      mapEl.dataset.clusters = String(serverClusters.getLayers().length);
      mapEl.shownSlugs = points.map(function (m) { return m.slug; }).sort();
      showError(null);
    }).catch(function (error) {
      if (ticket === bodiesRequest) { showError(problem(error, 'The union bodies could not be loaded.')); }
    }).finally(function () { busy(-1); });
  }

  // ----- the count, summary and table ----------------------------------------------------------

  var resultsRequest = 0;
  function loadResults(focus) {
    var ticket = ++resultsRequest;
    busy(1);
    return fetch(config.resultsUrl + window.location.search, { headers: { Accept: 'text/html' } })
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
          statusEl.replaceChildren(element('p', 'result-count', 'The results could not be loaded. Reload the page to try again.'));
        }
      })
      .finally(function () { busy(-1); });
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
      return;  // the same view again (a change event followed by the form's submit)
    }
    history.pushState({ registryMap: true }, '',
      window.location.pathname + (query ? '?' + query : '') + window.location.hash);
    loadResults(focus);
    if (reloadMap) { loadStates(); loadBodies(); }
  }

  function applyForm() {
    var params = new URLSearchParams();
    FILTERS.forEach(function (name) {
      var control = form.elements[name];
      if (control && control.value.trim() !== '') { params.set(name, control.value.trim()); }
    });
    var sort = new URLSearchParams(window.location.search).get('sort');
    if (sort) { params.set('sort', sort); }
    go(params, true);  // a new filter starts the table at its first page
  }

  function setFilter(name, value) {
    if (form.elements[name]) { form.elements[name].value = value; }
    applyForm();
    if (name === 'state' && value) { fitState(value); }
  }

  form.addEventListener('change', function (event) {
    if (!event.target.name || FILTERS.indexOf(event.target.name) < 0) { return; }
    applyForm();
    if (event.target.name === 'state' && event.target.value) { fitState(event.target.value); }
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
    if (link.hasAttribute('data-filter-link')) {
      go(params, true, function () { document.getElementById('results-heading').focus(); });
      syncForm();
      if (params.get('state')) { fitState(params.get('state')); }
      return;
    }
    var sortKey = link.getAttribute('data-sort');
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
