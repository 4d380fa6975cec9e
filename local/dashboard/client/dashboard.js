/*
 * The dashboard page: polls /dashboard/data.json and hands each panel's data to the renderer
 * of its view (renderers.js). The cards come from the server's markup, one per panel of the
 * definition, in its order; nothing here lists panels.
 *
 * For tests and the benchmark: window.__dashboardRendered is the time (performance.now(), ms
 * from navigation start) when every panel had drawn its first data; window.__dashboardUpdates
 * counts the data drawn; document.body.dataset.storeVersion is the metric store's version of
 * the data on screen.
 */
(function () {
  'use strict';

  var body = document.body;
  var dataUrl = body.dataset.dataUrl;
  var pollMs = Number(body.dataset.pollSeconds) * 1000;
  var status = document.getElementById('status');
  /** A chart that never reports its drawing must not stop the updates. */
  var DRAW_PATIENCE_MS = 3000;
  var cards = {};
  document.querySelectorAll('section.panel').forEach(function (card) {
    cards[card.dataset.panelId] = { card: card, view: undefined, update: undefined, pending: false };
  });
  window.__dashboardUpdates = 0;

  function renderer(entry, panel, onRendered) {
    if (entry.view !== panel.view) {
      var make = window.DashboardRenderers[panel.view] || window.DashboardRenderers.unavailable;
      var target = entry.card.querySelector('.panel-body');
      target.querySelectorAll('div.chart, div.sparkline').forEach(function (node) {
        var chart = echarts.getInstanceByDom(node);
        if (chart) chart.dispose();
      });
      target.replaceChildren();
      entry.card.dataset.view = panel.view;
      entry.view = panel.view;
      entry.update = make(target, function () { onRendered(entry); });
    }
    return entry.update;
  }

  /** Draws one payload; resolves once every panel has drawn it. */
  function draw(data) {
    if (window.__dashboardRendered === undefined) performance.mark('dashboard-data');
    var waiting = 0;
    var done;
    var allDrawn = new Promise(function (resolve) { done = resolve; });
    function onRendered(entry) {
      if (!entry.pending) return;
      entry.pending = false;
      if (--waiting === 0) done();
    }
    data.panels.forEach(function (panel) {
      var entry = cards[panel.id];
      if (!entry) return;
      entry.card.title = panel.description;
      entry.card.querySelector('.panel-note').textContent = panel.note || '';
      entry.pending = true;
      waiting++;
      renderer(entry, panel, onRendered)(panel);
    });
    if (waiting === 0) done();
    var patience = new Promise(function (resolve) { setTimeout(resolve, DRAW_PATIENCE_MS); });
    return Promise.race([allDrawn, patience]).then(function () {
      body.dataset.storeVersion = String(data.storeVersion);
      body.dataset.generatedAt = String(data.generatedAt);
      window.__dashboardUpdates++;
      if (window.__dashboardRendered === undefined) window.__dashboardRendered = performance.now();
      var firing = document.querySelectorAll('.alarm.state-ALARM').length;
      status.textContent = 'updated ' + window.DashboardFormat.time(data.generatedAt) + ' · last ' + data.rangeSeconds / 3600 + ' h · ' +
        (firing === 0 ? 'no alarm in ALARM' : firing + ' alarm' + (firing === 1 ? '' : 's') + ' in ALARM') + ' · refreshes every ' + pollMs / 1000 + ' s';
      status.className = firing === 0 ? 'ok' : 'firing';
    });
  }

  function poll() {
    var request = window.__dashboardFirstData || fetch(dataUrl, { cache: 'no-store' });
    window.__dashboardFirstData = undefined;
    request
      .then(function (response) {
        if (!response.ok) return response.text().then(function (text) { throw new Error('HTTP ' + response.status + ': ' + text); });
        return response.json();
      })
      .then(draw)
      .catch(function (error) {
        status.textContent = 'could not read the local stack: ' + error.message + ' (retrying every ' + pollMs / 1000 + ' s)';
        status.className = 'error';
      })
      .then(function () { setTimeout(poll, pollMs); });
  }

  poll();
})();
