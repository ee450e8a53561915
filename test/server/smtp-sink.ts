/**
 * @module A real SMTP server on loopback (smtp-server) that keeps what it receives, parsed with
 * mailparser. `reject` makes it refuse every recipient; `silent` accepts connections and never
 * greets, to test timeouts. No Vitest imports, so benches and child processes can use it too.
 */
import net from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  raw: string;
}

export interface SmtpSink {
  /** smtp://user:password@127.0.0.1:port: credentials are checked, so tests also cover AUTH. */
  url: string;
  messages: ReceivedMail[];
  waitFor(predicate: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export const SINK_USER = 'keel';
export const SINK_PASSWORD = 'sink-pa55-word';

export async function startSmtpSink(
  options: { reject?: boolean; silent?: boolean } = {},
): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const waiters: { predicate: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }[] =
    [];
  let port: number;
  let close: () => Promise<void>;
  if (options.silent) {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as net.AddressInfo).port;
    close = () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      });
  } else {
    const server = new SMTPServer({
      secure: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        if (auth.username === SINK_USER && auth.password === SINK_PASSWORD)
          return callback(null, { user: auth.username });
        return callback(new Error('invalid username or password'));
      },
      onRcptTo(address, _session, callback) {
        if (options.reject) {
          const error = new Error(`mailbox ${address.address} unavailable`) as Error & {
            responseCode: number;
          };
          error.responseCode = 550;
          return callback(error);
        }
        return callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw)
            .then((parsed) => {
              const mail: ReceivedMail = {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((r) => r.address),
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                html: typeof parsed.html === 'string' ? parsed.html : '',
                raw,
              };
              messages.push(mail);
              for (const waiter of [...waiters]) {
                if (waiter.predicate(mail)) {
                  waiters.splice(waiters.indexOf(waiter), 1);
                  waiter.resolve(mail);
                }
              }
              callback();
            })
            .catch(callback);
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as net.AddressInfo).port;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  }
  return {
    url: `smtp://${SINK_USER}:${SINK_PASSWORD}@127.0.0.1:${port}`,
    messages,
    waitFor(predicate, timeoutMs = 15_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(`no matching mail within ${timeoutMs} ms (${messages.length} received)`),
            ),
          timeoutMs,
        );
        waiters.push({
          predicate,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    close,
  };
}
