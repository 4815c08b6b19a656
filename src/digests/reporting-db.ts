import mongoose, { type Connection } from 'mongoose';

/** A digest aggregation may scan a whole week of tickets; on FerretDB that takes tens of seconds. */
const REPORT_SOCKET_TIMEOUT_MS = 10 * 60_000;

/**
 * A small separate connection for digest aggregations: long scans get a long socket timeout and
 * never hold the connections that webhooks and workers need. Opened on first use.
 */
export class ReportingDb {
  private conn: Promise<Connection> | undefined;

  constructor(private readonly uri: string) {}

  connection(): Promise<Connection> {
    this.conn ??= mongoose
      .createConnection(this.uri, {
        autoIndex: false,
        autoCreate: false,
        bufferCommands: false,
        maxPoolSize: 2,
        serverSelectionTimeoutMS: 5000,
        socketTimeoutMS: REPORT_SOCKET_TIMEOUT_MS,
      })
      .asPromise();
    this.conn.catch(() => {
      this.conn = undefined;
    });
    return this.conn;
  }

  async close(): Promise<void> {
    const c = this.conn;
    this.conn = undefined;
    if (c) await (await c).close().catch(() => {});
  }
}
