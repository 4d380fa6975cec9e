import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { driftStateKey, itemKey } from './keys';

/**
 * 'ok' until the first episode of the judge version; 'recovered' after an episode ended (an
 * episode closed because the judge version changed leaves 'ok' for the new version).
 */
export type DriftStateName = 'ok' | 'drifting' | 'recovered';

/** An SNS message waiting to be sent (written with the state change it announces). */
export interface Outbox {
  readonly subject: string;
  readonly message: string;
}

/** The drift state item of a service. */
export interface DriftStateRecord {
  readonly state: DriftStateName;
  /** Bumped by every change; a change is conditional on the revision it read. */
  readonly revision: number;
  readonly judgeVersion: string;
  /** Epoch ms of the last state change. */
  readonly changedAt: number;
  readonly outbox?: Outbox;
  /** Until when the writer of the outbox owns its delivery (epoch ms). */
  readonly outboxLeaseUntil?: number;
}

/**
 * The drift state in the samples table (item `judge-drift#<service>`). Every change is a
 * conditional update on the revision read, so of two concurrent runs only one moves the state
 * on, and only that one sends the SNS message the change carries in its outbox.
 */
export class DriftStateStore {
  constructor(private readonly options: { readonly doc: DynamoDBDocumentClient; readonly tableName: string; readonly service: string }) {}

  async get(): Promise<DriftStateRecord | undefined> {
    const { Item } = await this.options.doc.send(new GetCommand({ TableName: this.options.tableName, Key: this.key(), ConsistentRead: true }));
    return Item ? (Item as unknown as DriftStateRecord) : undefined;
  }

  /**
   * Moves the state on from `previous` (undefined: no item yet), with the message announcing it.
   * @returns false when another run changed the state first.
   */
  async transition(previous: DriftStateRecord | undefined, next: Pick<DriftStateRecord, 'state' | 'judgeVersion' | 'changedAt'>, outbox?: Outbox, outboxLeaseUntil?: number): Promise<boolean> {
    const values: Record<string, unknown> = {
      ':state': next.state,
      ':version': next.judgeVersion,
      ':changedAt': next.changedAt,
      ':revision': (previous?.revision ?? 0) + 1,
      ...(previous && { ':previous': previous.revision }),
      ...(outbox && { ':outbox': outbox, ':lease': outboxLeaseUntil ?? next.changedAt }),
    };
    const sets = ['#state = :state', 'judgeVersion = :version', 'changedAt = :changedAt', '#revision = :revision', ...(outbox ? ['outbox = :outbox', 'outboxLeaseUntil = :lease'] : [])];
    return this.conditional({
      UpdateExpression: `SET ${sets.join(', ')}${outbox ? '' : ' REMOVE outbox, outboxLeaseUntil'}`,
      ConditionExpression: previous ? '#revision = :previous' : 'attribute_not_exists(#revision)',
      ExpressionAttributeNames: { '#state': 'state', '#revision': 'revision' },
      ExpressionAttributeValues: values,
    });
  }

  /** Takes over an undelivered outbox whose lease ran out (its writer crashed before sending). */
  async takeOverOutbox(record: DriftStateRecord, leaseUntil: number): Promise<boolean> {
    return this.conditional({
      UpdateExpression: 'SET outboxLeaseUntil = :lease',
      ConditionExpression: '#revision = :revision AND outboxLeaseUntil = :old',
      ExpressionAttributeNames: { '#revision': 'revision' },
      ExpressionAttributeValues: { ':lease': leaseUntil, ':revision': record.revision, ':old': record.outboxLeaseUntil ?? 0 },
    });
  }

  /** The outbox of `revision` was delivered. */
  async clearOutbox(revision: number): Promise<void> {
    await this.conditional({
      UpdateExpression: 'REMOVE outbox, outboxLeaseUntil',
      ConditionExpression: '#revision = :revision',
      ExpressionAttributeNames: { '#revision': 'revision' },
      ExpressionAttributeValues: { ':revision': revision },
    });
  }

  private async conditional(update: Pick<ConstructorParameters<typeof UpdateCommand>[0], 'UpdateExpression' | 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>): Promise<boolean> {
    try {
      await this.options.doc.send(new UpdateCommand({ TableName: this.options.tableName, Key: this.key(), ...update }));
      return true;
    } catch (error) {
      if (error instanceof Error && error.name === 'ConditionalCheckFailedException') return false;
      throw error;
    }
  }

  private key(): Record<string, string> {
    return itemKey(driftStateKey(this.options.service));
  }
}
