import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ATTR, baselineKey, itemKey } from './keys';
import type { JudgeVersion } from './rubric';
import type { StoredScore } from './score-store';

/** The scores the drift detector compares recent scores with; it belongs to one judge version. */
export interface Baseline {
  readonly judgeVersion: string;
  readonly judgeModel: string;
  readonly rubricVersion: string;
  readonly rubricHash: string;
  /** The overall scores, in the order of their responses. */
  readonly scores: readonly number[];
  readonly mean: number;
  readonly size: number;
  /** 'auto': the first scores of the version; 'cli': set with `agent-monitor baseline set`. */
  readonly source: 'auto' | 'cli';
  /** Epoch ms. */
  readonly setAt: number;
  /** Epoch ms of the oldest and newest response in the baseline. */
  readonly fromCreatedAt: number;
  readonly toCreatedAt: number;
}

/** Builds a baseline from scores of one judge version. @throws RangeError when there are none. */
export function baselineFrom(version: JudgeVersion, scores: readonly StoredScore[], source: Baseline['source'], setAt: number): Baseline {
  if (scores.length === 0) throw new RangeError(`a baseline needs at least one score of judge version ${version.id}`);
  const ordered = [...scores].sort((a, b) => a.createdAt - b.createdAt);
  const values = ordered.map((score) => score.overall);
  return {
    judgeVersion: version.id,
    judgeModel: version.model,
    rubricVersion: version.rubricVersion,
    rubricHash: version.rubricHash,
    scores: values,
    mean: values.reduce((sum, value) => sum + value, 0) / values.length,
    size: values.length,
    source,
    setAt,
    fromCreatedAt: ordered[0].createdAt,
    toCreatedAt: ordered[ordered.length - 1].createdAt,
  };
}

/**
 * Baselines in the samples table, one item per service and judge version (no TTL: a
 * baseline lasts as long as its judge version is used).
 */
export class BaselineStore {
  constructor(private readonly options: { readonly doc: DynamoDBDocumentClient; readonly tableName: string; readonly service: string }) {}

  async get(version: JudgeVersion): Promise<Baseline | undefined> {
    const { Item } = await this.options.doc.send(
      new GetCommand({ TableName: this.options.tableName, Key: itemKey(this.key(version)), ConsistentRead: true }),
    );
    return Item ? (withoutKey(Item) as unknown as Baseline) : undefined;
  }

  /** Stores an automatic baseline unless one exists; returns the baseline in force. */
  async putIfAbsent(version: JudgeVersion, baseline: Baseline): Promise<Baseline> {
    try {
      await this.options.doc.send(
        new PutCommand({
          TableName: this.options.tableName,
          Item: { ...baseline, ...itemKey(this.key(version)) },
          ConditionExpression: 'attribute_not_exists(#key)',
          ExpressionAttributeNames: { '#key': ATTR.key },
        }),
      );
      return baseline;
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'ConditionalCheckFailedException') throw error;
      return (await this.get(version)) ?? baseline;
    }
  }

  /** Stores a baseline, replacing the version's current one. */
  async put(version: JudgeVersion, baseline: Baseline): Promise<void> {
    await this.options.doc.send(new PutCommand({ TableName: this.options.tableName, Item: { ...baseline, ...itemKey(this.key(version)) } }));
  }

  private key(version: JudgeVersion): string {
    return baselineKey(this.options.service, version.id);
  }
}

function withoutKey(item: Record<string, unknown>): Record<string, unknown> {
  const { [ATTR.key]: _key, ...rest } = item;
  return rest;
}
