/**
 * The parts of Apache ECharts the renderers use (renderers.js): line charts on a grid with
 * tooltips, legends, threshold lines and the "no data" text, drawn on canvas. Half the size of
 * the full `echarts.min.js`, so that the page parses it in half the time.
 */
const ENTRY = `
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GraphicComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
echarts.use([LineChart, GraphicComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);
window.echarts = echarts;
`;

let bundle: Promise<Buffer> | undefined;

async function buildBundle(): Promise<Buffer> {
  const { build } = await import('esbuild');
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: __dirname, loader: 'js', sourcefile: 'echarts-dashboard.js' },
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return Buffer.from(result.outputFiles[0].contents);
}

/**
 * ECharts for the page as one minified browser script setting `window.echarts`, bundled by
 * esbuild from the installed `echarts` package on first use (about a second) and kept. esbuild is
 * loaded only then, so that a stack without it still starts (and says why the charts are missing).
 */
export function echartsBundle(): Promise<Buffer> {
  bundle ??= buildBundle().catch((error: Error) => {
    bundle = undefined;
    throw new Error(`could not bundle Apache ECharts for the dashboard (esbuild, a dev dependency: run npm ci): ${error.message}`);
  });
  return bundle;
}
