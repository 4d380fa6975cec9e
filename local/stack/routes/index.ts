import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalStackView } from './view';
import { dashboardRoute } from './dashboard';
import { faviconRoute } from './favicon';
import { metricsRoute } from './metrics';

/**
 * A page or endpoint the local stack serves itself, beside the agent: answered before the
 * request reaches the agent handler, so it is never counted as an agent request.
 */
export interface LocalRoute {
  /** `GET` paths it answers: an exact path (`/metrics`) or a prefix ending in `/` (`/dashboard/`). */
  readonly paths: readonly string[];
  serve(request: IncomingMessage, response: ServerResponse): void | Promise<void>;
}

/** Whether `route` answers `method` `url` (query strings ignored). */
export function routeMatches(route: LocalRoute, method: string | undefined, url: string | undefined): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  const path = (url ?? '/').split('?')[0];
  return route.paths.some((candidate) => (candidate.endsWith('/') ? path.startsWith(candidate) || path === candidate.slice(0, -1) : path === candidate));
}

/** The local stack's own routes, given what they read (the metric store, the alarms, the alerts). */
export function localRoutes(view: LocalStackView): LocalRoute[] {
  void view;
  return [faviconRoute(), metricsRoute(view), dashboardRoute(view)];
}
