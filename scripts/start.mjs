// `npm start`: build the web app if needed, then run `keel serve` (web + worker) in this process.
import { ensureWebBuilt } from './web-build.mjs';

ensureWebBuilt();
process.argv = [process.argv[0], 'keel', 'serve', ...process.argv.slice(2)];
await import('../bin/keel.mjs');
