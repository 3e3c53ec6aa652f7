// The playground: send any request to the engine in this page and show DynamoDB's answer.
import { PocketDynamo } from '../web/src/index.js';
import { examples } from './examples.js';

const operation = document.getElementById('operation');
const request = document.getElementById('request');
const status = document.getElementById('status');
const response = document.getElementById('response');

for (const name of Object.keys(examples)) operation.add(new Option(name, name));
const showExample = () => (request.value = JSON.stringify(examples[operation.value], null, 2));
operation.addEventListener('change', showExample);
document.getElementById('example').addEventListener('click', showExample);
showExample();

const db = await PocketDynamo.open({ name: 'playground', storage: 'memory' });
status.textContent = 'Ready';

function show(kind, title, body) {
  status.className = kind;
  status.textContent = title;
  response.textContent = JSON.stringify(body, null, 2);
}

document.getElementById('run').addEventListener('click', async () => {
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
  } catch (error) {
    show('error', error.name, { name: error.name, message: error.message });
  }
});
