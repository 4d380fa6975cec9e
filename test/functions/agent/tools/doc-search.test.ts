import { DocIndex, createDocSearchTool, searchTerms } from '../../../../functions/agent/tools/doc-search';
import { DOCS_CORPUS } from '../../../../functions/agent/tools/docs-corpus';
import { ToolInputError } from '../../../../functions/agent/tools/tool';

const context = { now: () => new Date('2025-01-01T00:00:00Z') };
const index = new DocIndex(DOCS_CORPUS);

function topIds(query: string, limit = 3): string[] {
  return index.search(query, limit).map((hit) => hit.doc.id);
}

describe('the built-in corpus', () => {
  it('has 10 to 15 short documents with unique ids', () => {
    // Assess
    expect(DOCS_CORPUS.length).toBeGreaterThanOrEqual(10);
    expect(DOCS_CORPUS.length).toBeLessThanOrEqual(15);
    expect(new Set(DOCS_CORPUS.map((doc) => doc.id)).size).toBe(DOCS_CORPUS.length);
    for (const doc of DOCS_CORPUS) expect(doc.text.length).toBeLessThan(1_000);
  });
});

describe('searchTerms', () => {
  it('lowercases, drops stop words, splits snake_case and folds plurals', () => {
    // Act
    const terms = searchTerms('What are the Alarms for rate_limit categories?');

    // Assess
    expect(terms).toEqual(['alarm', 'rate', 'limit', 'category']);
  });
});

describe('DocIndex ranking', () => {
  it.each([
    ['what does rate_limit mean', 'rate-limit'],
    ['the API key was rejected 401', 'provider-auth'],
    ['latency tier for real-time chat', 'latency-tiers'],
    ['request refused because the daily budget limit was hit', 'budget-guard'],
    ['how is the quality judge score computed, drift', 'quality-judge'],
    ['SAMPLE_RATE sampling of responses', 'sampling-capture'],
    ['model has no price, unpriced cost', 'cost-pricing'],
    ['connection timeout', 'network-timeout'],
    ['slack pagerduty notifications', 'alerts'],
  ])('ranks the right document first for %p', (query, expectedId) => {
    // Act
    const ids = topIds(query);

    // Assess
    expect(ids[0]).toBe(expectedId);
  });

  it('returns at most limit hits, best first', () => {
    // Act
    const hits = index.search('error category runbook', 2);

    // Assess
    expect(hits).toHaveLength(2);
    expect(hits[0].score).toBeGreaterThanOrEqual(hits[1].score);
  });

  it('leaves out documents that share no term with the query', () => {
    // Act
    const hits = index.search('kubernetes helm chart', 5);

    // Assess
    expect(hits).toEqual([]);
  });

  it('builds a snippet from the sentences that match', () => {
    // Act
    const [hit] = index.search('BUDGET_FAIL_MODE', 1);

    // Assess
    expect(hit.doc.id).toBe('budget-guard');
    expect(hit.snippet).toContain('BUDGET_FAIL_MODE decides');
    expect(hit.snippet.length).toBeLessThanOrEqual(300);
  });
});

describe('search_docs tool', () => {
  const tool = createDocSearchTool();

  it('returns titles and snippets, default 3 documents', () => {
    // Act
    const text = tool.run({ query: 'error categories severity' }, context) as string;

    // Assess
    expect(text.split('\n')[0]).toBe('3 documents matched "error categories severity":');
    expect(text).toContain('1. Error categories and severities [error-categories]');
    expect(text.match(/^\d\. /gm)).toHaveLength(3);
  });

  it('honours limit', () => {
    // Act
    const text = tool.run({ query: 'budget', limit: 1 }, context) as string;

    // Assess
    expect(text).toMatch(/^1 document matched "budget":\n1\. Budget guard/);
  });

  it('says clearly when nothing matched, without failing', () => {
    // Act
    const text = tool.run({ query: 'kubernetes' }, context);

    // Assess
    expect(text).toMatch(/^No documents matched "kubernetes"/);
  });

  it('searches a corpus it is given', () => {
    // Prepare
    const custom = createDocSearchTool([{ id: 'faq', title: 'Refunds', text: 'Refunds take five days.' }]);

    // Act
    const text = custom.run({ query: 'refund' }, context);

    // Assess
    expect(text).toContain('1. Refunds [faq]');
  });

  it.each([
    [{ query: '' }, /field 'query' must not be empty/],
    [{ query: '   ' }, /field 'query' must not be empty/],
    [{ query: 'the of and' }, /no searchable words/],
    [{}, /missing required field 'query'/],
    [{ query: ['budget'] }, /field 'query' must be a string, got an array/],
    [{ query: 'budget', limit: 0 }, /field 'limit' must be an integer from 1 to 5, got 0/],
    [{ query: 'budget', limit: 6 }, /field 'limit' must be an integer from 1 to 5, got 6/],
    [{ query: 'budget', limit: 2.5 }, /field 'limit' must be an integer/],
    [{ query: 'budget', limit: '2' }, /field 'limit' must be an integer from 1 to 5, got "2"/],
    [{ query: 'budget', top_k: 2 }, /unexpected field 'top_k'/],
    [{ query: 'x'.repeat(501) }, /501 characters long; the limit is 500/],
  ])('rejects %p', (args, message) => {
    // Act
    const act = (): unknown => tool.run(args, context);

    // Assess
    expect(act).toThrow(ToolInputError);
    expect(act).toThrow(message);
  });
});
