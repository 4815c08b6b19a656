import type { Card } from './card.types.js';

export const dialogActionKey = (verb: 'confirm' | 'cancel', dialogId: string): string =>
  `dialog:${verb}:${dialogId}`;

export const parseDialogActionKey = (
  key: string,
): { verb: 'confirm' | 'cancel'; dialogId: string } | undefined => {
  const m = /^dialog:(confirm|cancel):([A-Za-z0-9_-]{6,64})$/.exec(key);
  return m?.[1] && m[2] ? { verb: m[1] as 'confirm' | 'cancel', dialogId: m[2] } : undefined;
};

export interface ConfirmCardInput {
  readonly cardId: string;
  readonly dialogId: string;
  /** "投诉登记", "物品放行申请"... */
  readonly what: string;
  readonly fields: readonly { label: string; value: string }[];
  readonly quote: string;
}

/** The confirmation card before anything is filed (pure presenter). */
export const presentConfirmCard = (c: ConfirmCardInput): Card => ({
  cardId: c.cardId,
  title: `请确认：${c.what}`,
  description: '确认无误请点“确认提交”，也可以直接回复“确认”；说“改成…”可修改，回复“取消”放弃。',
  source: '商场前台助手',
  fields: [...c.fields],
  actions: [
    { key: dialogActionKey('confirm', c.dialogId), label: '确认提交', style: 'primary' },
    { key: dialogActionKey('cancel', c.dialogId), label: '取消', style: 'default' },
  ],
  quote: c.quote,
});
