// `npm start`: builds the web app and the server's JavaScript if their sources changed, then runs the
// server.
import { ensureServerBuilt } from './server-build.mjs';
import { ensureWebBuilt } from './web-build.mjs';

ensureWebBuilt();
await ensureServerBuilt();
await import('../apps/server/dist/main.js');
