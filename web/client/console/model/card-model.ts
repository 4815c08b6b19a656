import { isObj, obj, str } from './emulator-json.js';

export type ButtonStyle = 'primary' | 'danger' | 'default';

/**
 * A card as the console draws it, read from what the platform holds (a WeCom template_card after
 * its updates, a DingTalk card's cardParamMap), never from the bot's internals.
 */
export interface CardModel {
  readonly cardId: string;
  readonly source?: string;
  readonly title: string;
  readonly description?: string;
  readonly emphasis?: { readonly title: string; readonly desc: string };
  readonly quote?: string;
  readonly fields: readonly { readonly label: string; readonly value: string }[];
  /** DingTalk: the card body as markdown (the template's `markdown` variable). */
  readonly markdown?: string;
  readonly image?: string;
  readonly buttons: readonly { readonly key: string; readonly label: string; readonly style: ButtonStyle }[];
  /** Set once decided: the buttons are disabled and this label is shown instead. */
  readonly closedLabel?: string;
}

const WECOM_STYLE: Readonly<Record<number, ButtonStyle>> = {
  1: 'primary',
  2: 'danger',
  3: 'default',
  4: 'default',
};

/**
 * A WeCom card view (`{taskId, card, replacedName?, keys}`): main_title, sub_title_text,
 * emphasis_content, quote_area, horizontal_content_list / vertical_content_list, card_image or
 * image_text_area, button_list; `replacedName` (update_template_card's button.replace_name)
 * disables every button.
 */
export const wecomCardModel = (view: unknown): CardModel | undefined => {
  const v = obj(view);
  const card = obj(v.card);
  const taskId = str(v.taskId) ?? str(card.task_id);
  if (!taskId) return undefined;
  const main = obj(card.main_title);
  const quote = obj(card.quote_area);
  const emphasis = obj(card.emphasis_content);
  const list = (k: string) => (Array.isArray(card[k]) ? (card[k] as unknown[]).filter(isObj) : []);
  const description = [str(main.desc), str(card.sub_title_text)].filter(Boolean).join('\n');
  const quoteText = [str(quote.title), str(quote.quote_text)].filter(Boolean).join('\n');
  const image = str(obj(card.card_image).url) ?? str(obj(card.image_text_area).image_url);
  const pressable = Array.isArray(v.keys) ? (v.keys as unknown[]).filter((k) => typeof k === 'string') : [];
  const replaced = str(v.replacedName);
  return {
    cardId: taskId,
    ...(str(obj(card.source).desc) ? { source: str(obj(card.source).desc) } : {}),
    title: str(main.title) ?? '',
    ...(description ? { description } : {}),
    ...(str(emphasis.title)
      ? { emphasis: { title: str(emphasis.title) ?? '', desc: str(emphasis.desc) ?? '' } }
      : {}),
    ...(quoteText ? { quote: quoteText } : {}),
    fields: [
      ...list('horizontal_content_list').map((f) => ({
        label: str(f.keyname) ?? '',
        value: str(f.value) ?? '',
      })),
      ...list('vertical_content_list').map((f) => ({ label: str(f.title) ?? '', value: str(f.desc) ?? '' })),
    ],
    ...(image ? { image } : {}),
    buttons: list('button_list')
      .filter((b) => typeof b.key === 'string' && (pressable.length === 0 || pressable.includes(b.key)))
      .map((b) => ({
        key: str(b.key) ?? '',
        label: str(b.text) ?? '',
        style: WECOM_STYLE[typeof b.style === 'number' ? b.style : 1] ?? 'primary',
      })),
    ...(replaced !== undefined ? { closedLabel: replaced } : {}),
  };
};

const parseButtons = (raw: string | undefined): CardModel['buttons'] => {
  try {
    const list = JSON.parse(raw ?? '[]') as unknown;
    if (!Array.isArray(list)) return [];
    return list.filter(isObj).flatMap((b) => {
      const key = str(b.key);
      if (!key) return [];
      const style = b.style === 'primary' || b.style === 'danger' ? b.style : 'default';
      return [{ key, label: str(b.label) ?? key, style }];
    });
  } catch {
    return [];
  }
};

/**
 * A DingTalk card instance (`{outTrackId, data}`): the template variables README "DingTalk cards"
 * names (title, description, source, markdown, quote, buttons, closed, status). When the card is
 * closed its buttons are gone and `status` is the decision shown.
 */
export const dingtalkCardModel = (instance: unknown): CardModel | undefined => {
  const c = obj(instance);
  const cardId = str(c.outTrackId);
  if (!cardId) return undefined;
  const d = obj(c.data);
  const closed = d.closed === 'true';
  const image = str(d.image) ?? str(d.imageUrl);
  const text = (k: string) => (str(d[k]) ? { [k]: str(d[k]) } : {});
  return {
    cardId,
    ...text('source'),
    title: str(d.title) ?? '',
    ...text('description'),
    ...text('quote'),
    ...text('markdown'),
    fields: [],
    ...(image ? { image } : {}),
    buttons: closed ? [] : parseButtons(str(d.buttons)),
    ...(closed ? { closedLabel: str(d.status) || '已处理' } : {}),
  };
};
