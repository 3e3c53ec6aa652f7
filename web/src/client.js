// pocketdynamo/client: the low-level surface, named as in @aws-sdk/client-dynamodb (QueryCommand
// and ScanCommand here take and return attribute values). Use with db.send(command).
export * from './shared-exports.js';
export {
  LowLevelQueryCommand as QueryCommand, LowLevelScanCommand as ScanCommand,
  LowLevelExecuteStatementCommand as ExecuteStatementCommand,
  LowLevelBatchExecuteStatementCommand as BatchExecuteStatementCommand,
  LowLevelExecuteTransactionCommand as ExecuteTransactionCommand,
} from './commands.js';
