import { Agent, request } from 'node:http';
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { type mongo, Types } from 'mongoose';

/** POST JSON over a keep-alive agent; resolves with the parsed answer. */
const postJson = (agent: Agent, url: string, body: unknown): Promise<Record<string, unknown>> =>
  new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) },
      },
      (res) => {
        let out = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          out += c;
        });
        res.on('end', () => resolve(JSON.parse(out || '{}') as Record<string, unknown>));
      },
    );
    req.on('error', reject);
    req.end(data);
  });

/**
 * The minimal pipeline's worker, for the throughput ratio: a bare BullMQ worker that reads the
 * stored event, writes what the real pipeline must (the reply into an outbox, the event done, the
 * reply sent) and makes one platform send; the reply text is the one the bot gives to the probe.
 */
export const startBaselineWorker = async (opts: {
  readonly redis: Redis;
  readonly prefix: string;
  readonly inbound: mongo.Collection;
  readonly outbox: mongo.Collection;
  readonly apiBase: string;
  readonly corpId: string;
  readonly secret: string;
  readonly agentId: number;
  readonly concurrency: number;
}): Promise<Worker> => {
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const tokenRes = await fetch(`${opts.apiBase}/gettoken?corpid=${opts.corpId}&corpsecret=${opts.secret}`);
  const token = String(((await tokenRes.json()) as { access_token?: string }).access_token ?? '');
  const worker = new Worker(
    'baseline-inbound',
    async (job) => {
      const _id = new Types.ObjectId(String(job.data.id));
      const row = await opts.inbound.findOne({ _id });
      const event = row?.event as { userId: string; message?: { text?: string } } | undefined;
      if (!event) return;
      const tag = /Q([0-9a-z]+)/.exec(event.message?.text ?? '')?.[1] ?? '';
      const text = `没有找到铺位“Q${tag}”。`;
      const out = await opts.outbox.insertOne({
        key: `b-${job.data.id}`,
        toUserId: event.userId,
        text,
        status: 'pending',
      });
      await opts.inbound.updateOne({ _id }, { $set: { status: 'done' } });
      await postJson(agent, `${opts.apiBase}/message/send?access_token=${token}`, {
        touser: event.userId,
        msgtype: 'text',
        agentid: opts.agentId,
        text: { content: text },
      });
      await opts.outbox.updateOne({ _id: out.insertedId }, { $set: { status: 'sent' } });
    },
    { connection: opts.redis, prefix: opts.prefix, concurrency: opts.concurrency },
  );
  worker.on('error', () => {});
  return worker;
};
