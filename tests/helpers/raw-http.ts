import { connect } from 'node:net';

/**
 * Sends bytes exactly as given (headers no client library would send: raw invalid UTF-8, bare
 * control characters, broken framing) and returns the status code of the answer, 0 when the
 * server closed the connection without one.
 */
export const rawRequest = (port: number, request: Buffer, timeoutMs = 5000): Promise<number> =>
  new Promise((resolve) => {
    let data = '';
    const s = connect(port, '127.0.0.1', () => s.write(request));
    const done = () => resolve(Number(/^HTTP\/1\.[01] (\d{3})/.exec(data)?.[1] ?? 0));
    s.setTimeout(timeoutMs, () => s.destroy());
    s.on('data', (d: Buffer) => {
      data += d.toString('latin1');
      if (/\r\n\r\n/.test(data)) s.end();
    });
    s.on('close', done);
    s.on('error', () => undefined);
  });

/** A request head plus body as bytes, with `Connection: close`. */
export const rawHttp = (
  method: string,
  path: string,
  headers: readonly (readonly [string, string | Buffer])[],
  body: Buffer = Buffer.alloc(0),
): Buffer =>
  Buffer.concat([
    Buffer.from(`${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n`, 'latin1'),
    ...headers.map(([k, v]) =>
      Buffer.concat([Buffer.from(`${k}: `, 'latin1'), Buffer.from(v), Buffer.from('\r\n')]),
    ),
    Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'latin1'),
    body,
  ]);
