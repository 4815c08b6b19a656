/**
 * What the emulators' control API and live feed return (`/_emu/inbox/<user>`, `/_emu/events`), as
 * the page receives it: plain JSON, typed loosely and read defensively (the platform payloads
 * inside are whatever the bot sent).
 */
export interface EmuInboxItem {
  readonly seq: number;
  readonly at: number;
  readonly msgtype: string;
  readonly text?: string;
  readonly cardId?: string;
  readonly payload?: unknown;
}

export interface EmuSentItem {
  readonly seq: number;
  readonly at: number;
  readonly msgtype: 'text' | 'image' | 'file';
  readonly text?: string;
  readonly media?: {
    readonly id: string;
    readonly mime: string;
    readonly filename: string;
    readonly size: number;
  };
}

export interface EmuInbox {
  readonly messages: readonly EmuInboxItem[];
  readonly cards: readonly unknown[];
  readonly sent?: readonly EmuSentItem[];
}

/** Feed events: `message` / `sent` carry `{user, item}`, `card` carries `{user, cardId, card}`. */
export type FeedEvent =
  | { readonly type: 'message'; readonly user: string; readonly item: EmuInboxItem }
  | { readonly type: 'sent'; readonly user: string; readonly item: EmuSentItem }
  | { readonly type: 'card'; readonly user: string; readonly cardId: string; readonly card: unknown };

export type Json = Record<string, unknown>;

export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const obj = (v: unknown): Json => (isObj(v) ? v : {});
