import type { ConsolePlatform } from '../../shared/console-api.js';
import { feedUrl } from './api.js';
import type { ChatStore } from './model/chat-store.js';
import type { FeedEvent } from './model/emulator-json.js';

/**
 * Follows a platform's live feed (server-sent events through the console) into the store. The
 * browser reconnects by itself; `onOpen` runs on every (re)connection so the caller can reread
 * the inbox on screen and close any gap.
 */
export const followFeed = (
  platform: ConsolePlatform,
  store: ChatStore,
  onState: (live: boolean) => void,
  onOpen: () => void,
): (() => void) => {
  const source = new EventSource(feedUrl(platform));
  source.addEventListener('open', () => {
    onState(true);
    onOpen();
  });
  source.addEventListener('error', () => onState(false));
  for (const type of ['message', 'sent', 'card'] as const) {
    source.addEventListener(type, (ev) => {
      const data = JSON.parse((ev as MessageEvent<string>).data) as Record<string, unknown>;
      store.apply({ type, ...data } as FeedEvent);
    });
  }
  return () => source.close();
};
