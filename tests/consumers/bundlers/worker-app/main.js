// The README's worker: the page asks the worker for a query and reports the answer.
const worker = new Worker(new URL('./db-worker.js', import.meta.url), { type: 'module' });
worker.onmessage = ({ data }) => { window.fixtureResult = data.error ? { ok: false, error: data.error } : { ok: true, texts: data.Items.map((note) => note.text) }; };
worker.onerror = (event) => { window.fixtureResult = { ok: false, error: event.message }; };
worker.postMessage({ TableName: 'Notes', KeyConditionExpression: 'id = :id', ExpressionAttributeValues: { ':id': '1' } });
