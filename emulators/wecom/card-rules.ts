/**
 * The documented template_card rules the emulator enforces (doc 90236/90372, PROTOCOLS.md §1.8).
 * Returns an error message, or undefined when the card is acceptable.
 */
export const TASK_ID_RE = /^[0-9A-Za-z_\-@]{1,128}$/;
const CARD_TYPES = [
  'text_notice',
  'news_notice',
  'button_interaction',
  'vote_interaction',
  'multiple_interaction',
];
const INTERACTIVE = new Set(['button_interaction', 'vote_interaction', 'multiple_interaction']);

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export const isInteractive = (cardType: string): boolean => INTERACTIVE.has(cardType);

export const checkTemplateCard = (card: unknown): string | undefined => {
  if (!isObj(card)) return 'template_card must be an object';
  const type = card.card_type;
  if (typeof type !== 'string' || !CARD_TYPES.includes(type)) return 'invalid card_type';
  const taskId = card.task_id;
  const needsTask = INTERACTIVE.has(type) || card.action_menu !== undefined;
  if (needsTask && (typeof taskId !== 'string' || !TASK_ID_RE.test(taskId)))
    return 'task_id missing or invalid';
  if (taskId !== undefined && (typeof taskId !== 'string' || !TASK_ID_RE.test(taskId)))
    return 'task_id invalid';
  const hcl = card.horizontal_content_list;
  if (hcl !== undefined && (!Array.isArray(hcl) || hcl.length > 6))
    return 'horizontal_content_list has more than 6 items';
  const jumps = card.jump_list;
  if (jumps !== undefined && (!Array.isArray(jumps) || jumps.length > 3))
    return 'jump_list has more than 3 items';
  const main = isObj(card.main_title) ? card.main_title : undefined;
  if (type === 'text_notice') {
    if (!isObj(card.card_action)) return 'text_notice requires card_action';
    if (!main?.title && !card.sub_title_text)
      return 'text_notice requires main_title.title or sub_title_text';
  }
  if (type === 'news_notice' && !isObj(card.card_image) && !isObj(card.image_text_area)) {
    return 'news_notice requires card_image or image_text_area';
  }
  if (type === 'button_interaction') {
    const buttons = card.button_list;
    if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 6)
      return 'button_list must have 1..6 buttons';
    const keys = new Set<string>();
    for (const b of buttons) {
      if (!isObj(b) || typeof b.text !== 'string' || b.text.length === 0) return 'button text required';
      const bType = b.type ?? 0;
      if (bType === 0) {
        if (typeof b.key !== 'string' || b.key.length === 0 || Buffer.byteLength(b.key) > 1024)
          return 'button key invalid';
        if (keys.has(b.key)) return 'button keys must be unique';
        keys.add(b.key);
      }
      if (b.style !== undefined && (typeof b.style !== 'number' || b.style < 1 || b.style > 4))
        return 'button style 1..4';
    }
  }
  if ((type === 'vote_interaction' || type === 'multiple_interaction') && !isObj(card.submit_button)) {
    return `${type} requires submit_button`;
  }
  return undefined;
};

/** The button keys a user can press on a card (for click simulation). */
export const buttonKeys = (card: unknown): string[] => {
  if (!isObj(card) || !Array.isArray(card.button_list)) return [];
  return card.button_list.flatMap((b) => (isObj(b) && typeof b.key === 'string' ? [b.key] : []));
};
