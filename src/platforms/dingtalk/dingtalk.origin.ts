import { AppError, AppErrorCode } from '../../lib/errors.js';

/** What a callback must name when it names anything: our robot and our organisation. */
export interface ExpectedOrigin {
  readonly robotCode: string;
  readonly corpId?: string;
}

const field = (payload: unknown, name: string): string | undefined => {
  if (typeof payload !== 'object' || payload === null || !Object.hasOwn(payload, name)) return undefined;
  const v = (payload as Record<string, unknown>)[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

/**
 * Refuses (401) a robot message or card callback addressed to another robot or another corp. The
 * robot `sign` does not cover the body, so this does not authenticate anything on its own; it
 * stops a pair captured from another app of the same secret holder, and a payload crafted for
 * another organisation, from being taken as ours. Fields that are absent are not required.
 */
export const checkDingTalkOrigin = (payload: unknown, expected: ExpectedOrigin): void => {
  const robotCode = field(payload, 'robotCode');
  if (robotCode !== undefined && robotCode !== expected.robotCode) {
    throw new AppError(AppErrorCode.AUTHENTICATION_FAILED, 'robotCode is not this robot', {
      reason: 'foreign_robot_code',
    });
  }
  if (expected.corpId === undefined) return;
  for (const name of ['corpId', 'senderCorpId', 'chatbotCorpId']) {
    const corp = field(payload, name);
    if (corp !== undefined && corp !== expected.corpId) {
      throw new AppError(AppErrorCode.AUTHENTICATION_FAILED, `${name} is not this organisation`, {
        reason: 'foreign_corp_id',
      });
    }
  }
};

/**
 * Whether a session webhook is DingTalk's own endpoint: the scheme, host, port and path of
 * `base` exactly, no credentials in the URL. Anything else would be a server-side request forgery
 * that also hands our access token to a stranger, so it is neither stored nor called.
 */
export const sessionWebhookAllowed = (webhook: string, base: string): boolean => {
  let u: URL;
  let b: URL;
  try {
    u = new URL(webhook);
    b = new URL(base);
  } catch {
    return false;
  }
  return (
    u.protocol === b.protocol &&
    u.host === b.host &&
    u.pathname === b.pathname &&
    u.username === '' &&
    u.password === '' &&
    u.hash === ''
  );
};
