import { PATROL_ACTION_SPECS } from '../src/domain/patrol/patrol.actions.js';
import { FINDING_LABELS, SHIFT_LABELS } from '../src/domain/patrol/patrol.rules.js';
import type { FindingView, PatrolAction, PatrolView } from '../src/domain/patrol/patrol.types.js';
import type { Card } from './card.types.js';
import { inspectionKey } from './inspection-key.js';

export interface PatrolCardContext {
  readonly cardId: string;
  readonly actions: readonly PatrolAction[];
  readonly walker: string;
  readonly when: (d: Date) => string;
  readonly note?: string;
}

const STATUS = { walking: '巡场中', submitted: '待审阅', reviewed: '已审阅' } as const;

/** One line per finding: "1. 【设施故障】B1-05 门口灯不亮 → WX20261201-001". */
export const findingLine = (f: FindingView): string => {
  const links = [f.repairNumber, f.violationNumber].filter(Boolean).join('、');
  const photos = f.attachmentIds.length > 0 ? `（照片${f.attachmentIds.length}张）` : '';
  return `${f.seq}. 【${FINDING_LABELS[f.category]}】${f.unit ? `${f.unit} ` : ''}${f.text}${photos}${links ? ` → ${links}` : ''}`;
};

/** The patrol record (巡场情况记录表), with the buttons its reader may press. */
export const presentPatrolCard = (
  p: PatrolView,
  findings: readonly FindingView[],
  ctx: PatrolCardContext,
): Card => ({
  cardId: ctx.cardId,
  title: `巡场情况记录表 ${p.number}`,
  description: [ctx.note, STATUS[p.status]].filter(Boolean).join('\n'),
  source: '商场运营部 · 巡场',
  fields: [
    { label: '巡场人', value: ctx.walker },
    { label: '班次', value: `${p.dayKey} ${SHIFT_LABELS[p.shift]}` },
    {
      label: '时间',
      value: `${ctx.when(p.startedAt)}${p.endedAt ? ` - ${ctx.when(p.endedAt).split(' ').at(-1)}` : ''}`,
    },
    { label: '发现问题', value: `${findings.length} 项` },
  ],
  quote: findings.length > 0 ? findings.map(findingLine).join('\n') : '本次巡场未发现问题',
  actions: ctx.actions.map((a) => ({
    key: inspectionKey({ kind: 'patrol', action: a, id: p.id, stage: p.stage }),
    label: PATROL_ACTION_SPECS[a].label,
    style: PATROL_ACTION_SPECS[a].style,
  })),
});
