/**
 * @module Test helper: a git smart-HTTP server on loopback (git's own `git http-backend` run as a
 * CGI script) that asks for HTTP Basic auth and accepts one password, for tests of cloning a
 * private repository with an access token.
 */
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GitHttpServer {
  /** `http://127.0.0.1:<port>/`; append the repository's folder name. */
  url: string;
  /** Authorization headers the server received, for the tests to inspect. */
  authorizations: string[];
  close: () => Promise<void>;
}

/** Serves every repository under `projectRoot`; only requests with `password` get through. */
export async function startGitHttpServer(
  projectRoot: string,
  password: string,
): Promise<GitHttpServer> {
  const authorizations: string[] = [];
  const server = createServer((request, response) => {
    const header = request.headers.authorization ?? '';
    authorizations.push(header);
    const given = Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8');
    if (!header.startsWith('Basic ') || given.slice(given.indexOf(':') + 1) !== password) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' }).end();
      return;
    }
    runBackend(projectRoot, request, response);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    authorizations,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** Runs `git http-backend` as CGI: request body in, CGI headers then the body out. */
function runBackend(projectRoot: string, request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const backend = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH,
      GIT_PROJECT_ROOT: projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      REQUEST_METHOD: request.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      REMOTE_USER: 'tester',
      REMOTE_ADDR: '127.0.0.1',
      ...(request.headers['content-encoding']
        ? { HTTP_CONTENT_ENCODING: request.headers['content-encoding'] }
        : {}),
      ...(request.headers['git-protocol']
        ? { GIT_PROTOCOL: String(request.headers['git-protocol']) }
        : {}),
    },
  });
  request.pipe(backend.stdin);
  let buffered = Buffer.alloc(0);
  let headersSent = false;
  backend.stdout.on('data', (chunk: Buffer) => {
    if (headersSent) {
      response.write(chunk);
      return;
    }
    buffered = Buffer.concat([buffered, chunk]);
    const end = buffered.indexOf('\r\n\r\n');
    if (end === -1) return;
    let status = 200;
    for (const line of buffered.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else response.setHeader(name, value);
    }
    response.writeHead(status);
    headersSent = true;
    response.write(buffered.subarray(end + 4));
  });
  backend.on('close', () => response.end());
}
