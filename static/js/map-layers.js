/* Drawing for the follow-through map (/map): the state choropleth and the union body markers.
 * map.js wires them to the page (filters, history, the table); this file only draws. Every text
 * that comes from the data is set with textContent or a Leaflet option, never as HTML.
 *
 * The words shown come from the page (the JSON block #map-words, in the reader's language); this
 * file holds none of its own.
 */
window.RegistryMap = (function () {
  'use strict';

  var WORDS = (function () {
    var block = document.getElementById('map-words');
    return block ? JSON.parse(block.textContent) : {};
  }());
  var LANGUAGE = WORDS.language || document.documentElement.lang || 'en';

  /* A word from the page with its {tokens} filled in; a counted phrase takes its form from
     values.count (values.num is the count as shown). */
  function say(key, values) {
    var text = WORDS[key];
    if (text === undefined) { return key; }
    if (typeof text === 'object') {  // a counted phrase: {one, other}
      var form = new Intl.PluralRules(LANGUAGE).select(Number(values.count));
      text = text[form] || text.other;
    }
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return values && values[name] !== undefined ? String(values[name]) : whole;
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function number(value) { return Number(value).toLocaleString(LANGUAGE); }

  function share(value) {
    if (value === null) { return '—'; }
    return new Intl.NumberFormat(LANGUAGE, { style: 'percent', maximumFractionDigits: 0 }).format(value);
  }

  function longDate(iso) {
    if (!iso) { return say('noneRecorded'); }
    var parts = iso.split('-').map(Number);
    return say('date', { day: parts[2], month: WORDS.months[parts[1] - 1], year: parts[0] });
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

  // ----- the state choropleth -------------------------------------------------------------

  var HATCH = 'no-endorsers';
  var MAX_LABELS = 10;

  function addHatchPattern(mapEl) {
    var svg = mapEl.querySelector('.leaflet-overlay-pane svg');
    if (!svg || svg.querySelector('#' + HATCH)) { return; }
    var ns = 'http://www.w3.org/2000/svg';
    function shape(tag, attributes) {
      var node = document.createElementNS(ns, tag);
      Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
      return node;
    }
    var pattern = shape('pattern', { id: HATCH, width: 6, height: 6, patternUnits: 'userSpaceOnUse',
      patternTransform: 'rotate(45)' });
    pattern.appendChild(shape('rect', { width: 6, height: 6, fill: '#ffffff' }));
    pattern.appendChild(shape('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#8a94a3', 'stroke-width': 1.5 }));
    var defs = shape('defs', {});
    defs.appendChild(pattern);
    svg.insertBefore(defs, svg.firstChild);
  }

  function stateSentence(p) {
    if (!p.endorsing) { return say('stateNone', { name: p.name }); }
    return say('stateGap', { name: p.name, part: number(p.not_mobilized), num: number(p.endorsing),
      count: p.endorsing, gap: share(p.gap) });
  }

  /* The choropleth. options: url; currentState() → the state filter; onShowOnly(code). */
  function stateLayer(map, options) {
    var mapEl = map.getContainer();
    // The colours live in map.css: read from the legend, the map and its legend cannot disagree.
    var colours = [0, 1, 2, 3, 4].map(function (i) {
      var swatch = document.querySelector('.swatch.gap-class-' + i);
      return swatch ? getComputedStyle(swatch).backgroundColor : '#888888';
    });
    var byCode = {};
    var labels = L.layerGroup();

    function style(feature) {
      var gapClass = feature.properties.gap_class;
      if (gapClass === null) {
        return { fillColor: 'url(#' + HATCH + ')', fillOpacity: 1, color: '#8a94a3', weight: 1, dashArray: '4 3' };
      }
      return { fillColor: colours[gapClass], fillOpacity: 0.92, color: '#ffffff', weight: 1, dashArray: null };
    }

    function popup(layer) {
      var p = layer.feature.properties;
      var box = element('div', 'state-popup');
      box.appendChild(element('h2', null, p.name));
      if (!p.endorsing) {
        box.appendChild(element('p', null, say('popupNone')));
      } else {
        var list = element('dl');
        [[say('endorsingBodies'), number(p.endorsing)], [say('notYetChecked'), number(p.unchecked)],
          [say('paperOnlyChecked'), number(p.paper_only)], [say('mobilizedTier'), number(p.mobilized)],
          [say('gapAmongChecked'), p.checked ? share(p.gap_among_checked) : say('noneChecked')],
          [say('gapOverAll'), share(p.gap)]].forEach(function (row) {
          list.appendChild(element('dt', null, row[0]));
          list.appendChild(element('dd', null, row[1]));
        });
        box.appendChild(list);
      }
      if (options.currentState() !== p.code) {
        var button = element('button', null, say('showOnly', { name: p.name }));
        button.type = 'button';
        button.addEventListener('click', function () {
          map.closePopup();
          options.onShowOnly(p.code);
        });
        box.appendChild(button);
      }
      return box;
    }

    var layer = L.geoJSON(null, {
      style: style,
      onEachFeature: function (feature, state) {
        state.bindTooltip(function () { return element('span', null, stateSentence(state.feature.properties)); },
          { sticky: true, className: 'state-label' });
        state.bindPopup(function () { return popup(state); });
      }
    }).addTo(map);
    labels.addTo(map);

    function noEndorsersNote() {
      // Two short lines inside a small state: the words break after their first.
      var words = say('noEndorsers');
      var space = words.indexOf(' ');
      var note = element('span', null, space < 0 ? words : words.slice(0, space));
      if (space >= 0) { note.append(document.createElement('br'), words.slice(space + 1)); }
      return note;
    }

    // States with no endorsing body carry a label too, unless so many do (a filter to one state,
    // say) that labels would bury the map; the legend and each state's tooltip say it anyway.
    function labelEmptyStates() {
      labels.clearLayers();
      var empty = layer.getLayers().filter(function (state) { return !state.feature.properties.endorsing; });
      if (empty.length > MAX_LABELS) { return; }
      empty.forEach(function (state) {
        labels.addLayer(L.marker(state.getBounds().getCenter(), {
          icon: L.divIcon({ className: 'state-note', html: noEndorsersNote(), iconSize: [60, 28] }),
          interactive: false,
          keyboard: false
        }));
      });
    }

    return {
      /* Load the figures for these filters: outlines the first time, figures only after. */
      load: function (params) {
        var first = layer.getLayers().length === 0;
        if (!first) { params.set('shapes', 'false'); }
        return fetchJSON(options.url + '?' + params.toString()).then(function (collection) {
          if (first) {
            layer.addData(collection);
            layer.eachLayer(function (state) { byCode[state.feature.id] = state; });
            addHatchPattern(mapEl);
          } else {
            collection.features.forEach(function (feature) {
              if (byCode[feature.id]) { byCode[feature.id].feature.properties = feature.properties; }
            });
          }
          layer.setStyle(style);
          layer.bringToBack();
          labelEmptyStates();
          return first;
        });
      },
      fit: function (code) {
        var state = byCode[code];
        if (!state) { return; }
        var bounds = state.getBounds();
        // Alaska's islands cross the antimeridian; fitting them would show the whole world.
        if (bounds.getEast() - bounds.getWest() < 90) { map.fitBounds(bounds, { maxZoom: 7, animate: false }); }
      }
    };
  }

  // ----- union bodies ------------------------------------------------------------------------

  function hiddenFromScreenReaders(text) {
    var span = element('span', null, text);
    span.setAttribute('aria-hidden', 'true');
    return span;
  }

  /* A cluster's count; `spoken` (optional) is what a screen reader hears instead. */
  function clusterIcon(count, mobilized, spoken) {
    var size = Math.round(26 + 8 * Math.log10(Math.max(count, 1)));
    var box = element('div', 'cluster-count');
    box.appendChild(hiddenFromScreenReaders(number(count)));
    if (spoken) { box.appendChild(element('span', 'visually-hidden', spoken)); }
    return L.divIcon({
      className: 'body-cluster' + (mobilized > 0 ? ' has-mobilized' : ''),
      iconSize: [size, size],
      html: box
    });
  }

  function clamp(value, low, high) { return Math.max(low, Math.min(high, value)); }

  /* The view as the API's bbox: west,south,east,north within the world. */
  function bboxOf(map) {
    var b = map.getBounds();
    var west = clamp(b.getWest(), -180, 180);
    var east = clamp(b.getEast(), -180, 180);
    if (east - west >= 359 || west >= east) { west = -180; east = 180; }
    var south = clamp(b.getSouth(), -90, 90);
    var north = clamp(b.getNorth(), -90, 90);
    return [west, south, east, north].map(function (v) { return v.toFixed(4); }).join(',');
  }

  /* The markers. options: url, reasonUrl, profileUrl (with SLUG), levels, tiers, mobilizedTier
     (the ladder's line for "mobilized", from the page). */
  function bodyLayer(map, options) {
    var reasons = {};
    var markers = L.markerClusterGroup({
      maxClusterRadius: 36,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      iconCreateFunction: function (cluster) {
        var count = cluster.getChildCount();
        var mobilized = cluster.getAllChildMarkers().filter(function (m) { return m.tier >= options.mobilizedTier; }).length;
        return clusterIcon(count, mobilized, say('cluster', { num: number(count), count: count, mobilized: number(mobilized) }));
      }
    }).addTo(map);
    var serverClusters = L.layerGroup().addTo(map);

    /* What a body's record says: no resolution, not yet checked, or its tier (ladder.standing). */
    function standing(p) {
      if (!p.endorsing && !p.active_without_resolution) { return 'none'; }
      if (p.endorsing && !p.checked) { return 'unchecked'; }
      return 'tier';
    }

    function standingText(p) {
      var s = standing(p);
      if (s === 'none') { return say('noResolution'); }
      if (s === 'unchecked') { return say('notYetChecked'); }
      return say('tier', { tier: p.tier, name: options.tiers[p.tier] });
    }

    function popup(p) {
      var s = standing(p);
      var box = element('div', 'body-popup');
      box.appendChild(element('h2', null, p.name));
      box.appendChild(element('p', null, [options.levels[p.level] || p.level, p.affiliation].filter(Boolean).join(' · ')));
      var status = element('p');
      status.appendChild(element('span', s === 'tier' ? 'badge tier tier-' + p.tier :
        s === 'unchecked' ? 'badge standing-unchecked' : 'badge muted-badge', standingText(p)));
      if (p.retreat) { status.append(' ', element('span', 'badge flag flag-retreat', '⚑ ' + say('retreat'))); }
      if (p.dormant) { status.append(' ', element('span', 'badge flag flag-dormant', say('dormant'))); }
      box.appendChild(status);
      var reason = element('p', 'reason', reasons[p.slug] || say('loadingReason'));
      box.appendChild(reason);
      box.appendChild(element('p', null, say('lastActivity', { date: longDate(p.last_activity_on) })));
      var link = element('a', null, say('openRecord'));
      link.href = options.profileUrl.replace('SLUG', encodeURIComponent(p.slug));
      var linkLine = element('p');
      linkLine.appendChild(link);
      box.appendChild(linkLine);
      if (!reasons[p.slug]) {  // the reason is worded from the body's full record, fetched once
        fetchJSON(options.reasonUrl.replace('SLUG', encodeURIComponent(p.slug))).then(function (said) {
          reasons[p.slug] = said.reason;
          reason.textContent = said.reason;
        }).catch(function () { reason.textContent = say('reasonFailed'); });
      }
      return box;
    }

    function bodyMarker(feature) {
      var p = feature.properties;
      var s = standing(p);
      var symbol = { none: '–', unchecked: '?', tier: String(p.tier) }[s];
      var marker = L.marker([feature.geometry.coordinates[1], feature.geometry.coordinates[0]], {
        icon: L.divIcon({
          className: 'tier-marker ' + (s === 'tier' ? 'tier-' + p.tier : 'tier-' + s) + (p.retreat ? ' retreat' : ''),
          iconSize: [22, 22],
          html: hiddenFromScreenReaders(symbol)
        }),
        title: p.name + ': ' + standingText(p).toLocaleLowerCase(LANGUAGE) + (p.retreat ? say('retreatTitle') : ''),
        keyboard: true
      });
      marker.slug = p.slug;
      marker.tier = s === 'tier' ? p.tier : -1;
      marker.bindPopup(function () { return popup(p); }, { maxWidth: 320 });
      return marker;
    }

    function serverCluster(feature) {
      var p = feature.properties;
      var marker = L.marker([feature.geometry.coordinates[1], feature.geometry.coordinates[0]], {
        icon: clusterIcon(p.count, p.mobilized),
        title: say('clusterHere', { num: number(p.count), count: p.count, mobilized: number(p.mobilized) }),
        keyboard: true
      });
      marker.on('click', function () {
        if (map.getZoom() < map.getMaxZoom()) {
          map.setView(marker.getLatLng(), Math.min(Math.floor(map.getZoom()) + 2, map.getMaxZoom()));
        } else {
          L.popup().setLatLng(marker.getLatLng()).setContent(element('p', null,
            say('samePlace', { num: number(p.count), count: p.count }))).openOn(map);
        }
      });
      return marker;
    }

    var request = 0;
    return {
      /* Load the bodies in view for these filters; resolves to the slugs drawn as points, or to
       * null when a newer request has overtaken this one. */
      load: function (params) {
        var ticket = ++request;
        params.set('bbox', bboxOf(map));
        params.set('zoom', String(Math.floor(map.getZoom())));
        return fetchJSON(options.url + '?' + params.toString()).then(function (collection) {
          if (ticket !== request) { return null; }
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
          return { slugs: points.map(function (m) { return m.slug; }).sort(),
            clusters: serverClusters.getLayers().length };
        }, function (error) {
          error.stale = ticket !== request;
          throw error;
        });
      }
    };
  }

  return { element: element, say: say, stateLayer: stateLayer, bodyLayer: bodyLayer };
}());
