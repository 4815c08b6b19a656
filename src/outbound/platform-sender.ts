import type { OutboxItem } from '../persistence/repositories/outbox.repository.js';

/** Sends one stored outbox item on one platform; returns what the platform answered. */
export interface PlatformSender {
  send(item: OutboxItem): Promise<Record<string, unknown>>;
}
