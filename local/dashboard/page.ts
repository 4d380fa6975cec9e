import { DASHBOARD_SCRIPTS } from './assets';

/** What the page shell shows before its script draws the data: a card per panel, in the definition's order. */
export interface PageLayout {
  readonly title: string;
  readonly panels: readonly { readonly id: string; readonly title: string; readonly view: string; readonly width: number }[];
  /** Where the script polls for data, e.g. `/dashboard/data.json?hours=3`. */
  readonly dataUrl: string;
  readonly pollSeconds: number;
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` safe inside HTML text and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapes[character]);
}

/** `text` as a JavaScript string literal safe inside a `<script>` element. */
function scriptString(text: string): string {
  return JSON.stringify(text).replace(/</g, '\\u003c');
}

/**
 * The dashboard page: static markup, Apache ECharts and the page script, all served by the
 * local stack. The first data request starts first thing in the head (before the stylesheet,
 * which would hold the script back), while the browser loads the charts.
 */
export function dashboardPage(layout: PageLayout): string {
  const cards = layout.panels
    .map(
      (panel) =>
        `<section class="panel view-${escapeHtml(panel.view)}" data-panel-id="${escapeHtml(panel.id)}" data-view="${escapeHtml(panel.view)}" style="grid-column: span ${panel.width}">` +
        `<h2>${escapeHtml(panel.title)}</h2><div class="panel-body"></div><p class="panel-note"></p></section>`,
    )
    .join('\n');
  const scripts = DASHBOARD_SCRIPTS.map((name) => `<script src="/dashboard/${name}"></script>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(layout.title)}</title>
<script>window.__dashboardFirstData = fetch(${scriptString(layout.dataUrl)}, { cache: 'no-store' }); window.__dashboardFirstData.catch(function () {});</script>
<link rel="stylesheet" href="/dashboard/dashboard.css">
</head>
<body data-data-url="${escapeHtml(layout.dataUrl)}" data-poll-seconds="${layout.pollSeconds}">
<header><h1>${escapeHtml(layout.title)}</h1><p id="status">loading…</p></header>
<main class="grid">
${cards}
</main>
${scripts}
</body>
</html>
`;
}
