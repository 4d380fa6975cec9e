import type { LocalRoute } from './index';

/**
 * `/favicon.ico`, which every browser asks for by itself: answered with no content by the local
 * stack, so that it never reaches the agent (where it would count as a failed agent request).
 */
export function faviconRoute(): LocalRoute {
  return {
    paths: ['/favicon.ico'],
    serve: (_request, response) => {
      response.writeHead(204, { 'cache-control': 'max-age=86400' });
      response.end();
    },
  };
}
