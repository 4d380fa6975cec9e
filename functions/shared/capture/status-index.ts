import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SAMPLE_STATUS_INDEX, SAMPLES_TABLE } from '../../../lib/catalog/tables';

const STATUS_INDEX = SAMPLES_TABLE.indexes.find((index) => index.indexName === SAMPLE_STATUS_INDEX)!;

/** One Query on the samples table's `by-status` index (never a Scan), page after page. */
export interface StatusQuery {
  readonly tableName: string;
  readonly status: string;
  /** At most this many items. */
  readonly limit: number;
  /** @default true */
  readonly oldestFirst?: boolean;
  /** A bound on `createdAt`, the index's sort key. */
  readonly createdAt?: { readonly op: '<' | '>='; readonly value: number };
  /** Keeps only items whose attribute is below the value (a filter: pages are read whole). */
  readonly below?: { readonly attribute: string; readonly value: number };
}

/**
 * The items of one status, oldest first unless asked otherwise, following LastEvaluatedKey
 * until `limit` items are read or the status has no more.
 */
export async function queryByStatus(doc: DynamoDBDocumentClient, query: StatusQuery): Promise<Record<string, unknown>[]> {
  const created = STATUS_INDEX.sortKey!.name;
  const names: Record<string, string> = { '#status': STATUS_INDEX.partitionKey.name };
  const values: Record<string, unknown> = { ':status': query.status };
  let keyCondition = '#status = :status';
  if (query.createdAt) {
    keyCondition += ` AND #created ${query.createdAt.op} :created`;
    names['#created'] = created;
    values[':created'] = query.createdAt.value;
  }
  if (query.below) {
    names['#below'] = query.below.attribute;
    values[':below'] = query.below.value;
  }
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: query.tableName,
        IndexName: SAMPLE_STATUS_INDEX,
        KeyConditionExpression: keyCondition,
        ...(query.below && { FilterExpression: '#below < :below' }),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: query.oldestFirst ?? true,
        // DynamoDB applies Limit before a filter, so a filtered query reads whole pages.
        Limit: query.below ? undefined : query.limit - items.length,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey && items.length < query.limit);
  return items.slice(0, query.limit);
}
