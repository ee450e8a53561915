/**
 * @module An alert webhook receiver on loopback for tests and benches: records every delivery
 * (parsed body, signature, when it arrived), and can answer slowly or with an error.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedAlert {
  at: number;
  event: string;
  monitorId: string | null;
  incidentId: string | null;
  deliveryId: string | null;
  body: Record<string, unknown>;
  signature: string | undefined;
  /** The request's path and query, as the receiver saw them. */
  path: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedAlert[];
  close(): Promise<void>;
}

/** `failFirst`: answers 500 to that many requests (each still recorded), then 200. */
export async function startWebhookReceiver(
  options: { failFirst?: number } = {},
): Promise<WebhookReceiver> {
  const received: ReceivedAlert[] = [];
  let failuresLeft = options.failFirst ?? 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
      } catch {
        // Not JSON: recorded with an empty body.
      }
      const monitor = body.monitor as { id?: string } | null | undefined;
      received.push({
        at,
        event: typeof body.event === 'string' ? body.event : '',
        monitorId: monitor?.id ?? null,
        incidentId: (body.incidentId as string | null | undefined) ?? null,
        deliveryId: (req.headers['x-keel-delivery'] as string | undefined) ?? null,
        body,
        signature: req.headers['x-keel-signature'] as string | undefined,
        path: req.url ?? '',
      });
      if (failuresLeft > 0) {
        failuresLeft--;
        res.statusCode = 500;
        res.end('failing');
        return;
      }
      res.end('ok');
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
