// The Tables tab: list, describe (keys, indexes, item count, size), delete, and create from a
// form or from a pasted `aws dynamodb create-table` command.
import { parseCreateTableCommand } from './cli-parse.js';
import { keyText } from './catalog.js';
import { byId, h } from './dom.js';
import { clearErrors, showError } from './errors.js';
import { formatBytes } from './format.js';

export function initTablesPanel({ db, catalog, navigate }) {
  const list = byId('table-list');
  const describeBox = byId('table-describe');
  const errorBox = byId('tables-error');
  const cliCommand = byId('cli-command');
  const cliRequest = byId('cli-request');
  let described = null;

  const fail = (error, fields) => showError(errorBox, error, fields);

  function renderList() {
    if (catalog.names.length === 0) {
      list.replaceChildren(h('li', { className: 'muted' }, 'No tables yet: create one, or load the sample data.'));
      return;
    }
    list.replaceChildren(...catalog.names.map((name) => {
      const remove = h('button', { type: 'button', className: 'small danger', dataset: { action: 'delete' } }, 'Delete');
      remove.addEventListener('click', () => {
        if (remove.dataset.armed !== 'yes') { // two clicks, no modal dialog
          remove.dataset.armed = 'yes';
          remove.textContent = `Really delete ${name}?`;
          setTimeout(() => { remove.dataset.armed = ''; remove.textContent = 'Delete'; }, 5000);
          return;
        }
        deleteTable(name);
      });
      return h('li', { dataset: { table: name } },
        h('button', { type: 'button', className: 'link', onclick: () => describe(name) }, name),
        h('span', { className: 'actions' },
          h('button', { type: 'button', className: 'small', onclick: () => navigate('items', { table: name }) }, 'Items'),
          h('button', { type: 'button', className: 'small', onclick: () => navigate('query', { table: name }) }, 'Query'),
          remove));
    }));
  }

  async function describe(name) {
    clearErrors(errorBox);
    try {
      const table = await catalog.describe(name);
      described = name;
      describeBox.replaceChildren(renderDescription(table));
    } catch (error) {
      fail(error);
    }
  }

  async function deleteTable(name) {
    clearErrors(errorBox);
    try {
      await db.deleteTable({ TableName: name });
      if (described === name) { described = null; describeBox.replaceChildren(); }
      await catalog.refresh();
    } catch (error) {
      fail(error);
    }
  }

  async function create(request, fields) {
    clearErrors(errorBox);
    try {
      await db.createTable(request);
      await catalog.refresh();
      await describe(request.TableName);
      return true;
    } catch (error) {
      fail(error, fields);
      return false;
    }
  }

  // ---- pasted command
  const cliFields = new Proxy({}, { get: () => cliCommand }); // every error is about the command
  function parsePasted() {
    try {
      const request = parseCreateTableCommand(cliCommand.value);
      cliRequest.textContent = JSON.stringify(request, null, 2);
      cliRequest.hidden = false;
      return request;
    } catch (error) {
      cliRequest.hidden = true;
      fail(error, cliFields);
      return null;
    }
  }
  byId('cli-preview').addEventListener('click', () => { clearErrors(errorBox); parsePasted(); });
  byId('cli-create').addEventListener('click', async () => {
    clearErrors(errorBox);
    const request = parsePasted();
    if (request) await create(request, cliFields);
  });

  // ---- form
  const value = (id) => byId(id).value.trim();
  byId('create-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const definitions = new Map();
    const key = (name, type, keyType) => {
      definitions.set(name, type);
      return { AttributeName: name, KeyType: keyType };
    };
    const keySchema = [key(value('create-pk'), value('create-pk-type'), 'HASH')];
    if (value('create-sk')) keySchema.push(key(value('create-sk'), value('create-sk-type'), 'RANGE'));
    const billing = value('create-billing-mode');
    const throughput = { ReadCapacityUnits: Number(value('create-rcu')), WriteCapacityUnits: Number(value('create-wcu')) };
    const request = { TableName: value('create-name'), KeySchema: keySchema, BillingMode: billing };
    if (billing === 'PROVISIONED') request.ProvisionedThroughput = throughput;
    if (value('create-gsi-name')) {
      const indexKeys = [key(value('create-gsi-pk'), value('create-gsi-pk-type'), 'HASH')];
      if (value('create-gsi-sk')) indexKeys.push(key(value('create-gsi-sk'), value('create-gsi-sk-type'), 'RANGE'));
      request.GlobalSecondaryIndexes = [{
        IndexName: value('create-gsi-name'),
        KeySchema: indexKeys,
        Projection: { ProjectionType: value('create-gsi-projection') },
        ...(billing === 'PROVISIONED' ? { ProvisionedThroughput: throughput } : {}),
      }];
    }
    request.AttributeDefinitions = [...definitions].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
    await create(request, {
      table: byId('create-name'), keys: byId('create-keys'), billing: byId('create-billing'), indexes: byId('create-gsi'),
    });
  });

  byId('tables-refresh').addEventListener('click', () => catalog.refresh().catch(fail));
  catalog.addEventListener('change', () => {
    renderList();
    if (described && catalog.descriptions.has(described)) {
      describeBox.replaceChildren(renderDescription(catalog.descriptions.get(described)));
    }
  });
  renderList();
}

function renderDescription(table) {
  const billing = table.BillingModeSummary?.BillingMode ?? 'PROVISIONED';
  const throughput = (t) => (t && (t.ReadCapacityUnits || t.WriteCapacityUnits) ? `${t.ReadCapacityUnits} read / ${t.WriteCapacityUnits} write units` : '');
  const types = Object.fromEntries((table.AttributeDefinitions ?? []).map((d) => [d.AttributeName, d.AttributeType]));
  const keys = (schema) => (schema ?? []).map((k) => `${k.AttributeName} (${types[k.AttributeName] ?? '?'}, ${k.KeyType === 'HASH' ? 'partition' : 'sort'} key)`).join(', ');
  const indexes = [
    ...(table.GlobalSecondaryIndexes ?? []).map((index) => ['global', index]),
    ...(table.LocalSecondaryIndexes ?? []).map((index) => ['local', index]),
  ];
  const projection = (p) => (p?.ProjectionType === 'INCLUDE' ? `INCLUDE ${p.NonKeyAttributes.join(', ')}` : p?.ProjectionType ?? '');
  return h('div', { dataset: { table: table.TableName } },
    h('h3', {}, table.TableName, ' ', h('span', { className: 'badge' }, table.TableStatus)),
    h('dl', { className: 'facts' },
      h('dt', {}, 'Primary key'), h('dd', { className: 'describe-keys' }, keys(table.KeySchema)),
      h('dt', {}, 'Items'), h('dd', { className: 'describe-count' }, String(table.ItemCount ?? 0)),
      h('dt', {}, 'Size'), h('dd', { className: 'describe-size' }, formatBytes(table.TableSizeBytes ?? 0)),
      h('dt', {}, 'Capacity'), h('dd', {}, billing === 'PAY_PER_REQUEST' ? 'on demand' : `provisioned, ${throughput(table.ProvisionedThroughput)}`),
      h('dt', {}, 'Created'), h('dd', {}, table.CreationDateTime ? new Date(table.CreationDateTime).toLocaleString() : ''),
      h('dt', {}, 'ARN'), h('dd', { className: 'muted' }, table.TableArn ?? ''),
      table.StreamSpecification?.StreamEnabled ? [h('dt', {}, 'Stream'), h('dd', {}, table.StreamSpecification.StreamViewType)] : null,
      table.DeletionProtectionEnabled ? [h('dt', {}, 'Deletion protection'), h('dd', {}, 'on')] : null),
    indexes.length === 0 ? h('p', { className: 'muted' }, 'No secondary indexes.') : h('table', { className: 'grid describe-indexes' },
      h('thead', {}, h('tr', {}, ...['Index', 'Kind', 'Key', 'Projection', 'Items', 'Size'].map((title) => h('th', {}, title)))),
      h('tbody', {}, ...indexes.map(([kind, index]) => h('tr', {},
        h('td', {}, index.IndexName), h('td', {}, kind), h('td', {}, keyText(index.KeySchema)),
        h('td', {}, projection(index.Projection)), h('td', {}, String(index.ItemCount ?? 0)),
        h('td', {}, formatBytes(index.IndexSizeBytes ?? 0)))))));
}
