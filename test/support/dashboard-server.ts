import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { localRoutes, routeMatches } from '../../local/stack/routes';
import type { LocalStackView } from '../../local/stack/routes/view';

/** The local stack's own routes (the dashboard, /metrics, /favicon.ico) alone on a local port, over any store, evaluator and alerts: no agent, no dynalite. */
export interface DashboardServer {
  /** `http://127.0.0.1:<port>/dashboard` */
  readonly url: string;
  close(): Promise<void>;
}

export async function serveDashboard(view: LocalStackView): Promise<DashboardServer> {
  const routes = localRoutes(view);
  const server: Server = createServer((request, response) => {
    const route = routes.find((candidate) => routeMatches(candidate, request.method, request.url));
    if (route) return void route.serve(request, response);
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end(`no local route for ${request.method} ${request.url}`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/dashboard`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
