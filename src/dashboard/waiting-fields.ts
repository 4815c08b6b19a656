import { durationLabel } from '../digests/digest-labels.js';
import { WAIT_ON_LABELS, WAIT_ONS, type WaitOn } from '../domain/shared/ticket-wait.js';
import type { DashboardRow } from '../persistence/repositories/dashboard.repository.js';

const onLabel = (on: string): string =>
  (WAIT_ONS as readonly string[]).includes(on) ? WAIT_ON_LABELS[on as WaitOn] : on;

/**
 * A ticket's waiting time apart from its working time (issue 14): the current wait, the total
 * waited, and the working time so far (or to closing) without the waits.
 */
export const waitingFields = (
  r: Pick<DashboardRow, 'kind' | 'wait' | 'pausedMs' | 'filedAt' | 'closedAt'>,
  now: Date,
  human: (d: Date) => string,
): { label: string; value: string }[] => {
  if (r.kind === 'approval') return [];
  const current = r.wait ? Math.max(0, now.getTime() - r.wait.since.getTime()) : 0;
  const waited = r.pausedMs + current;
  if (waited === 0 && !r.wait) return [];
  const end = r.closedAt ?? now;
  const working = Math.max(0, end.getTime() - r.filedAt.getTime() - waited);
  return [
    ...(r.wait
      ? [
          {
            label: '挂起中',
            value: `${onLabel(r.wait.on)}${r.wait.reason ? `（${r.wait.reason}）` : ''}，${human(
              r.wait.since,
            )} 起，预计 ${human(r.wait.resumeBy)} 恢复`,
          },
        ]
      : []),
    { label: '累计挂起', value: durationLabel(waited) },
    { label: r.closedAt ? '处理用时（不含挂起）' : '已处理（不含挂起）', value: durationLabel(working) },
  ];
};
