import { type TicketWait, WAIT_ON_LABELS } from '../domain/shared/ticket-wait.js';

/**
 * What the tenant is told when their matter waits (挂起): on what, why, and when work is
 * expected to resume.
 */
export const waitingText = (what: string, wait: TicketWait<string>, when: (d: Date) => string): string =>
  `${what}暂时挂起：${WAIT_ON_LABELS[wait.on]}${wait.reason ? `（${wait.reason}）` : ''}。预计 ${when(
    wait.resumeBy,
  )} 恢复处理，届时我们会继续跟进。`;

/** The engineer's or handler's card note while the ticket waits. */
export const waitingNote = (wait: TicketWait<string>, when: (d: Date) => string): string =>
  `已挂起：${WAIT_ON_LABELS[wait.on]}，预计 ${when(wait.resumeBy)} 恢复；届时会提醒您，可随时点“恢复处理”`;
