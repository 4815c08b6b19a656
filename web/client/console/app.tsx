import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ClockPreset, ConsolePlatform, ConsoleSession } from '../../shared/console-api.js';
import { ApiError, api, type Delivery } from './api.js';
import { ClockControl } from './components/clock-control.js';
import { Composer } from './components/composer.js';
import { MessageList } from './components/message-list.js';
import { PersonaList } from './components/persona-list.js';
import { PlatformSwitch } from './components/platform-switch.js';
import { useChats } from './use-chats.js';

const MAX_FILE_BYTES = 10 * 1024 * 1024;
const query = new URLSearchParams(location.search);

const deliveryProblem = (d: Delivery): string | undefined =>
  d.status === 200
    ? undefined
    : d.status === 0
      ? '机器人没有应答。'
      : `机器人没有收下这条消息（HTTP ${d.status}）。`;

const explain = (e: unknown, fallback: string): string => {
  if (!(e instanceof ApiError)) return fallback;
  if (e.status === 409) return '这张卡片的按钮已不可用（已处理或已更新）。';
  if (/do not receive/.test(e.message)) return '企业微信应用只能接收图片，不能接收文件。';
  if (e.status === 503 && /dev clock/.test(e.message))
    return '机器人还没有开发时钟（POST /api/dev/clock 不可用）。';
  return `${fallback}（${e.status}${e.message ? `：${e.message}` : ''}）`;
};

/** The chat console: pick a persona and a platform, chat with the bot, watch every inbox live. */
export const App = () => {
  const [session, setSession] = useState<ConsoleSession>();
  const [platform, setPlatform] = useState<ConsolePlatform>(
    query.get('platform') === 'dingtalk' ? 'dingtalk' : 'wecom',
  );
  const [persona, setPersona] = useState<string | undefined>(query.get('as') ?? undefined);
  const [drawer, setDrawer] = useState(false);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<string>();
  const [clockBusy, setClockBusy] = useState(false);
  const [toast, setToast] = useState<string>();
  const say = useCallback((m: string) => setToast(m), []);
  const { store, live } = useChats(platform, persona, say);

  const refresh = useCallback(
    () => api.session().then(setSession, () => say('连接控制台失败，请确认 npm run dev 仍在运行。')),
    [say],
  );
  useEffect(() => {
    void refresh();
    const t = setInterval(() => void refresh(), 30_000);
    return () => clearInterval(t);
  }, [refresh]);
  useEffect(() => {
    if (!persona && session) setPersona(session.personas[0]?.userId);
  }, [session, persona]);
  useEffect(() => {
    if (!persona) return;
    history.replaceState(null, '', `?platform=${platform}&as=${encodeURIComponent(persona)}`);
  }, [platform, persona]);
  useEffect(() => {
    if (!toast) return undefined;
    const t = setTimeout(() => setToast(undefined), 6000);
    return () => clearTimeout(t);
  }, [toast]);

  if (!session || !persona) return <div class="loading">正在连接开发环境…</div>;
  const me = session.personas.find((p) => p.userId === persona) ?? {
    name: persona,
    label: '',
    userId: persona,
  };
  const via = session.platforms.find((p) => p.id === 'dingtalk')?.via;
  const viaFor = platform === 'dingtalk' ? via : undefined;
  const othersUnread = session.personas.reduce(
    (n, p) => n + (p.userId === persona ? 0 : store.unreadOf(p.userId)),
    0,
  );

  const send = async (text: string): Promise<boolean> => {
    setBusy(true);
    try {
      const problem = deliveryProblem(await api.send(platform, persona, text, viaFor));
      if (problem) say(problem);
      return problem === undefined;
    } catch (e) {
      say(explain(e, '发送失败'));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const sendFile = async (file: File) => {
    if (file.size > MAX_FILE_BYTES) return say('文件太大（最大 10 MB）。');
    setBusy(true);
    try {
      const problem = deliveryProblem(await api.sendFile(platform, persona, file, viaFor));
      if (problem) say(problem);
    } catch (e) {
      say(explain(e, '发送图片失败'));
    } finally {
      setBusy(false);
    }
  };
  const press = async (cardId: string, key: string) => {
    setPending(`${cardId}\u0000${key}`);
    try {
      const problem = deliveryProblem(await api.click(platform, persona, cardId, key));
      if (problem) say(problem);
    } catch (e) {
      say(explain(e, '按钮没有生效'));
    } finally {
      setPending(undefined);
    }
  };
  const moveClock = async (preset: ClockPreset) => {
    setClockBusy(true);
    try {
      const { now } = await api.clock(preset);
      setSession({ ...session, now });
      void refresh();
    } catch (e) {
      say(explain(e, '调整时钟失败'));
    } finally {
      setClockBusy(false);
    }
  };

  return (
    <div class={`app look-${platform}`} data-live={live ? 'on' : 'off'}>
      <header class="topbar">
        <div class="brand">
          mallbot 控制台
          <span class={`live-dot ${live ? 'on' : ''}`} title={live ? '实时连接正常' : '正在重新连接…'} />
        </div>
        <PlatformSwitch platforms={session.platforms} current={platform} onPick={setPlatform} />
        <ClockControl now={session.now} tz={session.tz} busy={clockBusy} onMove={(p) => void moveClock(p)} />
      </header>
      <div class="main">
        <aside class={`personas${drawer ? ' open' : ''}`}>
          <PersonaList
            personas={session.personas}
            current={persona}
            unread={(u) => store.unreadOf(u)}
            onPick={(u) => {
              setPersona(u);
              setDrawer(false);
            }}
          />
        </aside>
        {drawer && <div class="scrim" onClick={() => setDrawer(false)} aria-hidden="true" />}
        <section class="chat" aria-label="聊天">
          <div class="chat-head">
            <button
              type="button"
              class="switch-persona"
              onClick={() => setDrawer(true)}
              aria-label="切换身份"
            >
              ☰{othersUnread > 0 && <span class="unread switch-unread">{othersUnread}</span>}
            </button>
            <div class="chat-title">
              <div class="chat-bot">前台助手</div>
              <div class="chat-me" data-testid="current-persona">
                我是 {me.name}
                {me.label ? ` · ${me.label}` : ''}
              </div>
            </div>
          </div>
          <MessageList
            platform={platform}
            chat={store.chat(persona)}
            me={me}
            tz={session.tz}
            pending={pending}
            onPress={(c, k) => void press(c, k)}
          />
          <Composer platform={platform} busy={busy} onSend={send} onFile={(f) => void sendFile(f)} />
        </section>
      </div>
      {toast && (
        <div class="toast" role="status">
          {toast}
        </div>
      )}
    </div>
  );
};
