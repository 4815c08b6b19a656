/**
 * Public spaces that can be booked (公共场地使用) and the overlap rule. A booking names one space
 * by its code, so two requests for "中庭" and "商场中庭" are the same space; the store finds the
 * approved bookings of a space by equality on `space` and a range on the slot (one indexed query).
 */
export interface PublicSpace {
  readonly code: string;
  readonly name: string;
  /** Words people use for it, longest first where one contains another. */
  readonly aliases: readonly string[];
}

export const PUBLIC_SPACES: readonly PublicSpace[] = [
  { code: 'atrium', name: '中庭', aliases: ['中庭', '中央大厅', '中厅'] },
  { code: 'east_plaza', name: '东门广场', aliases: ['东门广场', '东广场', '东门外'] },
  { code: 'west_plaza', name: '西门广场', aliases: ['西门广场', '西广场', '西门外'] },
  { code: 'b1_corridor', name: 'B1连廊', aliases: ['B1连廊', '负一楼连廊', '地下连廊'] },
  { code: 'roof_terrace', name: '三楼露台', aliases: ['三楼露台', '3楼露台', '露台'] },
];

/** The space a text names, if any. */
export const findSpace = (text: string): PublicSpace | undefined => {
  const t = text.toUpperCase();
  return PUBLIC_SPACES.find((s) => s.aliases.some((a) => t.includes(a.toUpperCase())));
};

export const spaceByCode = (code: string): PublicSpace | undefined =>
  PUBLIC_SPACES.find((s) => s.code === code);

/** A booked time on one space, [start, end). */
export interface Slot {
  readonly space: string;
  readonly start: Date;
  readonly end: Date;
}

/** Two slots clash when they are on the same space and share a moment (back to back is fine). */
export const overlaps = (a: Slot, b: Slot): boolean =>
  a.space === b.space && a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();

/** The words a requester reads when their slot clashes with an approved booking. */
export const clashReason = (
  slot: Slot,
  clash: { readonly number: string; readonly slot: Slot },
  when: (d: Date) => string,
): string =>
  `${spaceByCode(slot.space)?.name ?? slot.space} 在该时段已有已批准的使用申请 ${clash.number}（${when(clash.slot.start)} 至 ${when(clash.slot.end)}），与您申请的时段重叠，申请不能受理。请换一个时段或场地。`;
