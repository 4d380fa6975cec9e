import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryByStatus } from '../shared/capture/status-index';
import { CRITERIA, type Criterion, type JudgeVersion } from './rubric';
import type { JudgeVerdict } from './judge-reply';
import { ATTR, scoredStatus } from './keys';

/** One judge score, as stored on its sample item (see keys.ts). */
export interface StoredScore extends JudgeVerdict {
  readonly sampleId: string;
  /** Epoch ms of the original response. */
  readonly createdAt: number;
  /** Epoch ms when the judge scored it. */
  readonly scoredAt: number;
  readonly judgeModel: string;
  readonly rubricVersion: string;
  readonly rubricHash: string;
  /** JudgeVersion.id */
  readonly judgeVersion: string;
  /** Tokens and cost of the judge call (not of the agent's response). */
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly costUsd: number;
}

/** The score as the `judgement` map of its sample item. */
export type Judgement = Omit<StoredScore, 'sampleId' | 'createdAt'>;

/**
 * The attributes a score adds to its sample item: `score` (the overall score, for a quick
 * look) and `judgement`, a map holding the whole score, so the judge's names never collide
 * with the agent's (`model`, `promptTokens`, `costUsd`).
 */
export function scoreAttributes(judgement: Judgement): Record<string, unknown> {
  return { score: judgement.overall, judgement: { ...judgement, criteria: { ...judgement.criteria } } };
}

/**
 * Reads scores of one judge version from its partition of the `by-status` index, ordered by
 * the time of the original response: every read is a Query.
 *
 * @example
 * const scores = new ScoreStore({ doc, tableName, service: 'agent' });
 * const window = await scores.latest(version, { limit: 100, since: Date.now() - 86_400_000 });
 */
export class ScoreStore {
  constructor(private readonly options: { readonly doc: DynamoDBDocumentClient; readonly tableName: string; readonly service: string }) {}

  /** The newest scores of a judge version, newest first (optionally only responses since `since`). */
  async latest(version: JudgeVersion, range: { limit: number; since?: number }): Promise<StoredScore[]> {
    return this.query(version, range.limit, false, range.since);
  }

  /** The oldest scores of a judge version, oldest first. */
  async earliest(version: JudgeVersion, limit: number): Promise<StoredScore[]> {
    return this.query(version, limit, true);
  }

  private async query(version: JudgeVersion, limit: number, oldestFirst: boolean, since?: number): Promise<StoredScore[]> {
    const items = await queryByStatus(this.options.doc, {
      tableName: this.options.tableName,
      status: scoredStatus(this.options.service, version.id),
      limit,
      oldestFirst,
      ...(since !== undefined && { createdAt: { op: '>=' as const, value: since } }),
    });
    return items.map(toScore);
  }
}

function toScore(item: Record<string, any>): StoredScore {
  const judgement = (item.judgement ?? {}) as Partial<Judgement>;
  return {
    ...(judgement as Judgement),
    criteria: Object.fromEntries(CRITERIA.map((name) => [name, Number(judgement.criteria?.[name])])) as Record<Criterion, number>,
    overall: Number(item.score ?? judgement.overall),
    sampleId: String(item[ATTR.key]),
    createdAt: Number(item[ATTR.createdAt]),
  };
}
