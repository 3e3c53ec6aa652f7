// DynamoDBDocumentClient / DynamoDBDocument, as in @aws-sdk/lib-dynamodb: marshall the members
// of the input that hold values, send the low-level command, unmarshall the output's values.
import { settle } from '../callback.js';
import {
  BatchExecuteStatementCommand, BatchGetCommand, BatchWriteCommand, DeleteCommand, DynamoDBDocumentClientCommand,
  ExecuteStatementCommand, ExecuteTransactionCommand, GetCommand, PutCommand, QueryCommand, ScanCommand,
  TransactGetCommand, TransactWriteCommand, UpdateCommand,
} from './commands.js';
import { marshallInput, unmarshallOutput } from './key-nodes.js';
import { binariesAsBase64, markWireInput, takesWireInput } from '../wire.js';
import { readDocument, readsDocuments } from '../database.js';
import { takesDocumentForm } from './document-reads.js';
import { documentStreamOptions } from '../streams/document.js';

export class DynamoDBDocumentClient {
  #client;

  /**
   * @param {{ send(command: object, options?: object): Promise<object> }} client an open database
   * @param {{ marshallOptions?: object, unmarshallOptions?: object }} [translateConfig]
   */
  constructor(client, translateConfig) {
    if (typeof client?.send !== 'function') {
      throw new TypeError('DynamoDBDocumentClient.from() expects an open PocketDynamo database');
    }
    this.#client = client;
    this.config = { translateConfig };
  }

  /** Same as the constructor, like the SDK's `DynamoDBDocumentClient.from(client, translateConfig)`. */
  static from(client, translateConfig) {
    return new this(client, translateConfig);
  }

  /** Runs a DocumentClient command (PutCommand, ...) or a low-level one (PutItemCommand, ...). */
  send(command, optionsOrCb, cb) {
    const options = typeof optionsOrCb === 'object' ? optionsOrCb : undefined;
    return settle(this.#read(command, options) ?? this.#send(command, options), optionsOrCb, cb);
  }

  /** Nothing to release: the database is closed with its own close(). */
  destroy() {}

  /** The database's subscribe, with records in plain JS (this client's unmarshallOptions). */
  subscribe(tableName, handler, options) {
    return this.#client.subscribe(tableName, handler, documentStreamOptions(this.#client, this.config.translateConfig, options));
  }

  /** The database's streamRecords, with records in plain JS (this client's unmarshallOptions). */
  streamRecords(tableName, options) {
    return this.#client.streamRecords(tableName, documentStreamOptions(this.#client, this.config.translateConfig, options));
  }

  // get, query and scan on a database in this thread: the same steps as #send, but the engine
  // answers in document form, so no value is unmarshalled (document-reads.js). Undefined when
  // this read cannot go that way (other commands, clients, tabs and worker mode, wrapNumbers).
  #read(command, options) {
    const Command = command?.constructor;
    if (Command !== GetCommand && Command !== QueryCommand && Command !== ScanCommand) return undefined;
    if (this.#client[readsDocuments] !== true) return undefined;
    const { marshallOptions = {}, unmarshallOptions = {} } = this.config.translateConfig ?? {};
    if (!takesDocumentForm(unmarshallOptions)) return undefined;
    let input;
    try {
      // In wire form already (binaries as base64 text): readDocument writes it without a walk.
      input = marshallInput(command.input, command.inputKeyNodes, {
        ...marshallOptions,
        convertTopLevelContainer: marshallOptions.convertTopLevelContainer ?? true,
        [binariesAsBase64]: true,
      });
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#client[readDocument](Command.clientCommand.operation, input, options, command.outputKeyNodes);
  }

  async #send(command, options) {
    // Document commands carry their key nodes (ours, and also @aws-sdk/lib-dynamodb's).
    const ClientCommand = command instanceof DynamoDBDocumentClientCommand
      ? command.constructor.clientCommand
      : command?.inputKeyNodes && command.clientCommand?.constructor;
    if (!ClientCommand) return this.#client.send(command, options);
    const { marshallOptions = {}, unmarshallOptions = {} } = this.config.translateConfig ?? {};
    // The DocumentClient's defaults: marshall each value on its own, unmarshall without the map wrapper.
    // A PocketDynamo database takes the input in wire form, so this one walk is the only one.
    const wire = this.#client[takesWireInput] === true;
    const input = marshallInput(command.input, command.inputKeyNodes, {
      ...marshallOptions,
      convertTopLevelContainer: marshallOptions.convertTopLevelContainer ?? true,
      [binariesAsBase64]: wire,
    });
    if (wire) markWireInput(input);
    const output = await this.#client.send(new ClientCommand(input), options);
    return unmarshallOutput(output, command.outputKeyNodes,
      { ...unmarshallOptions, convertWithoutMapWrapper: unmarshallOptions.convertWithoutMapWrapper ?? true });
  }
}

/** DynamoDBDocumentClient with one promise method per command: put, get, update, ... */
export class DynamoDBDocument extends DynamoDBDocumentClient {}

const METHODS = {
  batchExecuteStatement: BatchExecuteStatementCommand,
  batchGet: BatchGetCommand,
  batchWrite: BatchWriteCommand,
  delete: DeleteCommand,
  executeStatement: ExecuteStatementCommand,
  executeTransaction: ExecuteTransactionCommand,
  get: GetCommand,
  put: PutCommand,
  query: QueryCommand,
  scan: ScanCommand,
  transactGet: TransactGetCommand,
  transactWrite: TransactWriteCommand,
  update: UpdateCommand,
};

for (const [method, Command] of Object.entries(METHODS)) {
  Object.defineProperty(DynamoDBDocument.prototype, method, {
    value: function (args, optionsOrCb, cb) { return this.send(new Command(args), optionsOrCb, cb); },
    writable: true,
    configurable: true,
  });
}
