import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ATTR, SAMPLE_STATUS, SAMPLE_STATUS_INDEX } from './keys';

/** Samples waiting for the judge. */
export interface Backlog {
  readonly pending: number;
  /** Age of the oldest pending sample in seconds; 0 when none is pending. */
  readonly oldestPendingAgeSeconds: number;
}

/**
 * Counts pending samples and finds the oldest, with Queries on the `by-status` index
 * (`Select: COUNT` reads keys only, page by page).
 */
export async function measureBacklog(doc: DynamoDBDocumentClient, tableName: string, now: number): Promise<Backlog> {
  const base = {
    TableName: tableName,
    IndexName: SAMPLE_STATUS_INDEX,
    KeyConditionExpression: '#status = :pending',
    ExpressionAttributeNames: { '#status': ATTR.status },
    ExpressionAttributeValues: { ':pending': SAMPLE_STATUS.pending },
  };
  const oldest = await doc.send(new QueryCommand({ ...base, ScanIndexForward: true, Limit: 1 }));
  const createdAt = oldest.Items?.[0]?.[ATTR.createdAt];
  if (typeof createdAt !== 'number') return { pending: 0, oldestPendingAgeSeconds: 0 };
  let pending = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(new QueryCommand({ ...base, Select: 'COUNT', ExclusiveStartKey: startKey }));
    pending += page.Count ?? 0;
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return { pending, oldestPendingAgeSeconds: Math.max(0, (now - createdAt) / 1000) };
}
