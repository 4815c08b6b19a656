import { describe, expect, it } from 'vitest';
import { approvalWaitingOn } from '../../../src/domain/shared/waiting.js';
import { buildApproval } from '../../factories/tickets.js';

const role = (r: string) => ({ role: r, personId: '' });
const none = { role: '', personId: '' };

describe('whom an approval waits on (the 待办 key)', () => {
  it('a pending step waits on its role; decided with nothing left to do, on nobody', () => {
    expect(approvalWaitingOn(buildApproval())).toEqual(role('senior_assistant'));
    expect(approvalWaitingOn(buildApproval({ type: 'after_hours', status: 'approved' }))).toEqual(none);
    expect(approvalWaitingOn(buildApproval({ status: 'rejected' }))).toEqual(none);
  });

  it('after approval, the ledgers keep it on a list: the gate pass, a key out, an archive file out', () => {
    expect(approvalWaitingOn(buildApproval({ status: 'approved' }))).toEqual(role('security'));
    expect(approvalWaitingOn(buildApproval({ type: 'key_loan', status: 'approved' }))).toEqual(
      role('senior_assistant'),
    );
    expect(approvalWaitingOn(buildApproval({ type: 'key_loan', status: 'handed_over' }))).toEqual(
      role('senior_assistant'),
    );
    expect(approvalWaitingOn(buildApproval({ type: 'key_loan', status: 'returned' }))).toEqual(none);
    const archive = { type: 'archive_access' } as const;
    expect(approvalWaitingOn(buildApproval({ ...archive, status: 'approved' }))).toEqual(
      role('archive_clerk'),
    );
    expect(approvalWaitingOn(buildApproval({ ...archive, status: 'checked_out' }))).toEqual(
      role('archive_clerk'),
    );
    const asked = { status: 'pending', reason: '明天还要核对', askedAt: new Date() } as const;
    expect(approvalWaitingOn(buildApproval({ ...archive, status: 'checked_out', extension: asked }))).toEqual(
      role('deputy_manager'),
    );
    expect(approvalWaitingOn(buildApproval({ ...archive, status: 'filed_back' }))).toEqual(none);
  });

  it('an approved request with follow-up tasks waits on the role of its next ready task', () => {
    const moveOut = (done: string[]) =>
      buildApproval({
        type: 'move_out',
        status: 'approved',
        tasks: (['settle_fees', 'return_keys', 'refund_deposit'] as const).map((task) => ({
          task,
          status: done.includes(task) ? 'done' : 'open',
          note: '',
        })),
      });
    expect(approvalWaitingOn(moveOut([]))).toEqual(role('finance'));
    expect(approvalWaitingOn(moveOut(['settle_fees']))).toEqual(role('senior_assistant'));
    expect(approvalWaitingOn(moveOut(['settle_fees', 'return_keys']))).toEqual(role('finance'));
    const lock = buildApproval({
      type: 'lock_change',
      status: 'approved',
      tasks: [{ task: 'change_lock', status: 'open', note: '' }],
    });
    expect(approvalWaitingOn(lock)).toEqual(role('engineering'));
  });
});
