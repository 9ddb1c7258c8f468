// `npm start`: builds the web app if its sources changed, then runs the server (TypeScript via tsx).
import { register } from 'tsx/esm/api';
import { ensureWebBuilt } from './web-build.mjs';

ensureWebBuilt();
register();
await import('../apps/server/src/main.ts');
