import { weakTokenReason } from './secret-strength.js';

/**
 * Settings that are fine on a laptop and dangerous on the internet. In production each is refused
 * unless `ALLOW_INSECURE` names it, so turning one on is a deliberate, visible act.
 */
export const INSECURE_OVERRIDES = ['replay_window_off', 'weak_admin_token'] as const;
export type InsecureOverride = (typeof INSECURE_OVERRIDES)[number];

export interface ProductionInputs {
  readonly nodeEnv: string;
  readonly webhookMaxClockSkewS: number;
  readonly adminToken: string | undefined;
  readonly allowInsecure: readonly InsecureOverride[];
}

/** The problems of a production configuration, as `[variable, message]` pairs (none elsewhere). */
export const productionProblems = (i: ProductionInputs): [string, string][] => {
  if (i.nodeEnv !== 'production') return [];
  const out: [string, string][] = [];
  if (i.webhookMaxClockSkewS === 0 && !i.allowInsecure.includes('replay_window_off')) {
    out.push([
      'WEBHOOK_MAX_CLOCK_SKEW_S',
      'WEBHOOK_MAX_CLOCK_SKEW_S=0 turns the replay window off (a captured callback could be replayed forever); set 300, or ALLOW_INSECURE=replay_window_off',
    ]);
  }
  const weak = i.adminToken === undefined ? undefined : weakTokenReason(i.adminToken);
  if (weak && !i.allowInsecure.includes('weak_admin_token')) {
    out.push([
      'ADMIN_TOKEN',
      `ADMIN_TOKEN is ${weak}; use \`openssl rand -hex 32\`, or ALLOW_INSECURE=weak_admin_token`,
    ]);
  }
  return out;
};
