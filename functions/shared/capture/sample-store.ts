import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SAMPLES_TABLE } from '../../../lib/catalog/tables';
import { untilAborted } from '../aws/until-aborted';
import { Pseudonymizer } from './pseudonym';
import { redact } from './redact';
import { queryByStatus } from './status-index';

/** Status of a sample written by the agent and not yet claimed by the judge. */
export const PENDING_STATUS = 'pending';

/** Days a sample is kept before DynamoDB TTL removes it. */
export const DEFAULT_SAMPLE_TTL_DAYS = 30;

const SECONDS_PER_DAY = 86_400;
const KEY_ATTRIBUTE = SAMPLES_TABLE.partitionKey.name;

/** A successful response chosen for judging, as the agent saw it (not yet redacted). */
export interface CapturedSample {
  /** The request id. */
  readonly sampleId: string;
  readonly question: string;
  readonly answer: string;
  readonly model: string;
  readonly userId?: string;
  readonly sessionId?: string;
  readonly feature?: string;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly costUsd: number;
  readonly latencyMs: number;
  /** Names of the tools called, in order. */
  readonly toolCalls: readonly string[];
  /** Epoch ms. @default the store's clock */
  readonly createdAt?: number;
}

/**
 * An item of the samples table (SAMPLES_TABLE). question, answer and feature are redacted;
 * userId and sessionId are pseudonyms (Pseudonymizer: `user_…`, `session_…`), never the raw
 * ids. The judge moves `status` on from 'pending' and may add its own attributes.
 */
export interface SampleItem extends Omit<CapturedSample, 'toolCalls' | 'createdAt'> {
  /** 'pending' when written by the agent; the judge sets its own statuses. */
  readonly status: string;
  readonly toolCalls: string[];
  /** Epoch ms; sort key of the `by-status` index. */
  readonly createdAt: number;
  /** TTL, epoch seconds. */
  readonly expiresAt: number;
}

export interface SampleStoreOptions {
  readonly doc: DynamoDBDocumentClient;
  /** Table with the SAMPLES_TABLE layout (lib/catalog/tables.ts). */
  readonly tableName: string;
  /** @default Date.now */
  readonly now?: () => number;
  /** Positive whole number of days before TTL removes a sample. @default 30 */
  readonly ttlDays?: number;
  /** Pseudonymizes userId and sessionId. @default a random key of this process (pseudonyms unlinkable across processes) */
  readonly pseudonyms?: Pseudonymizer;
}

/**
 * Writes captured responses (redacted) for the judge, and lists those still pending.
 *
 * @example
 * const store = new SampleStore({ doc, tableName: process.env.SAMPLES_TABLE_NAME! });
 * if (shouldSample(requestId, rate)) await store.putPending({ sampleId: requestId, question, answer, ... });
 * const batch = await store.listPending(25); // oldest first
 */
export class SampleStore {
  private readonly doc: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly now: () => number;
  private readonly ttlDays: number;
  private readonly pseudonyms: Pseudonymizer;

  /** @throws RangeError when ttlDays is not a positive whole number. */
  constructor(options: SampleStoreOptions) {
    const ttlDays = options.ttlDays ?? DEFAULT_SAMPLE_TTL_DAYS;
    if (!Number.isInteger(ttlDays) || ttlDays <= 0) {
      throw new RangeError(`SampleStore ttlDays must be a positive whole number of days, got ${String(ttlDays)}`);
    }
    this.doc = options.doc;
    this.tableName = options.tableName;
    this.now = options.now ?? Date.now;
    this.ttlDays = ttlDays;
    this.pseudonyms = options.pseudonyms ?? Pseudonymizer.ephemeral();
  }

  /**
   * Writes the sample (redacted, ids pseudonymized) with status 'pending' and a TTL. The first
   * write of a sampleId wins: a retried request with the same id is ignored (no overwrite, no error).
   * @returns true when written, false when a sample with this id already existed.
   * @throws the store's error for any other failure (the caller decides whether to count it);
   *   the signal's reason when `options.signal` (the caller's deadline) aborts the pseudonym key
   *   read or the write.
   */
  async putPending(sample: CapturedSample, options: { readonly signal?: AbortSignal } = {}): Promise<boolean> {
    const item = await untilAborted(this.toItem(sample), options.signal);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(#key)',
          ExpressionAttributeNames: { '#key': KEY_ATTRIBUTE },
        }),
        { abortSignal: options.signal },
      );
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  /**
   * Pending samples, oldest first, through the `by-status` index (a Query, never a Scan).
   * @param limit - most samples to return (a positive whole number)
   * @param olderThan - only samples created before this epoch ms
   */
  async listPending(limit: number, olderThan?: number): Promise<SampleItem[]> {
    if (!Number.isInteger(limit) || limit <= 0) {
      throw new RangeError(`listPending limit must be a positive whole number, got ${String(limit)}`);
    }
    const items = await queryByStatus(this.doc, {
      tableName: this.tableName,
      status: PENDING_STATUS,
      limit,
      ...(olderThan !== undefined && { createdAt: { op: '<' as const, value: olderThan } }),
    });
    return items as unknown as SampleItem[];
  }

  private async toItem(sample: CapturedSample): Promise<SampleItem> {
    const now = this.now();
    const item: SampleItem = {
      sampleId: sample.sampleId,
      status: PENDING_STATUS,
      question: redact(sample.question),
      answer: redact(sample.answer),
      model: sample.model,
      userId: sample.userId === undefined ? undefined : await this.pseudonyms.pseudonymize('user', sample.userId),
      sessionId: sample.sessionId === undefined ? undefined : await this.pseudonyms.pseudonymize('session', sample.sessionId),
      feature: sample.feature === undefined ? undefined : redact(sample.feature),
      promptTokens: sample.promptTokens,
      completionTokens: sample.completionTokens,
      costUsd: sample.costUsd,
      latencyMs: sample.latencyMs,
      toolCalls: [...sample.toolCalls],
      createdAt: sample.createdAt ?? now,
      expiresAt: Math.floor(now / 1000) + this.ttlDays * SECONDS_PER_DAY,
    };
    // The document client refuses undefined values unless it was built to remove them.
    return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)) as unknown as SampleItem;
  }
}
