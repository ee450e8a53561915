/**
 * @module Test helper: a git smart-HTTP server on loopback (git's own `git http-backend` run as a
 * CGI script) that asks for HTTP Basic auth and accepts one password, for tests of cloning a
 * private repository with an access token; and a `git` that records the command lines it runs.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildGitRepo, tempFolder } from '../server/scan-factories.ts';

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

/** A repository with these files, served as `<server.url>app.git` behind `password`. */
export async function servePrivateRepo(
  files: Record<string, string>,
  password: string,
): Promise<{ server: GitHttpServer; url: string }> {
  const repo = buildGitRepo(files);
  const served = tempFolder('keel-served-');
  execFileSync('git', ['clone', '-q', '--bare', repo.dir, path.join(served, 'app.git')]);
  const server = await startGitHttpServer(served, password);
  return { server, url: `${server.url}app.git` };
}

/**
 * A `git` ahead of the real one on PATH that logs every command line it is given: `path` goes
 * first in a child's PATH, `argv()` reads what was run.
 */
export function recordGitCommandLines(): { path: string; argv: () => string } {
  const bin = tempFolder('keel-bin-');
  const log = path.join(bin, 'argv.log');
  writeFileSync(log, '');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(
    path.join(bin, 'git'),
    `#!/bin/sh\nprintf '%s\\n' "$*" >> '${log}'\nexec '${realGit}' "$@"\n`,
  );
  chmodSync(path.join(bin, 'git'), 0o755);
  return { path: `${bin}:${process.env.PATH}`, argv: () => readFileSync(log, 'utf8') };
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
