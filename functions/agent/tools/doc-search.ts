import { objectArgs, optionalInteger, requiredString } from './arguments';
import { DOCS_CORPUS, type Doc } from './docs-corpus';
import { ToolInputError, type AgentTool } from './tool';

export const DEFAULT_SEARCH_LIMIT = 3;
export const MAX_SEARCH_LIMIT = 5;
export const MAX_QUERY_LENGTH = 500;

const BM25_K1 = 1.2;
const BM25_B = 0.75;
const TITLE_WEIGHT = 2;
const MAX_SNIPPET_LENGTH = 300;

const STOP_WORDS = new Set(
  ('a an and are as at be been but by can do does did for from has have how i if in into is it its me my ' +
    'no not of on or our so than that the their them then there these they this to was we were what when ' +
    'where which who why will with you your about should would could').split(' '),
);

/** A document found by `DocIndex.search`, with the sentences that matched best. */
export interface SearchHit {
  readonly doc: Doc;
  readonly score: number;
  readonly snippet: string;
}

/**
 * Lowercase words without stop words, with a light plural folding (`alarms` → `alarm`,
 * `categories` → `category`). `rate_limit` reads as `rate`, `limit`.
 */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of text.toLowerCase().split(/[^a-z0-9]+/)) {
    if (word !== '' && !STOP_WORDS.has(word)) terms.push(fold(word));
  }
  return terms;
}

function fold(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

interface IndexedDoc {
  readonly doc: Doc;
  readonly termCounts: ReadonlyMap<string, number>;
  readonly length: number;
}

/** A BM25 index over a fixed set of documents; titles count twice. */
export class DocIndex {
  private readonly docs: readonly IndexedDoc[];
  private readonly documentFrequency = new Map<string, number>();
  private readonly averageLength: number;

  constructor(docs: readonly Doc[]) {
    this.docs = docs.map((doc) => indexDoc(doc));
    for (const { termCounts } of this.docs) {
      for (const term of termCounts.keys()) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    }
    this.averageLength = this.docs.reduce((sum, d) => sum + d.length, 0) / Math.max(this.docs.length, 1);
  }

  /** The best `limit` documents for `query`, best first; documents sharing no term are left out. */
  search(query: string, limit: number): SearchHit[] {
    const terms = [...new Set(searchTerms(query))];
    return this.docs
      .map((indexed) => ({ indexed, score: this.score(indexed, terms) }))
      .filter(({ score }) => score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, limit)
      .map(({ indexed, score }) => ({ doc: indexed.doc, score, snippet: snippet(indexed.doc.text, terms) }));
  }

  private score(indexed: IndexedDoc, terms: readonly string[]): number {
    let score = 0;
    for (const term of terms) {
      const frequency = indexed.termCounts.get(term);
      if (frequency === undefined) continue;
      const df = this.documentFrequency.get(term) ?? 0;
      const idf = Math.log(1 + (this.docs.length - df + 0.5) / (df + 0.5));
      const norm = BM25_K1 * (1 - BM25_B + (BM25_B * indexed.length) / this.averageLength);
      score += (idf * frequency * (BM25_K1 + 1)) / (frequency + norm);
    }
    return score;
  }
}

function indexDoc(doc: Doc): IndexedDoc {
  const termCounts = new Map<string, number>();
  const terms = searchTerms(doc.text);
  for (let i = 0; i < TITLE_WEIGHT; i += 1) terms.push(...searchTerms(doc.title));
  for (const term of terms) termCounts.set(term, (termCounts.get(term) ?? 0) + 1);
  return { doc, termCounts, length: terms.length };
}

function snippet(text: string, terms: readonly string[]): string {
  const sentences = text.split(/(?<=\.)\s+/);
  const wanted = new Set(terms);
  const ranked = sentences
    .map((sentence, position) => ({ position, hits: new Set(searchTerms(sentence).filter((t) => wanted.has(t))).size }))
    .filter(({ hits }) => hits > 0)
    .sort((a, b) => b.hits - a.hits || a.position - b.position);
  const chosen = ranked.length === 0 ? [0] : ranked.slice(0, 2).map(({ position }) => position).sort((a, b) => a - b);
  const joined = chosen.map((position) => sentences[position]).join(' … ');
  return joined.length > MAX_SNIPPET_LENGTH ? `${joined.slice(0, MAX_SNIPPET_LENGTH - 1)}…` : joined;
}

/** Renders hits as the text handed back to the model. */
export function formatHits(query: string, hits: readonly SearchHit[]): string {
  if (hits.length === 0) {
    return `No documents matched "${query}". Try other words: an error category (e.g. rate_limit), latency, budget, cost, sampling, judge, dashboard, alerts or runbook.`;
  }
  const lines = [`${hits.length} document${hits.length === 1 ? '' : 's'} matched "${query}":`];
  hits.forEach((hit, i) => lines.push(`${i + 1}. ${hit.doc.title} [${hit.doc.id}]`, `   ${hit.snippet}`));
  return lines.join('\n');
}

/**
 * `search_docs` over a set of documents (default: the built-in operating notes of this kit).
 *
 * @example
 * createDocSearchTool().run({ query: 'what does rate_limit mean', limit: 1 }, context);
 */
export function createDocSearchTool(docs: readonly Doc[] = DOCS_CORPUS): AgentTool {
  const index = new DocIndex(docs);
  return {
    name: 'search_docs',
    definition: {
      type: 'function',
      function: {
        name: 'search_docs',
        description:
          'Search the operating notes of the agent monitoring kit: error categories (rate_limit, timeout, auth_error, ...), ' +
          'latency tiers, the budget guard, cost and pricing, sampling and the quality judge, the dashboard, alerts and runbooks. ' +
          'Returns the best matching documents with a title and a snippet.',
        parameters: {
          type: 'object',
          properties: {
            query: { type: 'string', description: 'Keywords or a question, e.g. "what does budget_exceeded mean".' },
            limit: {
              type: 'integer',
              minimum: 1,
              maximum: MAX_SEARCH_LIMIT,
              description: `How many documents to return, 1 to ${MAX_SEARCH_LIMIT}. Defaults to ${DEFAULT_SEARCH_LIMIT}.`,
            },
          },
          required: ['query'],
          additionalProperties: false,
        },
      },
    },
    run(args) {
      const fields = objectArgs(args, ['query', 'limit']);
      const query = requiredString(fields, 'query').trim();
      const limit = optionalInteger(fields, 'limit', 1, MAX_SEARCH_LIMIT) ?? DEFAULT_SEARCH_LIMIT;
      if (query === '') throw new ToolInputError("field 'query' must not be empty");
      if (query.length > MAX_QUERY_LENGTH) {
        throw new ToolInputError(`field 'query' is ${query.length} characters long; the limit is ${MAX_QUERY_LENGTH}`);
      }
      if (searchTerms(query).length === 0) {
        throw new ToolInputError(`field 'query' has no searchable words (only stop words): ${JSON.stringify(query)}`);
      }
      return formatHits(query, index.search(query, limit));
    },
  };
}
