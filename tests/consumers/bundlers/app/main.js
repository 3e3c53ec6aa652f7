// The fixture app for Vite and webpack: no option about pocketdynamo anywhere.
import { notesApp, report } from './notes.js';

report(notesApp());
