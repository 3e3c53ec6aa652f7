// The fixture app for esbuild, which does not copy files named by new URL(..., import.meta.url):
// the one documented line, an import of the wasm (with esbuild's `loader: { '.wasm': 'file' }`)
// passed as wasmUrl.
import wasmUrl from 'pocketdynamo/dist/pocketdynamo.wasm';
import { notesApp, report } from './notes.js';

report(notesApp({ wasmUrl }));
