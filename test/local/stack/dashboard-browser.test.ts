import type { Browser, Page } from 'playwright-core';
import { panelsOf, type SingleValuePanel } from '../../../lib/catalog/dashboard';
import { simulatedModel, startSimulatedOpenAI, type RecordedRequest, type SimulatedOpenAIServer } from '../../../local/llm/simulated-openai-server';
import { startLocalStack, type LocalStack } from '../../../local/stack/local-stack';
import { launchBrowser, screenshot, watchedPage } from '../../support/browser';
import { formatted, openDashboard, shownPanels, shownValue, storeValue, waitForStoreVersion } from '../../support/dashboard-page';

/** Answers with the HTTP status a question starts with ("[503] …"), else as the simulated model. */
function faultyModel(request: RecordedRequest): ReturnType<typeof simulatedModel> {
  const messages: { role: string; content?: unknown }[] = request.body?.messages ?? [];
  const question = String([...messages].reverse().find((message) => message.role === 'user')?.content ?? '');
  const status = /^\[(\d{3})\]/.exec(question)?.[1];
  return status ? { kind: 'status', status: Number(status) } : simulatedModel(request);
}

/** 8 answered, 3 provider failures (503, 500), 2 client errors (invalid input). */
const BURST = [
  ...['What is 12*7?', 'What is 3+4?', 'Tell me a short story', 'What time is it?'].flatMap((question) => [question, question]).map((question) => JSON.stringify({ question })),
  JSON.stringify({ question: '[503] down?' }),
  JSON.stringify({ question: '[503] still down?' }),
  JSON.stringify({ question: '[500] broken?' }),
  '{"question": ',
  JSON.stringify({ question: '' }),
];

const SUMMARY_IDS = ['request-rate', 'error-rate', 'p95-latency', 'cost-per-hour'];

describe('the dashboard in the browser (npm start, /dashboard)', () => {
  let llm: SimulatedOpenAIServer;
  let stack: LocalStack;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    llm = await startSimulatedOpenAI({ responder: faultyModel });
    stack = await startLocalStack({
      env: { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: llm.baseUrl, LLM_MAX_RETRIES: '0' },
      port: 0,
      judgeIntervalMs: 3_600_000,
      evaluateIntervalMs: 3_600_000,
      print: () => undefined,
    });
    browser = await launchBrowser();
    ({ page, errors } = await watchedPage(browser));
    await openDashboard(page, new URL('/dashboard', stack.url).href);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
    await llm?.close();
  });

  it('loads with no console error and shows every panel of the dashboard definition, charts drawn', async () => {
    // Act
    const panels = await shownPanels(page);
    await screenshot(page, 'dashboard-empty');

    // Assess
    expect(errors).toEqual([]);
    const definition = panelsOf(stack.dashboard);
    expect(panels.map(({ id, title }) => ({ id, title }))).toEqual(definition.map(({ id, title }) => ({ id, title })));
    for (const panel of panels.filter((shown) => shown.view === 'timeseries' || shown.view === 'single-value')) expect(panel.canvases).toBeGreaterThan(0);
    expect(panels.find((panel) => panel.id === 'top-spenders')?.note).toMatch(/Contributor Insights .* runs in CloudWatch only/);
  });

  it('after a burst of requests, some failing, shows without a reload the single values the metric store computes', async () => {
    // Prepare
    const updatesBefore = await page.evaluate(() => (globalThis as unknown as { __dashboardUpdates: number }).__dashboardUpdates);
    const statuses = await Promise.all(BURST.map((body) => fetch(stack.url, { method: 'POST', body }).then((response) => response.status)));
    const version = stack.store.version;

    // Act
    await waitForStoreVersion(page, version);
    const shown = Object.fromEntries(await Promise.all(SUMMARY_IDS.map(async (id) => [id, await shownValue(page, id)] as const)));
    await screenshot(page, 'dashboard-after-burst');

    // Assess
    expect(statuses.filter((status) => status === 200)).toHaveLength(8);
    expect(statuses.filter((status) => status === 400)).toHaveLength(2);
    expect(await page.evaluate(() => (globalThis as unknown as { __dashboardUpdates: number }).__dashboardUpdates)).toBeGreaterThan(updatesBefore);
    const singles = panelsOf(stack.dashboard).filter((panel): panel is SingleValuePanel => panel.view === 'single-value');
    expect(singles.map((panel) => panel.id)).toEqual(SUMMARY_IDS);
    for (const panel of singles) {
      const { text, value, time } = shown[panel.id];
      expect({ id: panel.id, time: typeof time }).toEqual({ id: panel.id, time: 'number' });
      const expected = storeValue(stack.store, panel, time as number);
      expect({ id: panel.id, value }).toEqual({ id: panel.id, value: expected });
      expect(text).toBe(await formatted(page, expected as number, panel.unit));
    }
    expect(shown['request-rate'].value).toBeGreaterThan(0);
    expect(shown['error-rate'].value).toBeGreaterThan(0);
    expect(shown['p95-latency'].value).toBeGreaterThan(0);
    expect(shown['cost-per-hour'].value).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  }, 60_000);
});
