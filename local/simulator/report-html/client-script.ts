/**
 * The page's own script (plain ES5 source, inlined after ECharts): reads the report data and
 * the chart options from their JSON elements, gives the metric charts the shared per-minute
 * dataset and the alarm timeline its `renderItem`, draws every chart, links their axis
 * pointers, and, once every chart has finished rendering, sets `data-rendered="true"` on
 * `<body>` and `window.reportRenderMs` to the milliseconds since navigation start.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  function readJson(id) { return JSON.parse(document.getElementById(id).textContent); }
  var data = readJson('report-data');
  var charts = readJson('report-charts');

  function alarmSpan(params, api) {
    var row = api.value(0);
    var from = api.coord([api.value(1), row]);
    var to = api.coord([api.value(2), row]);
    var height = api.size([0, 1])[1] * 0.6;
    var box = params.coordSys;
    var shape = echarts.graphic.clipRectByRect(
      { x: from[0], y: from[1] - height / 2, width: Math.max(to[0] - from[0], 2), height: height },
      { x: box.x, y: box.y, width: box.width, height: box.height }
    );
    return shape && { type: 'rect', transition: ['shape'], shape: shape, style: api.style() };
  }

  var pending = charts.length;
  function finished() {
    pending -= 1;
    if (pending === 0) {
      window.reportRenderMs = performance.now();
      document.body.setAttribute('data-rendered', 'true');
    }
  }

  var instances = charts.map(function (chart) {
    var element = document.getElementById('chart-' + chart.id);
    var instance = echarts.init(element, null, { renderer: 'canvas' });
    var option = chart.option;
    if (chart.usesColumns) option.dataset = { source: data.columns };
    option.series.forEach(function (series) { if (series.type === 'custom') series.renderItem = alarmSpan; });
    var done = false;
    instance.on('finished', function () { if (!done) { done = true; finished(); } });
    instance.setOption(option);
    instance.group = 'report';
    return instance;
  });
  echarts.connect('report');
  window.addEventListener('resize', function () { instances.forEach(function (instance) { instance.resize(); }); });
})();
`;
