/**
 * @module Misbehaving targets on loopback for monitoring tests: an HTTP server with one path per
 * fault (slow, reset, huge body, redirect loop, garbage), an HTTPS server with a self-signed
 * certificate made by openssl, and a closed port. Nothing leaves this machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface Targets {
  http: string;
  https: string;
  garbage: string;
  closedPort: number;
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** A self-signed certificate for `localhost`, valid for `days` days. */
export function selfSignedCert(days = 365): { key: string; cert: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'keel-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
        '-days',
        String(days),
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(path.join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function handler(hits: Map<string, number>): http.RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    switch (url.pathname) {
      case '/ok':
        res.end('all good: healthy');
        return;
      case '/json':
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ status: 'ok', db: { latencyMs: 12 }, items: [{ id: 'a' }] }));
        return;
      case '/status/503':
        res.statusCode = 503;
        res.end('maintenance');
        return;
      case '/slow':
        setTimeout(() => res.end('late'), Number(url.searchParams.get('ms') ?? 3000)).unref();
        return;
      case '/reset':
        req.socket.resetAndDestroy();
        return;
      case '/huge': {
        res.setHeader('content-type', 'text/plain');
        const chunk = Buffer.alloc(64 * 1024, 'x');
        let sent = 0;
        const write = () => {
          while (sent < 8 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', write);
          }
          res.end();
        };
        res.on('error', () => undefined);
        write();
        return;
      }
      case '/loop':
        res.statusCode = 302;
        res.setHeader('location', '/loop2');
        res.end();
        return;
      case '/loop2':
        res.statusCode = 302;
        res.setHeader('location', '/loop');
        res.end();
        return;
      case '/redirect':
        res.statusCode = 301;
        res.setHeader('location', url.searchParams.get('to') ?? '/ok');
        res.end();
        return;
      default:
        res.statusCode = 404;
        res.end('not found');
    }
  };
}

const listen = (server: net.Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  );

export async function startTargets(): Promise<Targets> {
  const hits = new Map<string, number>();
  const plain = http.createServer(handler(hits));
  const secure = https.createServer(selfSignedCert(), handler(hits));
  // Speaks no HTTP at all: a line of noise, then closes.
  const garbage = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.end('\x00\x01 this is not http \xff\r\n\r\n');
  });
  const closed = net.createServer();
  const closedPort = await listen(closed);
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const [httpPort, httpsPort, garbagePort] = await Promise.all([
    listen(plain),
    listen(secure),
    listen(garbage),
  ]);
  const servers = [plain, secure, garbage];
  const sockets = new Set<net.Socket>();
  for (const server of servers)
    server.on('connection', (socket: net.Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
  return {
    http: `http://127.0.0.1:${httpPort}`,
    https: `https://localhost:${httpsPort}`,
    garbage: `http://127.0.0.1:${garbagePort}`,
    closedPort,
    hits,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(
        servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))),
      );
    },
  };
}
