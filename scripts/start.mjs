// `npm start`: build the web app and the server bundle if their sources changed, then run
// `keel serve` (web + worker) from the bundle in this process.
import { pathToFileURL } from 'node:url';
import { ensureServerBuilt } from './server-build.mjs';
import { ensureWebBuilt } from './web-build.mjs';

ensureWebBuilt();
const entry = await ensureServerBuilt();
process.argv = [process.argv[0], 'keel', 'serve', ...process.argv.slice(2)];
await import(pathToFileURL(entry).href);
