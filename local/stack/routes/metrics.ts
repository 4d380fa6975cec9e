import { PrometheusRecorder } from '../prometheus/prometheus-recorder';
import type { LocalRoute } from './index';
import type { LocalStackView } from './view';

/**
 * `/metrics`: the agent's metrics in the Prometheus text exposition format, for a local
 * Prometheus to scrape (README, "Prometheus"). It records what the metric store receives from
 * the moment the route is made (the local stack makes it before the first request).
 */
export function metricsRoute(view: LocalStackView): LocalRoute {
  const recorder = new PrometheusRecorder({ namespace: view.namespace });
  view.store.listen(recorder.record);
  return {
    paths: ['/metrics'],
    serve: async (request, response) => {
      const body = await recorder.metrics();
      response.writeHead(200, { 'content-type': recorder.contentType, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    },
  };
}
