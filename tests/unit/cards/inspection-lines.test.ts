import { describe, expect, it } from 'vitest';
import { inspectionLine } from '../../../cards/inspection-status.text.js';
import type { CleaningView } from '../../../src/domain/cleaning/cleaning.types.js';
import type { PatrolView } from '../../../src/domain/patrol/patrol.types.js';
import type { ViolationView } from '../../../src/domain/violation/violation.types.js';

const T0 = new Date('2026-12-01T02:00:00Z');
const when = (d: Date) => `${d.toISOString().slice(5, 16).replace('T', ' ')}Z`;
const channel = { platform: 'wecom' as const, userId: 'u', conversationId: '' };

const patrol: PatrolView = {
  id: 'p1',
  number: 'XC20261201-001',
  sourceKey: 'k',
  walkerId: 'w',
  channel,
  dayKey: '2026-12-01',
  shift: 'early',
  status: 'submitted',
  startedAt: T0,
  endedAt: T0,
  reviewedAt: undefined,
  reviewerId: undefined,
  findingCount: 3,
  stage: 1,
  version: 1,
  history: [],
  createdAt: T0,
};

const violation: ViolationView = {
  id: 'v1',
  number: 'WZ20261201-001',
  shopCode: 'B1-23',
  category: 'covenant',
  text: '门口堆放货物占用通道，限期整改不得再犯',
  inspectorId: 'w',
  channel,
  patrolNumber: 'XC20261201-001',
  fixBy: new Date(T0.getTime() + 7200_000),
  status: 'recheck',
  offenceNo: 1,
  escalated: false,
  noticeKind: undefined,
  noticeNumber: undefined,
  noticeAt: undefined,
  signedAt: undefined,
  signerId: undefined,
  meetingNote: undefined,
  meetingAt: undefined,
  stage: 1,
  version: 1,
  history: [],
  createdAt: T0,
};

const cleaning: CleaningView = {
  id: 'c1',
  number: 'QJ20261201-001',
  status: 'pending',
  itemCode: 'C02',
  item: '洗手间',
  points: 3,
  text: '2楼女洗手间有异味',
  inspectorId: 'w',
  channel,
  dayKey: '2026-12-01',
  monthKey: '2026-12',
  shift: 'early',
  contractorId: undefined,
  confirmedAt: undefined,
  disputeReason: undefined,
  decidedById: undefined,
  stage: 0,
  version: 0,
  history: [],
  createdAt: T0,
};

describe('inspection lines in 待办', () => {
  it('names each matter, its state and what it waits for', () => {
    expect(inspectionLine({ kind: 'patrol', view: patrol }, when)).toBe(
      '· XC20261201-001 巡场情况记录表（早班，3 项）：待审阅（12-01 02:00Z）',
    );
    expect(inspectionLine({ kind: 'violation', view: violation }, when)).toBe(
      '· WZ20261201-001 违章 B1-23：待复查（整改期限 12-01 04:00Z）「门口堆放货物占用通道，限期整改不…」',
    );
    expect(
      inspectionLine(
        {
          kind: 'violation',
          view: { ...violation, status: 'noticed', noticeKind: 'breach', noticeNumber: 'WY20261201-002' },
        },
        when,
      ),
    ).toBe(
      '· 违约处理单 WY20261201-002（WZ20261201-001，B1-23）：待签收「门口堆放货物占用通道，限期整改不…」',
    );
    expect(inspectionLine({ kind: 'cleaning', view: cleaning }, when)).toBe(
      '· QJ20261201-001 清洁扣分 C02 洗手间 3 分：待清洁公司确认「2楼女洗手间有异味」',
    );
  });
});
