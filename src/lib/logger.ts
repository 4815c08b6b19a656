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

const scrubString = (s: string, secrets: readonly string[]): string => {
  let out = s.replace(/(access_token|corpsecret|appsecret|ticket|session)=[^&\s"]+/gi, '$1=[REDACTED]');
  for (const secret of secrets) if (secret.length >= 6) out = out.split(secret).join('[REDACTED]');
  return out;
};

const scrubValue = (v: unknown, secrets: readonly string[], depth: number): unknown => {
  if (typeof v === 'string') return scrubString(v, secrets);
  if (depth > 4 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => scrubValue(x, secrets, depth + 1));
  if (v instanceof Error) return v;
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
 * (pino `redact`) and by value, so a token that ends up inside a URL or a message is masked too.
 */
export const createLogger = (opts: LoggerOptions): Logger => {
  const secrets = opts.secrets ?? [];
  const options: PinoOptions = {
    level: opts.level,
    name: opts.name ?? 'mallbot',
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    formatters: {
      log: (obj) => scrubValue(obj, secrets, 0) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === 'string' ? scrubString(a, secrets) : a));
        method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
  return opts.destination ? pino(options, opts.destination) : pino(options);
};

/** A logger that writes nothing, for tests and tools. */
export const silentLogger = (): Logger => pino({ level: 'silent' });
