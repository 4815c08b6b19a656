import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import Koa from 'koa';
import type { mongo } from 'mongoose';
import rawBody from 'raw-body';
import type { WeComReceiver } from '../../src/platforms/wecom/wecom.receiver.js';

export interface BaselineWeb {
  readonly url: string;
  readonly queue: Queue;
  close(): Promise<void>;
}

/**
 * The minimal correct WeCom endpoint, for the webhook ratio: bare Koa, the same crypto and parser
 * (the project's receiver), one `insertOne` through the bare driver into the same store, one
 * BullMQ `add`, then 200. No dedupe beyond the unique index, no logging, no middleware.
 */
export const startBaselineWeb = async (
  receiver: WeComReceiver,
  collection: mongo.Collection,
  redis: Redis,
  prefix: string,
): Promise<BaselineWeb> => {
  const queue = new Queue('baseline-inbound', { connection: redis, prefix });
  const app = new Koa();
  app.use(async (ctx) => {
    const body = (await rawBody(ctx.req, { limit: '64kb', encoding: 'utf8' })) as string;
    const event = receiver.open(receiver.checkQuery(ctx.querystring), body);
    try {
      const r = await collection.insertOne({ platform: event.platform, dedupeKey: event.dedupeKey, event });
      await queue.add('in', { id: r.insertedId.toString() }, { removeOnComplete: true });
    } catch (e) {
      // A duplicate delivery is acknowledged (correctness, not a shortcut).
      if ((e as { code?: unknown }).code !== 11000) throw e;
    }
    ctx.status = 200;
    ctx.body = '';
  });
  const server: Server = createServer(app.callback());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    queue,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await queue.close();
    },
  };
};
