import type { ConsolePlatform, PlatformInfo } from '../../../shared/console-api.js';

const NAMES: Readonly<Record<ConsolePlatform, string>> = { wecom: '企业微信', dingtalk: '钉钉' };

/** Which platform's look (and emulator) the console uses. */
export const PlatformSwitch = ({
  platforms,
  current,
  onPick,
}: {
  platforms: readonly PlatformInfo[];
  current: ConsolePlatform;
  onPick: (p: ConsolePlatform) => void;
}) => (
  <fieldset class="platform-switch">
    <legend class="sr-only">平台</legend>
    {platforms.map((p) => (
      <button
        type="button"
        key={p.id}
        aria-pressed={p.id === current}
        class={`platform platform-${p.id}${p.id === current ? ' is-current' : ''}`}
        disabled={!p.available}
        title={p.available ? undefined : '该平台连接的是真实服务，控制台无法模拟'}
        onClick={() => onPick(p.id)}
      >
        {NAMES[p.id]}
      </button>
    ))}
  </fieldset>
);
