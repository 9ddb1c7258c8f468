#!/usr/bin/env node
// The baseline of throughput.mjs: a bare Fastify 5 server (the same fastify the Sahayak server uses,
// resolved from apps/server) with one route returning a small JSON. No plugins, no logger.
//   PORT=3412 node bench/bare-fastify.mjs      → GET /hello  {"hello":"world"}
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(new URL('../apps/server/package.json', import.meta.url));
const fastifyPath = require.resolve('fastify');
const { default: Fastify } = await import(pathToFileURL(fastifyPath).href);
const version = require('fastify/package.json').version;

const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ port: Number(process.env.PORT ?? 3412), host: '127.0.0.1' });
console.log(`bare fastify ${version} listening on 127.0.0.1:${process.env.PORT ?? 3412}`);
const stop = () => app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
