/** Stable error codes; boundaries (HTTP, worker, handlers) map them to outcomes in one place each. */
export const AppErrorCode = {
  /** Input failed validation; the caller must change the request. HTTP 400. */
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  /** Request body is not in the expected format. HTTP 400. */
  MALFORMED_BODY: 'MALFORMED_BODY',
  /** Request body is over the size limit. HTTP 413. */
  BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  /** Signature, timestamp or receive id did not verify. HTTP 401. */
  AUTHENTICATION_FAILED: 'AUTHENTICATION_FAILED',
  /** The actor is known but not allowed to do this. HTTP 403; audited. */
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  /** A state change was asked of an entity that is not in the expected state. */
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  /** Someone already decided this step: treat as success for retries, tell a human politely. */
  ALREADY_DECIDED: 'ALREADY_DECIDED',
  /** A dependency (Mongo, Redis) is not reachable right now; retry later. HTTP 503. */
  UNAVAILABLE: 'UNAVAILABLE',
  /** A platform API answered with an error that a retry may fix. */
  PLATFORM_RETRYABLE: 'PLATFORM_RETRYABLE',
  /** A platform API answered with an error that needs a configuration or request change. */
  PLATFORM_REJECTED: 'PLATFORM_REJECTED',
  RATE_LIMITED: 'RATE_LIMITED',
  CONFIG_INVALID: 'CONFIG_INVALID',
  UNKNOWN: 'UNKNOWN',
} as const;
export type AppErrorCode = (typeof AppErrorCode)[keyof typeof AppErrorCode];

const STATUS: Record<AppErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_BODY: 400,
  BODY_TOO_LARGE: 413,
  AUTHENTICATION_FAILED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_TRANSITION: 409,
  ALREADY_DECIDED: 409,
  UNAVAILABLE: 503,
  PLATFORM_RETRYABLE: 502,
  PLATFORM_REJECTED: 502,
  RATE_LIMITED: 429,
  CONFIG_INVALID: 500,
  UNKNOWN: 500,
};

export interface AppErrorOptions {
  readonly cause?: unknown;
  /** Short machine-readable reason logged with the error (e.g. `bad_signature`). */
  readonly reason?: string;
  /** Whether the message may be shown to the caller. Defaults to true below 500. */
  readonly expose?: boolean;
  readonly details?: Readonly<Record<string, unknown>>;
}

export class AppError extends Error {
  readonly status: number;
  readonly expose: boolean;
  readonly reason: string | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    opts: AppErrorOptions = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'AppError';
    this.status = STATUS[code];
    this.expose = opts.expose ?? this.status < 500;
    this.reason = opts.reason;
    this.details = opts.details;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** Wraps anything thrown into an AppError so every boundary handles one type. */
export const asAppError = (e: unknown): AppError =>
  isAppError(e)
    ? e
    : new AppError(AppErrorCode.UNKNOWN, e instanceof Error ? e.message : String(e), {
        cause: e,
        expose: false,
      });
