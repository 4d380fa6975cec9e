import { measureAgentBundle } from './agent-bundle';
import { BACKTEST_14D_TARGET_SECONDS, measureBacktest } from './backtest';
import { measureJudgeThroughput } from './judge-throughput';
import { DAY_AT_10_RPS_TARGET_SECONDS, measureSimulator, SIMULATOR_BEFORE, UNCAPTURED_SAMPLE_RATE } from './simulator';
import { measureSimulationReport, REPORT_RENDER_TARGET_MS, REPORT_SIZE_TARGET_BYTES } from './simulation-report';
import { measureMonitoringOverhead } from './monitoring-overhead';
import { ms, printTable, verdict } from './table';
import { DASHBOARD_24H_TARGET_MS, measureDashboardRender } from './dashboard-render';

async function main(): Promise<void> {
  const requests = Number(process.env.BENCH_REQUESTS ?? 20_000);
  const overheadRows = [];
  for (const provider of ['openai', 'bedrock'] as const) {
    const overhead = await measureMonitoringOverhead(requests, provider);
    const medianOverhead = overhead.monitoredMedianMs - overhead.bareMedianMs;
    const p99Overhead = overhead.monitoredP99Ms - overhead.bareP99Ms;
    overheadRows.push(
      [`${provider}: latency median`, ms(overhead.bareMedianMs), ms(overhead.monitoredMedianMs), ms(medianOverhead), '<= 0.300 ms', verdict(medianOverhead <= 0.3)],
      [`${provider}: latency p99`, ms(overhead.bareP99Ms), ms(overhead.monitoredP99Ms), ms(p99Overhead), '<= 1.000 ms', verdict(p99Overhead <= 1)],
      [`${provider}: EMF bytes / request`, '0', overhead.emfBytesPerRequest.toFixed(0), `${overhead.emfDocumentsPerRequest.toFixed(1)} documents`, '<= 1024 B', verdict(overhead.emfBytesPerRequest <= 1024)],
    );
  }
  printTable(
    `Agent monitoring overhead: ${requests} requests each, interleaved, zero-latency in-process provider (1 tool call + answer per request), OpenAI chat completions and Bedrock Converse adapters`,
    ['measure', 'without wrapper', 'with wrapper', 'overhead', 'target', 'result'],
    overheadRows,
  );

  // Before the simulations: a fresh process, as `npm start` is, not one holding a day's simulated heap
  const dashboard = await measureDashboardRender(5);
  printTable(
    `Browser dashboard (npm start, /dashboard?hours=24): 24 hours of minute data in every panel, navigation start to every panel drawn in headless Chromium, median of ${dashboard.loadsMs.length} cold loads`,
    ['measure', 'value', 'target', 'result'],
    [['dashboard 24h render', `${dashboard.medianMs.toFixed(0)} ms (data ${(dashboard.dataBytes / 1024).toFixed(0)} KB)`, `< ${DASHBOARD_24H_TARGET_MS} ms`, verdict(dashboard.medianMs < DASHBOARD_24H_TARGET_MS)]],
  );

  const bundle = await measureAgentBundle(Number(process.env.BENCH_LOAD_RUNS ?? 10));
  printTable(
    `Agent bundle (cdk synth, esbuild, minified; AWS SDK v3 left to the runtime): require() in ${bundle.runs} fresh processes`,
    ['measure', 'value', 'target', 'result'],
    [
      ['bundle size', `${(bundle.bytes / 1024).toFixed(1)} KB`, '<= 600 KB', verdict(bundle.bytes <= 600 * 1024)],
      ['module load median', ms(bundle.loadMedianMs), '-', '-'],
      ['module load max', ms(bundle.loadMaxMs), '-', '-'],
    ],
  );

  const judge = await measureJudgeThroughput();
  printTable(
    `Judge throughput: ${judge.samples} samples per run against a local judge endpoint answering in 200 ms (dynalite, CloudWatch stand-in)`,
    ['measure', 'value', 'target', 'result'],
    [
      ['sequential (concurrency 1)', `${judge.sequentialPerSecond.toFixed(1)} samples/s`, '-', '-'],
      [`concurrent (concurrency ${judge.concurrency})`, `${judge.concurrentPerSecond.toFixed(1)} samples/s`, '>= 30 samples/s', verdict(judge.concurrentPerSecond >= 30)],
    ],
  );

  const simulator = await measureSimulator();
  const dayTarget = DAY_AT_10_RPS_TARGET_SECONDS * (simulator.dayHours / 24);
  printTable(
    `Simulator: virtual-time replays through the real wrapper, handler, judge and alarm evaluator (wall-clock time); "before" is this bench at ${SIMULATOR_BEFORE.commit}, before the in-process dynalite`,
    ['run', 'requests', 'time', 'requests/s', 'before', 'target', 'result'],
    [
      ['1 hour at 10 requests/s', String(simulator.oneHourRequests), `${simulator.oneHourSeconds.toFixed(1)} s`, perSecond(simulator.oneHourRequests, simulator.oneHourSeconds), `${SIMULATOR_BEFORE.oneHourPerSecond}/s`, '<= 60 s', verdict(simulator.oneHourSeconds <= 60)],
      ['baseline-24h', String(simulator.baseline24hRequests), `${simulator.baseline24hSeconds.toFixed(1)} s`, perSecond(simulator.baseline24hRequests, simulator.baseline24hSeconds), `${SIMULATOR_BEFORE.baseline24hPerSecond}/s`, '<= 600 s', verdict(simulator.baseline24hSeconds <= 600)],
      [`${simulator.dayHours} h at 10 requests/s (SAMPLE_RATE 0.05)`, String(simulator.dayRequests), `${simulator.daySeconds.toFixed(1)} s`, perSecond(simulator.dayRequests, simulator.daySeconds), `${SIMULATOR_BEFORE.dayPerSecond}/s`, `<= ${dayTarget} s`, verdict(simulator.daySeconds <= dayTarget)],
    ],
  );
  const { dayDynamo } = simulator;
  const dynamoSeconds = dayDynamo.sendMs / 1000;
  const share = (seconds: number) => `${((100 * seconds) / simulator.daySeconds).toFixed(0)} %`;
  printTable(
    `Where the ${simulator.dayHours} h at 10 requests/s went (one core: requests run one after another)`,
    ['part', 'time', 'share', 'detail'],
    [
      ['DynamoDB requests in flight (captures, claims, scores)', `${dynamoSeconds.toFixed(1)} s`, share(dynamoSeconds), `${dayDynamo.requests} requests, ${(dayDynamo.requests / Math.max(1, simulator.dayJudgedSamples)).toFixed(1)} per judged sample; inside dynalite's engine ${(dayDynamo.engineMs / 1000).toFixed(1)} s`],
      ['everything else (handler, wrapper, metric store, judge, evaluator)', `${(simulator.daySeconds - dynamoSeconds).toFixed(1)} s`, share(simulator.daySeconds - dynamoSeconds), `${((1e6 * (simulator.daySeconds - dynamoSeconds)) / Math.max(1, simulator.dayRequests)).toFixed(0)} µs per request`],
      [`the same ${simulator.dayHours} h with nothing captured (SAMPLE_RATE ${UNCAPTURED_SAMPLE_RATE})`, `${simulator.uncapturedDaySeconds.toFixed(1)} s`, '-', `${simulator.uncapturedDayRequests} requests, ${perSecond(simulator.uncapturedDayRequests, simulator.uncapturedDaySeconds)}/s: the request path alone, against the ${dayTarget} s target`],
    ],
  );

  const backtest = measureBacktest();
  printTable(
    `Alarm backtest (agent-monitor backtest): ${backtest.evaluations} minutes (14 days and 1 warm-up day) of every alarm (${backtest.alarms}) replayed through the evaluator, replay only (the fetch is I/O)`,
    ['run', 'episodes', 'time', 'target', 'result'],
    [['backtest 14 d, every alarm, 1-min', String(backtest.episodes), `${backtest.seconds.toFixed(1)} s`, `<= ${BACKTEST_14D_TARGET_SECONDS} s`, verdict(backtest.seconds <= BACKTEST_14D_TARGET_SECONDS)]],
  );

  const report = await measureSimulationReport();
  const reportMet = report.bytes <= REPORT_SIZE_TARGET_BYTES && report.medianMs < REPORT_RENDER_TARGET_MS;
  printTable(
    `Simulator HTML report (--report): size, and navigation start to every chart drawn in headless Chromium, median of ${report.loadsMs.length} loads`,
    ['measure', 'value', 'target', 'result'],
    [['baseline-24h report: size / render', `${(report.bytes / 1e6).toFixed(2)} MB / ${report.medianMs.toFixed(0)} ms`, '<= 2 MB / < 2000 ms', verdict(reportMet)]],
  );

}

function perSecond(requests: number, seconds: number): string {
  return `${(requests / seconds).toFixed(0)}`;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
