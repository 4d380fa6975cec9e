import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { startDynalite } from './dynalite';
test('probe', async () => {
  const d = await startDynalite();
  await d.createTables({ budget: 'b', samples: 's' });
  const t = await d.client.send(new DescribeTableCommand({ TableName: 's' }));
  console.log(JSON.stringify(t.Table?.GlobalSecondaryIndexes), t.Table?.BillingModeSummary);
  await d.stop();
});
