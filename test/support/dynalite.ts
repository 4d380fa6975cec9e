/** Tests start the same embedded DynamoDB stand-in (dynalite) that the local stack uses. */
export { LOCAL_AWS, createTableInput, startDynalite, type LocalDynamo } from '../../local/dynamo/embedded-dynamodb';
