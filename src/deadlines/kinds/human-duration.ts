/** A duration as people say it: `45分钟`, `2小时10分钟`, `3天5小时`. */
export const humanDuration = (ms: number): string => {
  const min = Math.max(0, Math.round(ms / 60_000));
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  if (d > 0) return `${d}天${h > 0 ? `${h}小时` : ''}`;
  if (h > 0) return `${h}小时${m > 0 ? `${m}分钟` : ''}`;
  return `${m}分钟`;
};
