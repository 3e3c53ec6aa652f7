// paginateQuery / paginateScan: async generators that follow LastEvaluatedKey, like the SDK's.
// With a DynamoDBDocumentClient they page DocumentClient commands (plain values); with a database,
// low-level ones (attribute values).
import { LowLevelQueryCommand, LowLevelScanCommand } from '../commands.js';
import { Database } from '../database.js';
import { DynamoDBDocumentClient } from './client.js';
import { QueryCommand, ScanCommand } from './commands.js';

function createPaginator(DocumentCommand, ClientCommand) {
  return async function* paginate(config, input, ...additionalArguments) {
    const isDocument = config.client instanceof DynamoDBDocumentClient;
    if (!isDocument && !(config.client instanceof Database)) {
      throw new Error('Invalid client, expected instance of DynamoDBDocumentClient or a PocketDynamo database');
    }
    const Command = isDocument ? DocumentCommand : ClientCommand;
    let token = config.startingToken ?? input.ExclusiveStartKey;
    let hasNext = true;
    while (hasNext) {
      // The caller's input is left alone (the SDK writes the token into it).
      let command = new Command({ ...input, ExclusiveStartKey: token, Limit: input.Limit ?? config.pageSize });
      command = config.withCommand?.(command) ?? command;
      const page = await config.client.send(command, ...additionalArguments);
      yield page;
      const previous = token;
      token = page?.LastEvaluatedKey;
      hasNext = Boolean(token && (!config.stopOnSameToken || token !== previous));
    }
    return undefined;
  };
}

export const paginateQuery = createPaginator(QueryCommand, LowLevelQueryCommand);
export const paginateScan = createPaginator(ScanCommand, LowLevelScanCommand);
