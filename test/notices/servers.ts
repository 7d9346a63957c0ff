import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface MailServer {
  url: string;
  messages: ParsedMail[];
  close(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 that keeps every message; `reject` refuses a recipient with the server's answer. */
export async function startMailServer(reject: (recipient: string) => string | undefined = () => undefined): Promise<MailServer> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const refusal = reject(address.address);
      if (refusal) return callback(Object.assign(new Error(refusal), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (message) => {
          messages.push(message);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export interface SmsRequest {
  to: string;
  text: string;
  id: string;
  at: number;
}

export interface SmsGateway {
  url: string;
  /** Every request, the refused ones too. */
  requests: SmsRequest[];
  /** The messages the gateway took (answered 2xx). */
  delivered(): SmsRequest[];
  close(): Promise<void>;
}

/** A tiny HTTP SMS gateway: `answer` gives the status for a request (default 200); a refusal quotes the number back. */
export async function startSmsGateway(answer: (request: SmsRequest, earlierTries: number) => number = () => 200): Promise<SmsGateway> {
  const requests: SmsRequest[] = [];
  const statuses: number[] = [];
  const server = createServer((req, res) => {
    void readJson(req).then((body) => {
      const request = { ...(body as Omit<SmsRequest, 'at'>), at: Date.now() };
      const status = answer(request, requests.filter((r) => r.id === request.id).length);
      requests.push(request);
      statuses.push(status);
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status < 300 ? { ok: true } : { error: `cannot deliver to ${request.to}: ${request.text}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/send`,
    requests,
    delivered: () => requests.filter((_, i) => statuses[i]! < 300),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** Everything the service logs, as one text to search. */
export function logCapture(): { write(line: string): void; text(): string } {
  const lines: string[] = [];
  return { write: (line) => void lines.push(line), text: () => lines.join('') };
}

/** Resolves once `check` returns a value that is not undefined/false; fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
