import { type DestinationStream, type Logger, type LoggerOptions as PinoOptions, pino } from 'pino';

export type { Logger } from 'pino';

/** Object paths whose values are always replaced, wherever a log call puts them. */
const REDACT_PATHS = [
  'secret',
  '*.secret',
  'corpsecret',
  '*.corpsecret',
  'appSecret',
  '*.appSecret',
  'clientSecret',
  '*.clientSecret',
  'access_token',
  '*.access_token',
  'accessToken',
  '*.accessToken',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'encodingAesKey',
  '*.encodingAesKey',
  'aesKey',
  '*.aesKey',
  '*.bindCode',
];

/** Nesting beyond this is cut (and not written), rather than written unscrubbed. */
const MAX_DEPTH = 8;

const scrubString = (s: string, secrets: readonly string[]): string => {
  let out = s.replace(/(access_token|corpsecret|appsecret|ticket|session)=[^&\s"]+/gi, '$1=[REDACTED]');
  // Every configured secret, whatever its length; longest first, so one inside another goes too.
  for (const secret of secrets) if (secret.length > 0) out = out.split(secret).join('[REDACTED]');
  return out;
};

/**
 * An Error as a plain object with the fields pino's serializer would write (type, message, stack,
 * code, reason, cause, aggregated errors), each scrubbed: a secret inside an error message or a
 * cause's message is caught like any other string.
 */
const scrubError = (e: Error, secrets: readonly string[], depth: number): Record<string, unknown> => {
  const out: Record<string, unknown> = {
    type: e.name,
    message: scrubString(e.message, secrets),
    ...(e.stack ? { stack: scrubString(e.stack, secrets) } : {}),
  };
  for (const [k, v] of Object.entries(e)) {
    if (!(k in out)) out[k] = scrubValue(v, secrets, depth + 1);
  }
  if (e.cause !== undefined) out.cause = scrubValue(e.cause, secrets, depth + 1);
  if (e instanceof AggregateError) out.errors = scrubValue(e.errors, secrets, depth + 1);
  return out;
};

const scrubValue = (v: unknown, secrets: readonly string[], depth: number): unknown => {
  if (typeof v === 'string') return scrubString(v, secrets);
  if (v === null || typeof v !== 'object') return v;
  if (depth > MAX_DEPTH) return '[depth limit]';
  if (v instanceof Error) return scrubError(v, secrets, depth);
  if (Array.isArray(v)) return v.map((x) => scrubValue(x, secrets, depth + 1));
  if (v instanceof Date) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = scrubValue(x, secrets, depth + 1);
  return out;
};

export interface LoggerOptions {
  readonly level: string;
  /** Exact secret values (from config) that are masked anywhere they appear. */
  readonly secrets?: readonly string[];
  readonly name?: string;
  /** Where lines go (stdout when absent). */
  readonly destination?: DestinationStream;
}

/**
 * One structured JSON logger for the whole process. Secrets are removed twice: by path
 * (pino `redact`) and by value, so a token that ends up inside a URL, a message or an error
 * (its message, stack, cause or own fields) is masked too, whatever its length.
 */
export const createLogger = (opts: LoggerOptions): Logger => {
  const secrets = [...(opts.secrets ?? [])].sort((a, b) => b.length - a.length);
  const options: PinoOptions = {
    level: opts.level,
    name: opts.name ?? 'mallbot',
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    formatters: {
      log: (obj) => scrubValue(obj, secrets, 0) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed: unknown[] = args.map((a) => (typeof a === 'string' ? scrubString(a, secrets) : a));
        // `log.error(err)` with no message: pino would take err.message as written, unscrubbed.
        const [first] = args;
        if (args.length === 1 && first instanceof Error) scrubbed.push(scrubString(first.message, secrets));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
};

/** A logger that writes nothing, for tests and tools. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
