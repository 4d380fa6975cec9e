import { chartSpecs, reportData, simulationReportHtml } from '../../../../local/simulator/report-html';
import { escapeHtml, jsonForScript } from '../../../../local/simulator/report-html/escape';
import { HOSTILE, hostileInput } from './hostile-input';

describe('simulationReportHtml', () => {
  it('escapes every value of the run in the page, and the embedded data reads back unchanged', () => {
    // Prepare
    const input = hostileInput();

    // Act
    const html = simulationReportHtml(input);

    // Assess
    expect(html).not.toContain('<script>window.pwned');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain(`<title>Fire drill ${escapeHtml(HOSTILE)}</title>`);
    expect(html).toContain(`<h1>Fire drill ${escapeHtml(HOSTILE)}</h1>`);
    expect(html.match(/<\/script>/g)).toHaveLength(4);
    const embedded = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)![1];
    const data = JSON.parse(embedded);
    expect(data.scenario.name).toBe(HOSTILE);
    expect(data.phases[0].label).toBe(`model ${HOSTILE}`);
    expect(data.judge.errors).toEqual([HOSTILE]);
  });

  it('inlines ECharts and forbids every fetch with its Content-Security-Policy, so that it opens offline', () => {
    // Act
    const html = simulationReportHtml(hostileInput());

    // Assess
    expect(html).toContain("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:");
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link /);
    expect(html).toMatch(/echarts/i);
    expect(html.length).toBeGreaterThan(1_000_000);
  });

  it('draws one chart per measure and the alarm timeline with the spans and notifications of the result', () => {
    // Prepare
    const data = reportData(hostileInput());

    // Act
    const charts = chartSpecs(data);

    // Assess
    expect(charts.map((chart) => chart.id)).toEqual(['requests', 'error-rate', 'latency', 'cost', 'quality', 'alarms']);
    const timeline = charts[5].option as { yAxis: { data: string[] }; series: { data: { value: number[] }[]; markPoint: { data: { coord: number[]; value: string }[] } }[] };
    expect(timeline.yAxis.data).toEqual(['agent-error-rate-critical']);
    expect(timeline.series[0].data.map((span) => span.value)).toEqual([[0, 3, 6]]);
    expect(timeline.series[0].markPoint.data.map((mark) => [mark.coord, mark.value])).toEqual([
      [[3, 0], 'critical'],
      [[6, 0], 'critical'],
    ]);
  });
});

describe('jsonForScript', () => {
  it('writes <, > and & as \\u escapes, which JSON.parse reads back', () => {
    // Act
    const json = jsonForScript({ text: '</script><!-- & \u2028' });

    // Assess
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual({ text: '</script><!-- & \u2028' });
  });
});
