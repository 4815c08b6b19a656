/** How the client reacts to a WeCom errcode (PROTOCOLS.md §1.8, doc 90313). */
export type ErrcodeClass = 'ok' | 'token' | 'retry' | 'response_code' | 'reject';

/** Token missing, invalid or expired: drop the cached token, fetch once, call again. */
const TOKEN = new Set([40014, 42001, 41001]);
/** System busy, frequency and concurrency limits: back off and retry. */
const RETRY = new Set([-1, 45009, 45033]);

export const classifyErrcode = (errcode: number): ErrcodeClass => {
  if (errcode === 0) return 'ok';
  if (TOKEN.has(errcode)) return 'token';
  if (RETRY.has(errcode)) return 'retry';
  if (errcode === 60140) return 'response_code';
  // 40001/40091 bad secret, 60020 untrusted IP, 81013 no valid recipient, 42014 task_id used,
  // 42015/42016 wrong card: configuration or request errors that no retry fixes.
  return 'reject';
};

export const WECOM_ERRCODES = {
  OK: 0,
  BUSY: -1,
  INVALID_CREDENTIAL: 40001,
  INVALID_TOKEN: 40014,
  TOKEN_EXPIRED: 42001,
  FREQ_LIMIT: 45009,
  TASK_ID_EXISTS: 42014,
  TASK_ID_NOT_FOUND: 42016,
  NO_VALID_RECIPIENT: 81013,
  RESPONSE_CODE_INVALID: 60140,
  /** media/get: the file is too large for one request (fetch it in Range chunks). */
  MEDIA_TOO_LARGE: 830002,
  /** media/get: unknown or expired media_id. */
  INVALID_MEDIA_ID: 40007,
} as const;
