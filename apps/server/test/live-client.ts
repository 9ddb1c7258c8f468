// A browser's /api/v1/live WebSocket for tests: opens it with a cookie, keeps what arrives, waits for a match.
import WebSocket from 'ws';

export interface LiveMessage {
  type: string;
  data: Record<string, unknown>;
}

export interface LiveClient {
  received: LiveMessage[];
  waitFor(match: (m: LiveMessage) => boolean, ms?: number): Promise<LiveMessage>;
  /** Sends a message up the socket, as the browser does for presence. */
  send(message: LiveMessage): void;
  close(): Promise<void>;
  onClose(listener: (code: number) => void): void;
}

export type Opened = { status: 101; client: LiveClient } | { status: number; body: string };

/** Opens /api/v1/live as a browser would; resolves with the client, or the status and body of the refusal. */
export function openLive(baseUrl: string, cookie?: string): Promise<Opened> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/live`, {
    headers: cookie ? { cookie } : {},
  });
  const received: LiveMessage[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (raw) => {
    received.push(JSON.parse(raw.toString()) as LiveMessage);
    for (const w of [...waiters]) w();
  });
  const client: LiveClient = {
    received,
    waitFor(match, ms = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching live message in ${ms} ms; received ${JSON.stringify(received)}`));
        }, ms);
        const check = () => {
          const found = received.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        waiters.add(check);
        check();
      });
    },
    send: (message) => socket.send(JSON.stringify(message)),
    onClose: (listener) => {
      socket.once('close', (code) => listener(code));
    },
    close: () =>
      new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ status: 101, client }));
    socket.once('unexpected-response', (_req, res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => {
        socket.terminate();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    socket.once('error', reject);
  });
}

export async function connectLive(baseUrl: string, cookie: string): Promise<LiveClient> {
  const opened = await openLive(baseUrl, cookie);
  if (!('client' in opened)) throw new Error(`live socket refused: ${opened.status} ${opened.body}`);
  return opened.client;
}
