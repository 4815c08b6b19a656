import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { KoaAdapter } from '@bull-board/koa';
import type { Middleware } from 'koa';
import { QueueName } from '../../../src/queue/job-names.js';
import type { Queues } from '../../../src/queue/queues.js';

export const QUEUE_BOARD_PATH = '/dashboard/queues';

/**
 * Queue health: Bull Board's Koa adapter over the bot's three queues, read-only (no retry or clean
 * buttons: this is where a manager looks, not where jobs are operated). Its UI is served from the
 * @bull-board/ui package (no CDN). The caller puts it behind the dashboard login.
 */
export const queueBoard = (queues: Queues): Middleware => {
  const adapter = new KoaAdapter();
  adapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map(
      (name) => new BullMQAdapter(queues.queue(name), { readOnlyMode: true, description: name }),
    ),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: '队列状态' } },
  });
  return adapter.registerPlugin() as unknown as Middleware;
};
