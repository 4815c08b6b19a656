import { type TicketWait, WAIT_ON_LABELS } from '../src/domain/shared/ticket-wait.js';

/** The card line of a waiting ticket: on what, why, and the expected resume date. */
export const waitFields = (
  wait: TicketWait<string> | undefined,
  when: (d: Date) => string,
): { label: string; value: string }[] =>
  wait
    ? [
        {
          label: '挂起',
          value: `${WAIT_ON_LABELS[wait.on]}${wait.reason ? `（${wait.reason}）` : ''}，预计 ${when(wait.resumeBy)} 恢复`,
        },
      ]
    : [];
