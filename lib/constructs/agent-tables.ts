import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { BUDGET_TABLE, SAMPLES_TABLE, type KeyAttribute, type TableLayout } from '../catalog/tables';

/** The budget counters and the captured samples, from the layouts the runtime uses. */
export class AgentTables extends Construct {
  readonly budget: dynamodb.Table;
  readonly samples: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.budget = tableFromLayout(this, 'Budget', BUDGET_TABLE);
    this.samples = tableFromLayout(this, 'Samples', SAMPLES_TABLE);
  }
}

function tableFromLayout(scope: Construct, id: string, layout: TableLayout): dynamodb.Table {
  const table = new dynamodb.Table(scope, id, {
    partitionKey: attribute(layout.partitionKey),
    sortKey: layout.sortKey && attribute(layout.sortKey),
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: layout.ttlAttribute,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const index of layout.indexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: attribute(index.partitionKey),
      sortKey: index.sortKey && attribute(index.sortKey),
      projectionType: dynamodb.ProjectionType.ALL,
    });
  }
  return table;
}

function attribute(key: KeyAttribute): dynamodb.Attribute {
  return { name: key.name, type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER };
}
