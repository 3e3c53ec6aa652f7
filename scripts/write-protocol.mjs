// Writes web/dist/protocol.js from the built engine module: the engine's operation table and
// error kinds (Engine.protocol(), from core/api/operation_table.cpp and core/model/error_kinds.cpp)
// as an ES module, so the package reads them at import time and keeps no list of its own.
// Run by scripts/build.sh after the wasm build; tests/wasm/protocol.test.mjs checks it is current.
import fs from 'node:fs';

const dist = new URL('../web/dist/', import.meta.url);
const { default: createPocketDynamoModule } = await import(new URL('pocketdynamo.js', dist));
const module = await createPocketDynamoModule({ wasmBinary: fs.readFileSync(new URL('pocketdynamo.wasm', dist)) });
const tables = JSON.parse(module.Engine.protocol());
const text = `// Written by scripts/write-protocol.mjs from the engine's Engine.protocol(): do not edit.
export default ${JSON.stringify(tables, null, 2)};
`;
fs.writeFileSync(new URL('protocol.js', dist), text);
