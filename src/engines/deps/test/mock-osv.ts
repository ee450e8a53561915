/** @module A stand-in for the OSV service on loopback, for the `--online` tests. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OsvRecord } from '../osv/osv-types.ts';
import { records } from './osv-fixtures.ts';

export interface MockOsv {
  url: string;
  close: () => void;
  bodies: unknown[];
  paths: string[];
}

/**
 * A stand-in for the OSV service on loopback: answers a batch with the ids of every record that
 * names the package (one id a page, so pagination is exercised), and a record by id.
 */
export async function startMockOsv(
  behave: (req: http.IncomingMessage, res: http.ServerResponse) => boolean = () => false,
  served: OsvRecord[] = records,
): Promise<MockOsv> {
  const mock: MockOsv = { url: '', close: () => {}, bodies: [], paths: [] };
  const server = http.createServer((req, res) => {
    mock.paths.push(req.url ?? '');
    if (behave(req, res)) return;
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.method === 'POST' && req.url === '/v1/querybatch') {
        const { queries } = JSON.parse(body) as {
          queries: { package: { ecosystem: string; name: string }; page_token?: string }[];
        };
        mock.bodies.push(JSON.parse(body));
        const results = queries.map((q) => {
          const ids = served
            .filter((r) =>
              r.affected?.some(
                (a) =>
                  a.package?.ecosystem === q.package.ecosystem &&
                  a.package.name.toLowerCase() === q.package.name.toLowerCase(),
              ),
            )
            .map((r) => r.id);
          const page = Number(q.page_token ?? 0);
          const next = page + 1 < ids.length ? String(page + 1) : undefined;
          return ids.length === 0
            ? {}
            : {
                vulns: [{ id: ids[page], modified: '2024-01-01T00:00:00Z' }],
                next_page_token: next,
              };
        });
        res.end(JSON.stringify({ results }));
        return;
      }
      const id = decodeURIComponent(/^\/v1\/vulns\/(.+)$/.exec(req.url ?? '')?.[1] ?? '');
      const record = served.find((r) => r.id === id);
      res.statusCode = record ? 200 : 404;
      res.end(JSON.stringify(record ?? { code: 5, message: 'Bug not found.' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mock.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mock.close = () => server.close();
  return mock;
}
