// The module the writer thread runs (platform/writer.ts): the commands of every domain that run there.
import { type MainHost, type WriterData, writerHandlers } from './platform/writer.js';
import { writerCommands as tickets } from './tickets/commands.js';

export function createHandlers(data: WriterData, host: MainHost) {
  return writerHandlers(data, host, { ...tickets });
}
