// The Console tab: send any request, in DynamoDB JSON, to the engine in this page and show
// DynamoDB's answer (or its error: exception name and message).
import { byId } from './dom.js';
import { examples } from './examples.js';
import { toJsonSafe } from './values.js';

export function initConsolePanel({ db, onWrite }) {
  const operation = byId('operation');
  const request = byId('request');
  const status = byId('status');
  const response = byId('response');

  for (const name of Object.keys(examples)) operation.add(new Option(name, name));
  const showExample = () => (request.value = JSON.stringify(examples[operation.value], null, 2));
  operation.addEventListener('change', showExample);
  byId('example').addEventListener('click', showExample);
  showExample();
  status.textContent = 'Ready';

  function show(kind, title, body) {
    status.className = kind;
    status.textContent = title;
    response.textContent = JSON.stringify(toJsonSafe(body), null, 2);
  }

  byId('run').addEventListener('click', async () => {
    let input;
    try {
      input = JSON.parse(request.value);
    } catch (error) {
      show('error', 'The request is not valid JSON', { message: error.message });
      return;
    }
    const method = operation.value[0].toLowerCase() + operation.value.slice(1);
    try {
      const { $metadata, ...output } = await db[method](input);
      show('ok', `${operation.value} succeeded`, output);
      if (!/^(Get|Describe|List|Query|Scan|BatchGet|TransactGet)/.test(operation.value)) onWrite();
    } catch (error) {
      show('error', error.name, { name: error.name, message: error.message });
    }
  });
}
