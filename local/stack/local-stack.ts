import { loadAgentConfig } from '../../functions/agent/config';
import { createAgentHandler } from '../../functions/agent/create-handler';
import { agentOptionsFromConfig } from '../../functions/agent/dependencies';
import { loadJudgeConfig } from '../../functions/judge/config';
import { judgeDepsFromConfig } from '../../functions/judge/dependencies';
import { runJudge } from '../../functions/judge/judge-run';
import type { MonitoringLogger } from '../../functions/shared/monitoring/with-monitoring';
import { alarmCatalog, resolveAlarmSettings } from '../../lib/catalog/alarms';
import type { DashboardDefinition } from '../../lib/catalog/dashboard';
import { tierTimeouts } from '../../lib/catalog/latency-tiers';
import { alarmSettingsFrom } from '../../lib/config/alarm-settings';
import { monitoringConfigFrom } from '../../lib/config/monitoring-config';
import { projectContext } from '../../lib/config/project-context';
import { AlarmEvaluator } from '../alarms';
import { localDashboardDefinition } from '../dashboard/local-dashboard';
import { startDynalite } from '../dynamo/embedded-dynamodb';
import { LambdaMetricsRecorder } from '../lambda/lambda-metrics-recorder';
import { MetricStore } from '../metrics';
import { dropsLateEmf, startAgentHttpServer, type LocalLambda } from './agent-http-server';
import { alertOutput } from './alert-output';
import { localCloudWatch, localSns } from './local-adapters';
import { startLocalLlm, type LocalLlm } from './local-llm';
import { RecentAlerts } from './recent-alerts';
import { localRoutes } from './routes';

export interface LocalStackOptions {
  /** The environment the functions read (OPENAI_API_KEY, OPENAI_BASE_URL, SAMPLE_RATE, ...). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** @default 3000; 0 picks a free port */
  readonly port?: number;
  /** Alerts are also posted here in the deployed router's Slack format. */
  readonly webhookUrl?: string;
  /** @default 60 000 (the deployed judge runs every 5 minutes) */
  readonly judgeIntervalMs?: number;
  /** @default 10 000 */
  readonly evaluateIntervalMs?: number;
  /** Where the stack's own messages go (alerts, warnings). */
  readonly print: (line: string) => void;
}

export interface LocalStack {
  readonly url: string;
  /** Which model answers: the provider, a configured endpoint or account or a local simulated one, and a line saying so. */
  readonly llm: Pick<LocalLlm, 'provider' | 'kind' | 'description'>;
  readonly store: MetricStore;
  readonly evaluator: AlarmEvaluator;
  readonly serviceName: string;
  readonly namespace: string;
  /** The dashboard drawn at `/dashboard`: the deployed stack's, for the same settings. */
  readonly dashboard: DashboardDefinition;
  /** One judge run now (it also runs on its interval). */
  judgeNow(): Promise<void>;
  /** One alarm evaluation now (it also runs on its interval). */
  evaluateNow(): void;
  close(): Promise<void>;
}

/**
 * The whole pipeline on one machine: the agent handler behind a local Function URL, dynalite
 * for the tables, the judge on an interval, EMF and the judge's metrics in a local metric store,
 * and the deployed alarm catalog evaluated over it with CloudWatch's semantics.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const dynamo = await startDynalite();
  await dynamo.createTables({ budget: 'local-budget', samples: 'local-samples' });
  const llm = await startLocalLlm(options.env);
  const env = {
    DAILY_BUDGET_USD: '50',
    SAMPLE_RATE: '0.1',
    ...options.env,
    BUDGET_TABLE_NAME: 'local-budget',
    SAMPLES_TABLE_NAME: 'local-samples',
    ...llm.env,
  };
  const store = new MetricStore();
  const recentAlerts = new RecentAlerts();
  const alerts = recentAlerts.recording(alertOutput({ print: options.print, webhookUrl: options.webhookUrl }));
  const logger = printingLogger(options.print);
  const agentConfig = loadAgentConfig(env);
  const monitoring = monitoringConfigFrom({ ...projectContext(), serviceName: agentConfig.serviceName, metricNamespace: agentConfig.namespace });
  const alarmSettings = alarmSettingsFrom(monitoring);
  const lambda: LocalLambda = {
    recorder: new LambdaMetricsRecorder(store, resolveAlarmSettings(alarmSettings).agentFunctionName),
    timeoutMs: tierTimeouts(monitoring.latencyTier).functionTimeoutSeconds * 1000,
    timedOut: new Set(),
  };
  const sink = (line: string) => {
    if (!dropsLateEmf(lambda, line)) store.ingestEmf(line);
  };
  const handler = createAgentHandler(agentOptionsFromConfig(agentConfig, { doc: dynamo.doc, sink, logger }));
  const judgeDeps = judgeDepsFromConfig(loadJudgeConfig(env), {
    doc: dynamo.doc,
    cloudwatch: localCloudWatch(store),
    sns: localSns(alerts.deliverSnsMessage),
    logger,
  });
  const evaluator = new AlarmEvaluator({
    definitions: alarmCatalog(alarmSettings),
    store,
    notifyOkFromInsufficientData: false,
    onNotification: (notification) => void alerts.deliver(notification.alert),
  });
  const dashboard = localDashboardDefinition(alarmSettings);
  const routes = localRoutes({
    store,
    evaluator,
    serviceName: agentConfig.serviceName,
    namespace: agentConfig.namespace,
    recentAlerts: () => recentAlerts.list(),
    dashboard,
  });
  const server = await startAgentHttpServer(handler, { port: options.port ?? 3000, lambda, routes });
  let judging: Promise<void> | undefined;
  const judgeNow = () =>
    (judging ??= runJudge(judgeDeps)
      .then((summary) => {
        if (summary.errors.length > 0) options.print(`judge run: ${summary.errors.join('; ')}`);
      })
      .catch((error) => options.print(`judge run failed: ${(error as Error).message}`))
      .finally(() => {
        judging = undefined;
      }));
  const evaluateNow = () => {
    evaluator.evaluate(Date.now());
  };
  const timers = [setInterval(judgeNow, options.judgeIntervalMs ?? 60_000), setInterval(evaluateNow, options.evaluateIntervalMs ?? 10_000)];
  return {
    url: server.url,
    llm: { provider: llm.provider, kind: llm.kind, description: llm.description },
    store,
    evaluator,
    serviceName: agentConfig.serviceName,
    namespace: agentConfig.namespace,
    dashboard,
    judgeNow,
    evaluateNow,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      await judging;
      await server.close();
      await Promise.all([dynamo.stop(), llm.close()]);
    },
  };
}

/** Warnings and errors as single lines; routine info stays out of the terminal view. */
function printingLogger(print: (line: string) => void): MonitoringLogger {
  const line = (level: string) => (message: string, extra: Record<string, unknown>) => print(`${level} ${message} ${JSON.stringify(extra)}`);
  return { info: () => undefined, warn: line('WARN'), error: line('ERROR') };
}
