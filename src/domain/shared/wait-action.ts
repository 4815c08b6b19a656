import type { ActionSpec } from './action-spec.js';
import { WAIT_ON_LABELS, WAIT_ON_WORDS, WAIT_ONS } from './ticket-wait.js';

/** 挂起: what the ticket waits on, why, and until when (asked in chat after the button). */
export const WAIT_ACTION_SPEC: ActionSpec = {
  label: '挂起',
  style: 'default',
  done: '已挂起',
  inputs: [
    {
      key: 'on',
      kind: 'choice',
      question: `挂起在等什么？请回复序号：\n${WAIT_ONS.map((w, i) => `${i + 1}. ${WAIT_ON_LABELS[w]}`).join('\n')}`,
      options: WAIT_ONS.map((w) => ({ value: w, label: WAIT_ON_LABELS[w], words: WAIT_ON_WORDS[w] })),
    },
    { key: 'text', kind: 'text', question: '请说明挂起原因（将告知商户）：' },
    {
      key: 'resumeBy',
      kind: 'date',
      question: '预计哪天恢复处理？（例如“明天”“12月3日”“3天后”）',
    },
  ],
};

/** 恢复处理: the clock runs again. */
export const RESUME_ACTION_SPEC: ActionSpec = {
  label: '恢复处理',
  style: 'primary',
  done: '已恢复处理',
  inputs: [],
};
