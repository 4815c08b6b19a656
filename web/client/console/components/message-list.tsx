import { useEffect, useRef } from 'preact/hooks';
import type { ConsolePlatform } from '../../../shared/console-api.js';
import { mediaUrl } from '../api.js';
import { DingTalkCard } from '../cards/dingtalk-card.js';
import { WeComCard } from '../cards/wecom-card.js';
import type { Chat } from '../model/chat-store.js';
import type { Entry } from '../model/timeline.js';
import { MarkdownView } from './markdown-view.js';

export interface MessageListProps {
  readonly platform: ConsolePlatform;
  readonly chat: Chat;
  readonly me: { readonly name: string };
  readonly tz: string;
  readonly pending: string | undefined;
  readonly onPress: (cardId: string, key: string) => void;
}

const sizeText = (n: number) =>
  n < 1024 ? `${n} B` : n < 1048576 ? `${Math.round(n / 1024)} KB` : `${(n / 1048576).toFixed(1)} MB`;

const Body = ({
  e,
  p,
  props,
  onLoad,
}: {
  e: Entry;
  p: ConsolePlatform;
  props: MessageListProps;
  /** A picture finished loading: the list grew, keep the newest line in view. */
  onLoad: () => void;
}) => {
  switch (e.kind) {
    case 'text':
      return <div class="bubble">{e.text}</div>;
    case 'markdown':
      return (
        <div class="bubble bubble-md">
          {e.title && <div class="md-title">{e.title}</div>}
          <MarkdownView source={e.text} />
        </div>
      );
    case 'card': {
      const card = props.chat.cards.get(e.cardId);
      if (!card) return <div class="bubble muted">卡片加载中…</div>;
      const pending = props.pending?.startsWith(`${e.cardId}\u0000`)
        ? props.pending.split('\u0000')[1]
        : undefined;
      const Card = p === 'wecom' ? WeComCard : DingTalkCard;
      return <Card card={card} pending={pending} onPress={(key) => props.onPress(e.cardId, key)} />;
    }
    case 'image': {
      const src = e.side === 'user' ? mediaUrl(p, e.mediaId) : e.mediaId ? mediaUrl(p, e.mediaId) : e.url;
      return src ? (
        <img class="photo" src={src} alt="图片" onLoad={onLoad} />
      ) : (
        <div class="bubble muted">[图片]</div>
      );
    }
    case 'file':
      return (
        <a class="bubble file" href={mediaUrl(p, e.mediaId)} target="_blank" rel="noopener noreferrer">
          <span class="file-icon">📄</span>
          <span class="file-name">{e.filename}</span>
          <span class="file-size">{sizeText(e.size)}</span>
        </a>
      );
    case 'link':
      return (
        <div class="bubble link-card">
          <div class="link-title">{e.title}</div>
          <MarkdownView source={e.text} />
          {e.url && (
            <a href={e.url} target="_blank" rel="noopener noreferrer" class="link-more">
              {e.linkLabel ?? '详情'}
            </a>
          )}
        </div>
      );
    default:
      return <div class="bubble muted">[{e.msgtype} 消息，控制台暂不显示]</div>;
  }
};

/** One persona's chat, bot on the left and the persona on the right; keeps the newest in view. */
export const MessageList = (props: MessageListProps) => {
  const end = useRef<HTMLDivElement>(null);
  const last = props.chat.entries.at(-1)?.seq;
  const cardsVersion = props.chat.cards;
  const toEnd = () => end.current?.scrollIntoView({ block: 'end' });
  useEffect(toEnd, [last, cardsVersion]);
  const time = new Intl.DateTimeFormat('zh-CN', { timeZone: props.tz, hour: '2-digit', minute: '2-digit' });
  return (
    <div class="messages" aria-live="polite">
      {props.chat.entries.length === 0 && (
        <div class="empty">还没有消息。发一句话试试，例如“铺里漏水了”。</div>
      )}
      {props.chat.entries.map((e) => (
        <div key={e.seq} class={`row row-${e.side}`} data-seq={e.seq} data-side={e.side} data-kind={e.kind}>
          <div class="avatar" aria-hidden="true">
            {e.side === 'bot' ? '助' : props.me.name.slice(0, 1)}
          </div>
          <div class="row-body">
            <Body e={e} p={props.platform} props={props} onLoad={toEnd} />
            <time class="row-time">{time.format(e.at)}</time>
          </div>
        </div>
      ))}
      <div ref={end} />
    </div>
  );
};
