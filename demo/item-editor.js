// The item editor: one item as plain JSON or DynamoDB JSON; PutItem, UpdateItem and DeleteItem
// with condition and update expressions and their placeholders; GetItem by the key in the text.
import { byId, readJson } from './dom.js';
import { clearErrors, showError } from './errors.js';
import { itemToText, keyOf, textToItem, toJsonSafe } from './values.js';
import { marshall } from '../web/src/index.js';

export function initItemEditor({ db, catalog, tableOf, onWrite }) {
  const format = byId('item-format');
  const text = byId('item-text');
  const condition = byId('item-condition');
  const update = byId('item-update');
  const names = byId('item-names');
  const values = byId('item-values');
  const status = byId('item-status');
  const result = byId('item-result');
  const errorBox = byId('items-error');
  const fields = { item: text, condition, update, names, values, table: byId('items-table') };
  let shownFormat = format.value;

  const keySchema = () => catalog.descriptions.get(tableOf())?.KeySchema ?? [];

  function show(item) {
    text.value = itemToText(item, format.value);
    shownFormat = format.value;
  }

  // The item in the text, in DynamoDB JSON whatever the format shown.
  function readItem() {
    try {
      return textToItem(text.value, format.value);
    } catch (error) {
      throw Object.assign(new Error(`The item is not valid ${format.value === 'plain' ? 'JSON' : 'DynamoDB JSON'}: ${error.message}`),
        { name: error.name === 'SyntaxError' ? 'InvalidJSON' : error.name, field: text });
    }
  }

  function expressionMembers() {
    const input = {};
    if (condition.value.trim()) input.ConditionExpression = condition.value.trim();
    const nameMap = readJson(names);
    if (nameMap) input.ExpressionAttributeNames = nameMap;
    const valueMap = readJson(values);
    if (valueMap) input.ExpressionAttributeValues = format.value === 'plain' ? marshall(valueMap, { removeUndefinedValues: true }) : valueMap;
    return input;
  }

  async function run(operation, build) {
    clearErrors(errorBox);
    status.textContent = '';
    status.className = 'status';
    try {
      const input = build();
      const { $metadata, ...output } = await db[operation[0].toLowerCase() + operation.slice(1)](input);
      status.textContent = `${operation} succeeded`;
      status.className = 'status ok';
      result.textContent = JSON.stringify(toJsonSafe(output), null, 2);
      result.hidden = false;
      if (operation === 'UpdateItem' && output.Attributes) show(output.Attributes);
      if (operation === 'GetItem') {
        if (output.Item) show(output.Item);
        else status.textContent = 'GetItem succeeded: no item has this key';
      }
      if (operation !== 'GetItem') onWrite();
    } catch (error) {
      status.textContent = `${operation} failed`;
      status.className = 'status error';
      result.hidden = true;
      showError(errorBox, error, fields);
    }
  }

  byId('item-put').addEventListener('click', () => run('PutItem', () => ({
    TableName: tableOf(), Item: readItem(), ReturnValues: 'ALL_OLD', ...expressionMembers(),
  })));
  byId('item-update-button').addEventListener('click', () => run('UpdateItem', () => ({
    TableName: tableOf(),
    Key: keyOf(readItem(), keySchema()),
    ...(update.value.trim() ? { UpdateExpression: update.value.trim() } : {}),
    ReturnValues: 'ALL_NEW',
    ...expressionMembers(),
  })));
  byId('item-delete').addEventListener('click', () => run('DeleteItem', () => ({
    TableName: tableOf(), Key: keyOf(readItem(), keySchema()), ReturnValues: 'ALL_OLD', ...expressionMembers(),
  })));
  byId('item-get').addEventListener('click', () => run('GetItem', () => ({
    TableName: tableOf(), Key: keyOf(readItem(), keySchema()),
  })));
  byId('item-new').addEventListener('click', () => {
    const template = {};
    const types = Object.fromEntries((catalog.descriptions.get(tableOf())?.AttributeDefinitions ?? []).map((d) => [d.AttributeName, d.AttributeType]));
    for (const { AttributeName } of keySchema()) {
      const type = types[AttributeName] ?? 'S';
      template[AttributeName] = { [type]: type === 'N' ? '0' : '' };
    }
    show(template);
  });
  // Switching format converts the text shown.
  format.addEventListener('change', () => {
    if (!text.value.trim()) { shownFormat = format.value; return; }
    clearErrors(errorBox);
    try {
      const item = textToItem(text.value, shownFormat);
      show(item);
    } catch (error) {
      format.value = shownFormat;
      showError(errorBox, Object.assign(error, { field: text }), fields);
    }
  });

  return { show };
}
