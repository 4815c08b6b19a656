/**
 * Action keys and card ids of the inspection matters (patrols, violations, cleaning deductions):
 * the same `<tag>:<action>:<id>:<stage>` contract as ticket cards, under tags of their own so the
 * ticket handlers never see them.
 */
export const INSPECTION_KINDS = ['patrol', 'violation', 'cleaning', 'dispute'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];

const TAG: Record<InspectionKind, string> = { patrol: 'pt', violation: 'vl', cleaning: 'cl', dispute: 'df' };
const KIND_OF: Record<string, InspectionKind> = {
  pt: 'patrol',
  vl: 'violation',
  cl: 'cleaning',
  df: 'dispute',
};

export interface InspectionKey {
  readonly kind: InspectionKind;
  readonly action: string;
  readonly id: string;
  readonly stage: number;
}

export const inspectionKey = (k: InspectionKey): string =>
  [TAG[k.kind], k.action, k.id, String(k.stage)].join(':');

export const parseInspectionKey = (key: string): InspectionKey | undefined => {
  const m = /^(pt|vl|cl|df):([a-z_]{2,20}):([0-9a-f]{24}):(\d{1,4})$/.exec(key);
  const kind = m?.[1] ? KIND_OF[m[1]] : undefined;
  if (!m?.[2] || !m[3] || !m[4] || !kind) return undefined;
  return { kind, action: m[2], id: m[3], stage: Number(m[4]) };
};

export const isInspectionKey = (key: string): boolean => /^(pt|vl|cl|df):/.test(key);

/** A card instance id, unique per matter, stage, platform, person and (for re-sent copies) suffix. */
export const inspectionCardId = (
  kind: InspectionKind,
  id: string,
  stage: number,
  platform: string,
  personId: string,
  suffix = '',
): string => `${TAG[kind]}-${id}-${stage}-${platform.slice(0, 2)}-${personId}${suffix ? `-${suffix}` : ''}`;
