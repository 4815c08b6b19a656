import type { ClockPreset } from '../../../shared/console-api.js';

export interface ClockControlProps {
  readonly now: string;
  readonly tz: string;
  readonly busy: boolean;
  readonly onMove: (preset: ClockPreset) => void;
}

const PRESETS: readonly { preset: ClockPreset; label: string }[] = [
  { preset: 'hour', label: '+1 小时' },
  { preset: 'tomorrow9', label: '明天 9:00' },
  { preset: 'monday9', label: '下周一 9:00' },
];

/** The bot's time (its dev clock) and the buttons that move it, for reminders and escalations. */
export const ClockControl = ({ now, tz, busy, onMove }: ClockControlProps) => {
  const text = new Intl.DateTimeFormat('zh-CN', {
    timeZone: tz,
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(now));
  return (
    <fieldset class="clock">
      <legend class="sr-only">机器人时钟</legend>
      <span class="clock-now" title={`机器人时间（${tz}）`} data-testid="bot-time" data-now={now}>
        <span class="clock-label">机器人时间 </span>
        {text}
      </span>
      {PRESETS.map((p) => (
        <button
          type="button"
          key={p.preset}
          class="clock-button"
          disabled={busy}
          onClick={() => onMove(p.preset)}
        >
          {p.label}
        </button>
      ))}
    </fieldset>
  );
};
