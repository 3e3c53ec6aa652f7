// The remote DynamoDB as one function, call(operation, input) -> output: through the methods of
// an aggregated client (@aws-sdk/client-dynamodb's DynamoDB, or a PocketDynamo database), or
// through send() of a DynamoDBClient (or a lib-dynamodb DynamoDBDocumentClient, which passes
// low-level commands through) with the command classes the app passes (PocketDynamo does not
// import the AWS SDK: the app already has it, in the version it chose).
export function remoteCaller(remote, commands) {
  if (remote === null || typeof remote !== 'object') throw new TypeError('db.sync: remote must be a DynamoDB client');
  if (typeof remote.putItem === 'function') {
    return (operation, input) => remote[operation[0].toLowerCase() + operation.slice(1)](input);
  }
  if (typeof remote.send === 'function' && commands && typeof commands.PutItemCommand === 'function') {
    return (operation, input) => remote.send(new commands[`${operation}Command`](input));
  }
  throw new TypeError("db.sync: remote must be an aggregated DynamoDB client (new DynamoDB(config)) or a DynamoDBClient with commands (import * as commands from '@aws-sdk/client-dynamodb')");
}
