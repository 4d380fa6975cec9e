/*
 * The dashboard's renderers, one per view of the dashboard definition, drawn with Apache
 * ECharts (window.echarts, served by the local stack). Each renderer is created once per
 * panel with its card's body element and updated with every new panel data; it never knows
 * a metric name: what it draws comes from /dashboard/data.json.
 */
(function () {
  'use strict';

  var SEVERITY_COLORS = { critical: '#d62728', warning: '#ff7f0e', info: '#1f77b4' };
  var STATE_COLORS = { OK: '#2ca02c', INSUFFICIENT_DATA: '#7f7f7f' };
  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];
  var UNITS = {
    count: { suffix: '', digits: 0 },
    'requests-per-minute': { suffix: ' /min', digits: 2 },
    percent: { suffix: ' %', digits: 2 },
    seconds: { suffix: ' s', digits: 3 },
    milliseconds: { suffix: ' ms', digits: 0 },
    usd: { prefix: '$', suffix: '', digits: 4 },
    score: { suffix: '', digits: 3 },
    tokens: { suffix: '', digits: 0 },
  };

  /** `value` with `digits` decimals and thousands separators: "1,234.50" (Intl would cost more than a chart to start). */
  function fixed(value, digits) {
    var parts = Math.abs(value).toFixed(digits).split('.');
    var whole = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (value < 0 ? '-' : '') + whole + (parts[1] ? '.' + parts[1] : '');
  }

  /** `value` as the panel's unit shows it, e.g. "12.50 %", "$0.0123", "1.234 s". */
  function formatValue(value, unit) {
    if (value === null || value === undefined) return '–';
    var style = UNITS[unit] || { suffix: '', digits: 2 };
    var size = Math.abs(value);
    var number = size > 0 && size < Math.pow(10, -style.digits) ? value.toPrecision(3) : fixed(value, size >= 1000 ? 0 : style.digits);
    return (style.prefix || '') + number + style.suffix;
  }

  function twoDigits(n) {
    return n < 10 ? '0' + n : String(n);
  }

  /** "14:05:09", local time. */
  function formatTime(epochMs) {
    var date = new Date(epochMs);
    return twoDigits(date.getHours()) + ':' + twoDigits(date.getMinutes()) + ':' + twoDigits(date.getSeconds());
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** A line with few datapoints shows them as dots: a lone datapoint between gaps draws no line. */
  var SPARSE_POINTS = 48;

  function sparse(line) {
    var count = 0;
    for (var i = 0; i < line.values.length; i++) if (line.values[i] !== null && ++count > SPARSE_POINTS) return false;
    return true;
  }

  /** [time, value] pairs of a line, null where its period has no datapoint. */
  function points(line) {
    var result = new Array(line.values.length);
    var step = line.periodSeconds * 1000;
    for (var i = 0; i < line.values.length; i++) result[i] = [line.start + i * step, line.values[i]];
    return result;
  }

  function chartIn(container, onRendered) {
    var chart = echarts.init(container, null, { renderer: 'canvas' });
    chart.on('finished', onRendered);
    window.addEventListener('resize', function () { chart.resize(); });
    return chart;
  }

  /** A Y axis; fitted to the data unless the definition fixes its maximum, and always tall enough for its thresholds. */
  function axis(settings, position, thresholds) {
    var highest = thresholds.reduce(function (top, t) { return Math.max(top, t.value); }, -Infinity);
    var fixed = settings && settings.max !== undefined ? settings.max : null;
    return {
      type: 'value',
      position: position,
      name: settings ? settings.label : '',
      nameTextStyle: { color: '#555' },
      min: settings && settings.min !== undefined ? settings.min : 0,
      max: fixed !== null ? fixed : highest === -Infinity ? null : function (extent) { return Math.max(extent.max, highest * 1.1); },
      splitLine: { show: position === 'left' },
    };
  }

  function thresholdLines(thresholds) {
    return {
      silent: true,
      symbol: 'none',
      data: thresholds.map(function (t) {
        return { yAxis: t.value, name: t.label, lineStyle: { color: t.color, type: 'dashed', width: 1.5 }, label: { formatter: t.label, position: 'insideStartTop', color: t.color } };
      }),
    };
  }

  /** Lines (or stacked areas) over time, with threshold lines; one series per line of the data. */
  function timeseries(body, onRendered) {
    var chart = chartIn(element('div', 'chart'), onRendered);
    body.appendChild(chart.getDom());
    return function update(panel) {
      var series = panel.lines.map(function (line, index) {
        return {
          type: 'line',
          id: line.key,
          name: line.label,
          yAxisIndex: line.axis === 'right' && panel.rightAxis ? 1 : 0,
          color: line.color || PALETTE[index % PALETTE.length],
          showSymbol: sparse(line),
          symbolSize: 5,
          sampling: 'lttb',
          stack: panel.stacked ? 'total' : undefined,
          areaStyle: panel.stacked ? { opacity: 0.6 } : undefined,
          data: points(line),
        };
      });
      var lefts = panel.thresholds.filter(function (t) { return t.axis !== 'right' || !panel.rightAxis; });
      var rights = panel.rightAxis ? panel.thresholds.filter(function (t) { return t.axis === 'right'; }) : [];
      if (lefts.length > 0) series.push({ type: 'line', id: '__thresholds', data: [], markLine: thresholdLines(lefts), tooltip: { show: false } });
      if (rights.length > 0) series.push({ type: 'line', id: '__thresholds_right', yAxisIndex: 1, data: [], markLine: thresholdLines(rights), tooltip: { show: false } });
      chart.setOption({
        animation: false,
        grid: { left: 56, right: panel.rightAxis ? 56 : 20, top: 36, bottom: 26 },
        legend: { type: 'scroll', top: 0, data: panel.lines.map(function (line) { return line.label; }) },
        tooltip: { trigger: 'axis', valueFormatter: function (v) { return formatValue(v, panel.unit); } },
        xAxis: { type: 'time', min: panel.from, max: panel.to },
        yAxis: panel.rightAxis ? [axis(panel.leftAxis, 'left', lefts), axis(panel.rightAxis, 'right', rights)] : [axis(panel.leftAxis, 'left', lefts)],
        graphic: panel.lines.length === 0 ? [{ type: 'text', left: 'center', top: 'middle', style: { text: 'no data yet', fill: '#888', fontSize: 14 } }] : [],
        series: series,
      }, { replaceMerge: ['series', 'yAxis', 'graphic'] });
    };
  }

  /** The newest value in large type, the period it belongs to, and a sparkline of the range. */
  function singleValue(body, onRendered) {
    var value = element('div', 'single-value');
    var when = element('div', 'single-value-time');
    var chart = chartIn(element('div', 'sparkline'), onRendered);
    body.appendChild(value);
    body.appendChild(when);
    body.appendChild(chart.getDom());
    return function update(panel) {
      value.textContent = formatValue(panel.value, panel.unit);
      value.dataset.value = panel.value === null ? '' : String(panel.value);
      value.dataset.time = panel.time === null ? '' : String(panel.time);
      if (panel.line) value.style.color = panel.line.color || '';
      when.textContent = panel.time === null ? 'no datapoint in the range' : 'period from ' + formatTime(panel.time);
      chart.setOption({
        animation: false,
        grid: { left: 0, right: 0, top: 4, bottom: 0 },
        xAxis: { type: 'time', show: false },
        yAxis: { type: 'value', show: false, min: 0 },
        series: [{ type: 'line', showSymbol: panel.line ? sparse(panel.line) : false, symbolSize: 4, color: (panel.line && panel.line.color) || PALETTE[0], areaStyle: { opacity: 0.15 }, data: panel.line ? points(panel.line) : [] }],
      });
    };
  }

  function stateBadge(state, severity) {
    var badge = element('span', 'badge', state === 'INSUFFICIENT_DATA' ? 'NO DATA' : state);
    badge.style.background = state === 'ALARM' ? SEVERITY_COLORS[severity] || SEVERITY_COLORS.warning : STATE_COLORS[state];
    return badge;
  }

  function severityTag(severity) {
    var tag = element('span', 'severity', severity || 'unknown');
    tag.style.color = SEVERITY_COLORS[severity] || '#555';
    tag.style.borderColor = SEVERITY_COLORS[severity] || '#999';
    return tag;
  }

  /** The panel's alarms as tiles: state badge (ALARM in its severity's colour), severity, title, since when; the reason on hover. */
  function alarmStatus(body, onRendered) {
    var grid = element('div', 'alarms');
    body.appendChild(grid);
    return function update(panel) {
      grid.replaceChildren();
      panel.alarms.forEach(function (alarm) {
        var tile = element('div', 'alarm state-' + alarm.state);
        tile.dataset.alarm = alarm.name;
        tile.dataset.state = alarm.state;
        if (alarm.state === 'ALARM') tile.style.borderLeftColor = SEVERITY_COLORS[alarm.severity] || SEVERITY_COLORS.warning;
        tile.append(stateBadge(alarm.state, alarm.severity), severityTag(alarm.severity), element('span', 'alarm-name', alarm.title), element('span', 'since', alarm.since ? formatTime(alarm.since) : '–'));
        tile.title = alarm.name + ': ' + alarm.reason;
        grid.appendChild(tile);
      });
      onRendered();
    };
  }

  /** The latest alerts: time, state, severity topic and the alarm (or the alert's title); the reason on hover. */
  function recentAlerts(body, onRendered) {
    var list = element('table', 'alerts');
    body.appendChild(list);
    return function update(panel) {
      list.replaceChildren();
      if (panel.alerts.length === 0) list.appendChild(element('tr', 'empty')).appendChild(element('td', '', 'no alert yet'));
      panel.alerts.forEach(function (alert) {
        var row = element('tr', 'alert');
        row.dataset.topic = alert.topic;
        var state = element('td');
        state.appendChild(stateBadge(alert.state || 'ALARM', alert.severity));
        var topic = element('td', 'topic');
        topic.appendChild(severityTag(alert.severity));
        topic.appendChild(document.createTextNode(' ' + alert.topic));
        row.append(element('td', 'time', formatTime(Date.parse(alert.time))), state, topic, element('td', 'alert-title', alert.alarm || alert.title));
        row.title = alert.title + (alert.reason ? ': ' + alert.reason : '');
        list.appendChild(row);
      });
      onRendered();
    };
  }

  /** A panel the local stack cannot draw: its note says why. */
  function unavailable(body, onRendered) {
    return function update() { onRendered(); };
  }

  window.DashboardRenderers = {
    'single-value': singleValue,
    timeseries: timeseries,
    'alarm-status': alarmStatus,
    'recent-alerts': recentAlerts,
    unavailable: unavailable,
  };
  window.DashboardFormat = { value: formatValue, time: formatTime };
})();
