import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ConsolePlatform } from '../../shared/console-api.js';
import { api } from './api.js';
import { followFeed } from './live.js';
import { ChatStore } from './model/chat-store.js';

/**
 * One store per platform, fed live from the emulator's feed; the persona on screen is (re)read
 * whenever it changes and whenever the feed (re)connects, so nothing that arrived while the
 * connection was down is missing. Re-renders the caller on every change.
 */
export const useChats = (
  platform: ConsolePlatform,
  persona: string | undefined,
  onError: (m: string) => void,
) => {
  const store = useMemo(() => new ChatStore(platform), [platform]);
  const [, setVersion] = useState(0);
  const [live, setLive] = useState(false);

  useEffect(() => store.subscribe(() => setVersion((v) => v + 1)), [store]);

  useEffect(() => {
    if (!persona) return undefined;
    store.view(persona);
    let alive = true;
    const load = () =>
      api
        .inbox(platform, persona)
        .then((inbox) => alive && store.applyInbox(persona, inbox))
        .catch(() => alive && onError('读取聊天记录失败，请检查开发服务是否在运行。'));
    void load();
    const stop = followFeed(platform, store, setLive, () => void load());
    return () => {
      alive = false;
      stop();
      setLive(false);
    };
  }, [platform, persona, store, onError]);

  return { store, live };
};
