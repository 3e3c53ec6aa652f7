// The list of tables and their descriptions, shared by the panels; fires 'change' when it moves.
export class Catalog extends EventTarget {
  #db;
  names = [];
  descriptions = new Map();

  constructor(db) {
    super();
    this.#db = db;
  }

  /** Re-reads every table name (following LastEvaluatedTableName) and description. */
  async refresh() {
    const names = [];
    let start;
    do {
      const page = await this.#db.listTables({ ExclusiveStartTableName: start });
      names.push(...page.TableNames);
      start = page.LastEvaluatedTableName;
    } while (start);
    const descriptions = new Map();
    for (const name of names) descriptions.set(name, (await this.#db.describeTable({ TableName: name })).Table);
    this.names = names;
    this.descriptions = descriptions;
    this.dispatchEvent(new Event('change'));
  }

  /** A fresh description of one table (item count and size move with every write). */
  async describe(name) {
    const { Table } = await this.#db.describeTable({ TableName: name });
    this.descriptions.set(name, Table);
    return Table;
  }

  /** The table and its indexes as [{ value, label, keySchema }], the table first. */
  indexesOf(name) {
    const table = this.descriptions.get(name);
    if (!table) return [];
    const indexes = [...(table.GlobalSecondaryIndexes ?? []).map((index) => ['GSI', index]),
      ...(table.LocalSecondaryIndexes ?? []).map((index) => ['LSI', index])];
    return [
      { value: '', label: `(table) ${keyText(table.KeySchema)}`, keySchema: table.KeySchema },
      ...indexes.map(([kind, index]) => ({
        value: index.IndexName, label: `${kind} ${index.IndexName} ${keyText(index.KeySchema)}`, keySchema: index.KeySchema,
      })),
    ];
  }
}

/** "Artist, SongTitle" style key text: partition key, then sort key. */
export const keyText = (keySchema = []) => keySchema.map((key) => `${key.AttributeName}${key.KeyType === 'HASH' ? ' (PK)' : ' (SK)'}`).join(', ');
