// Shows errors as DynamoDB reports them (exception name, then message) in a panel's error box,
// and again next to the form field at fault when the message names it.
import { h } from './dom.js';

// Which field a message is about, most specific first. Keys are the field names panels register.
const RULES = [
  [/^Invalid (KeyConditionExpression)/, 'keyCondition'],
  [/^Invalid (FilterExpression)/, 'filter'],
  [/^Invalid (ProjectionExpression)/, 'projection'],
  [/^Invalid (ConditionExpression)/, 'condition'],
  [/^Invalid (UpdateExpression)/, 'update'],
  [/KeyConditionExpression|Query condition missed key schema element|Query key condition/i, 'keyCondition'],
  [/FilterExpression/, 'filter'],
  [/ProjectionExpression/, 'projection'],
  [/UpdateExpression/, 'update'],
  [/ConditionExpression/, 'condition'],
  [/ExpressionAttributeNames|expression attribute name/i, 'names'],
  [/ExpressionAttributeValues|expression attribute value/i, 'values'],
  [/specified index|IndexName|index name/i, 'index'],
  [/\bLimit\b|limit/, 'limit'],
  [/key element does not match the schema|Missing the key|item size|Item size|Type mismatch for key|key attribute/i, 'item'],
  [/AttributeDefinitions|KeySchema|attribute definition|key schema|Hash Key|Range Key/i, 'keys'],
  [/GlobalSecondaryIndex|LocalSecondaryIndex|secondary index/i, 'indexes'],
  [/ProvisionedThroughput|BillingMode|ReadCapacityUnits|WriteCapacityUnits|capacity/i, 'billing'],
  [/TableName|table name/i, 'table'],
];

const BY_NAME = {
  ResourceNotFoundException: 'table',
  ResourceInUseException: 'table',
  ConditionalCheckFailedException: 'condition',
};

/** The registered field a DynamoDB error is about, or undefined. */
export function fieldOf(error, fields) {
  if (error?.field) return error.field;
  const message = String(error?.message ?? '');
  for (const [pattern, key] of RULES) if (pattern.test(message) && fields[key]) return fields[key];
  const key = BY_NAME[error?.name];
  return key && fields[key] ? fields[key] : undefined;
}

/** The exception name as DynamoDB gives it (the SDK's error.name). */
export const exceptionName = (error) => error?.name ?? 'Error';

/**
 * @param {HTMLElement} box the panel's error area
 * @param {unknown} error
 * @param {Record<string, HTMLElement>} [fields] field key -> input element
 */
export function showError(box, error, fields = {}) {
  clearErrors(box);
  const name = exceptionName(error);
  const message = error?.message ?? String(error);
  box.replaceChildren(h('strong', { className: 'exception' }, name), h('span', { className: 'message' }, message));
  box.hidden = false;
  const field = fieldOf(error, fields);
  if (field) {
    field.classList.add('at-fault');
    field.setAttribute('aria-invalid', 'true');
    const note = h('div', { className: 'field-error', role: 'alert' }, h('strong', {}, name), ' ', message);
    field.insertAdjacentElement('afterend', note);
    box.dataset.field = field.id;
  }
}

/** Removes a panel's error box content and the notes next to its fields. */
export function clearErrors(box) {
  box.hidden = true;
  box.replaceChildren();
  delete box.dataset.field;
  const panel = box.closest('section') ?? document;
  for (const note of panel.querySelectorAll('.field-error')) note.remove();
  for (const field of panel.querySelectorAll('.at-fault')) {
    field.classList.remove('at-fault');
    field.removeAttribute('aria-invalid');
  }
}
