import { randomUUID } from 'node:crypto';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryByStatus } from '../shared/capture/status-index';
import { ATTR, SAMPLE_STATUS, itemKey } from './keys';

/** A stored sample item, as read (it may be incomplete or corrupt). */
export type RawSample = Readonly<Record<string, unknown>> & { readonly sampleId: string };

/** A sample this run holds: only the holder of `token` may finish it. */
export interface Claim {
  readonly sampleId: string;
  readonly token: string;
  /** Attempts including this one. */
  readonly attempts: number;
  /** The item as it was when claimed. */
  readonly item: RawSample;
}

/**
 * DynamoDB refused the claim's update for this record (a ValidationException): an attribute the
 * claim writes has the wrong type, such as `attempts` stored as a string. The claim's update is
 * the same for every sample, so no later run will claim this one either.
 */
export class UnclaimableSampleError extends Error {
  constructor(
    readonly sampleId: string,
    readonly dynamoMessage: string,
  ) {
    super(`sample ${sampleId} cannot be claimed: DynamoDB refused the claim (${dynamoMessage})`);
    this.name = 'UnclaimableSampleError';
  }
}

/** Options of {@link SampleClaims}. */
export interface SampleClaimsOptions {
  readonly doc: DynamoDBDocumentClient;
  readonly tableName: string;
  /** How long a claim holds; after it another run may take the sample (the holder crashed). */
  readonly leaseMs: number;
  readonly now: () => number;
}

/**
 * Claims samples for one judge run with conditional updates, so two overlapping runs never
 * score the same sample: `pending` (or `claimed` with an expired lease) → `claimed` with a
 * fresh token, and only the token's holder may move it on.
 *
 * @example
 * const claims = new SampleClaims({ doc, tableName, leaseMs: 600_000, now: Date.now });
 * for (const item of await claims.candidates(100)) {
 *   const claim = await claims.claim(item.sampleId);
 *   if (claim) await claims.markScored(claim, scoredStatus(service, version.id), scoreAttributes(score));
 * }
 */
export class SampleClaims {
  constructor(private readonly options: SampleClaimsOptions) {}

  /** Samples to judge, oldest first: claims whose lease expired, then pending samples. */
  async candidates(limit: number): Promise<RawSample[]> {
    const expired = await this.query(SAMPLE_STATUS.claimed, limit, this.options.now());
    const pending = expired.length < limit ? await this.query(SAMPLE_STATUS.pending, limit - expired.length) : [];
    return [...expired, ...pending];
  }

  /**
   * Takes the sample for this run; undefined when another run holds it or it is done.
   * @throws UnclaimableSampleError when DynamoDB refuses the update for this record (see {@link markUnclaimable}).
   */
  async claim(sampleId: string): Promise<Claim | undefined> {
    const now = this.options.now();
    const token = randomUUID();
    try {
      const { Attributes } = await this.options.doc.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: itemKey(sampleId),
          ConditionExpression: CLAIMABLE,
          UpdateExpression: 'SET #status = :claimed, #token = :token, #lease = :lease, #claimedAt = :now ADD #attempts :one',
          ExpressionAttributeNames: { ...NAMES, '#claimedAt': 'claimedAt', '#attempts': 'attempts' },
          ExpressionAttributeValues: {
            ':pending': SAMPLE_STATUS.pending,
            ':claimed': SAMPLE_STATUS.claimed,
            ':now': now,
            ':token': token,
            ':lease': now + this.options.leaseMs,
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const item = Attributes as RawSample;
      return { sampleId, token, attempts: Number(item.attempts), item };
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      if (error instanceof Error && error.name === 'ValidationException') throw new UnclaimableSampleError(sampleId, error.message);
      throw error;
    }
  }

  /**
   * Marks a sample that cannot be claimed `failed` with the reason, in one conditional update
   * that leaves its attributes alone (it is the claim's update that the record refuses), so
   * it leaves the pending samples and the backlog for good.
   * @returns false when the sample is no longer claimable (another run took it or it is done): nothing is written.
   */
  async markUnclaimable(sampleId: string, reason: string): Promise<boolean> {
    const now = this.options.now();
    try {
      await this.options.doc.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: itemKey(sampleId),
          ConditionExpression: CLAIMABLE,
          UpdateExpression: 'SET #status = :failed, #reason = :reason, #failedAt = :now REMOVE #token, #lease',
          ExpressionAttributeNames: { ...NAMES, '#reason': 'failureReason', '#failedAt': 'failedAt' },
          ExpressionAttributeValues: { ':pending': SAMPLE_STATUS.pending, ':claimed': SAMPLE_STATUS.claimed, ':failed': SAMPLE_STATUS.failed, ':reason': reason, ':now': now },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * Stores the score on the sample and moves it to its judge version's scored status.
   * @returns false when the claim was lost (its lease expired and another run took it): nothing is written.
   */
  async markScored(claim: Claim, status: string, score: Record<string, unknown>): Promise<boolean> {
    return this.finish(claim, status, { set: score, remove: ['lastError'] });
  }

  /** The sample will not be scored: marked `failed` with the reason. */
  async markFailed(claim: Claim, reason: string): Promise<boolean> {
    return this.finish(claim, SAMPLE_STATUS.failed, { set: { failureReason: reason, failedAt: this.options.now() } });
  }

  /**
   * Puts the sample back to `pending` for a later run: after a failed attempt (with its reason),
   * or, with `countAttempt` false, when the run stopped before judging it.
   */
  async release(claim: Claim, options: { reason?: string; countAttempt: boolean }): Promise<boolean> {
    return this.finish(claim, SAMPLE_STATUS.pending, {
      set: { releasedAt: this.options.now(), ...(options.reason !== undefined && { lastError: options.reason }) },
      ...(!options.countAttempt && { add: { attempts: -1 } }),
    });
  }

  /** Moves a claimed sample on, if this run still holds it; the claim's token and lease go. */
  private async finish(claim: Claim, status: string, change: AttributeChange): Promise<boolean> {
    const names: Record<string, string> = { ...NAMES };
    const values: Record<string, unknown> = { ':claimed': SAMPLE_STATUS.claimed, ':token': claim.token, ':status': status };
    const placeholder = (prefix: string, name: string, value?: unknown) => {
      names[`#${name}`] = name;
      if (value !== undefined) values[`:${prefix}${name}`] = value;
      return `#${name}`;
    };
    const sets = ['#status = :status', ...Object.entries(change.set).map(([name, value]) => `${placeholder('s', name, value)} = :s${name}`)];
    const removes = ['#token', '#lease', ...(change.remove ?? []).map((name) => placeholder('', name))];
    const adds = Object.entries(change.add ?? {}).map(([name, value]) => `${placeholder('a', name, value)} :a${name}`);
    try {
      await this.options.doc.send(
        new UpdateCommand({
          TableName: this.options.tableName,
          Key: itemKey(claim.sampleId),
          ConditionExpression: '#status = :claimed AND #token = :token',
          UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}${adds.length > 0 ? ` ADD ${adds.join(', ')}` : ''}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private async query(status: string, limit: number, leaseExpiredBefore?: number): Promise<RawSample[]> {
    const items = await queryByStatus(this.options.doc, {
      tableName: this.options.tableName,
      status,
      limit,
      ...(leaseExpiredBefore !== undefined && { below: { attribute: NAMES['#lease'], value: leaseExpiredBefore } }),
    });
    return items as RawSample[];
  }
}

interface AttributeChange {
  readonly set: Record<string, unknown>;
  readonly remove?: readonly string[];
  readonly add?: Record<string, number>;
}

const NAMES = { '#status': ATTR.status, '#token': 'claimToken', '#lease': 'leaseExpiresAt' } as const;

/** A sample may be taken when pending, or claimed by a run whose lease expired. */
const CLAIMABLE = '#status = :pending OR (#status = :claimed AND #lease < :now)';

function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
