import { useRef, useState } from 'preact/hooks';
import type { ConsolePlatform } from '../../../shared/console-api.js';

export interface ComposerProps {
  readonly platform: ConsolePlatform;
  readonly busy: boolean;
  readonly onSend: (text: string) => Promise<boolean>;
  readonly onFile: (file: File) => void;
}

/**
 * The input row: text, 发送, and a photo (WeCom apps receive images only) or file button (a
 * DingTalk robot chat also takes files). Enter sends; the text stays if the bot did not take it.
 */
export const Composer = ({ platform, busy, onSend, onFile }: ComposerProps) => {
  const [text, setText] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const t = text.trim();
    if (!t || busy) return;
    if (await onSend(t)) setText('');
  };
  return (
    <form class="composer" onSubmit={submit}>
      <button
        type="button"
        class="attach"
        title={platform === 'wecom' ? '发送图片' : '发送图片或文件'}
        aria-label={platform === 'wecom' ? '发送图片' : '发送图片或文件'}
        onClick={() => file.current?.click()}
        disabled={busy}
      >
        {platform === 'wecom' ? '图片' : '文件'}
      </button>
      <input
        ref={file}
        type="file"
        hidden
        data-testid="file-input"
        accept={platform === 'wecom' ? 'image/*' : undefined}
        onChange={(e) => {
          const f = (e.currentTarget as HTMLInputElement).files?.[0];
          if (f) onFile(f);
          (e.currentTarget as HTMLInputElement).value = '';
        }}
      />
      <input
        class="composer-input"
        aria-label="输入消息"
        placeholder="输入消息，回车发送"
        value={text}
        onInput={(e) => setText((e.currentTarget as HTMLInputElement).value)}
        enterKeyHint="send"
      />
      <button type="submit" class="send" disabled={busy || text.trim() === ''}>
        发送
      </button>
    </form>
  );
};
