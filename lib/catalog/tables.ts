/**
 * DynamoDB table layouts shared by the stack (which creates them), the runtime (which
 * reads and writes them) and the tests (which create them in dynalite).
 */

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface IndexLayout {
  readonly indexName: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export interface TableLayout {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly ttlAttribute: string;
  readonly indexes: readonly IndexLayout[];
}

/** Daily spend counters: one item per day for the service and one per user and day. */
export const BUDGET_TABLE: TableLayout = {
  partitionKey: { name: 'pk', type: 'S' },
  ttlAttribute: 'expiresAt',
  indexes: [],
};

export const SAMPLE_STATUS_INDEX = 'by-status';

/** Captured responses awaiting (or done with) quality scoring. */
export const SAMPLES_TABLE: TableLayout = {
  partitionKey: { name: 'sampleId', type: 'S' },
  ttlAttribute: 'expiresAt',
  indexes: [
    {
      indexName: SAMPLE_STATUS_INDEX,
      partitionKey: { name: 'status', type: 'S' },
      sortKey: { name: 'createdAt', type: 'N' },
    },
  ],
};
