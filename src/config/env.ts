import { createHash } from 'node:crypto';
import { z } from 'zod';
import { type CleaningContract, DEFAULT_CLEANING_CONTRACT } from '../domain/cleaning/cleaning.standard.js';
import { DEFAULT_FIX_MINUTES, DEFAULT_REPEAT_THRESHOLD } from '../domain/violation/violation.rules.js';
import type { CalendarConfig } from '../lib/calendar/business-calendar.js';
import { readCalendarFile } from '../lib/calendar/calendar-file.js';
import { parseIdKey } from '../lib/id-sealer.js';
import { officeHoursVar, officeRolesVar, shiftHoursVar } from './calendar-config.js';
import { aesKey, bool, insecureOverrides, isTimeZone, optionalString } from './env-fields.js';
import { productionProblems } from './production-rules.js';

/** Roles a process can run; `all` runs every one of them in one process. */
export const ROLES = ['web', 'worker', 'scheduler'] as const;
export type Role = (typeof ROLES)[number];

/** DingTalk's own session-webhook endpoint: replies go nowhere else (PROTOCOLS.md §2.1). */
export const DINGTALK_SESSION_WEBHOOK_BASE = 'https://oapi.dingtalk.com/robot/sendBySession';

/**
 * The whole environment, validated once at startup. This is the only module that knows the
 * variable names; everything else receives the frozen {@link Config}.
 */
const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** HTTP port of the web role. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Interface the web role binds to. */
    HOST: z.string().default('0.0.0.0'),
    /** Which roles this process runs: `all`, or a comma list of web, worker, scheduler. */
    ROLE: z
      .string()
      .default('all')
      .transform((v, ctx) => {
        const parts = v
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean);
        if (parts.length === 1 && parts[0] === 'all') return [...ROLES];
        const bad = parts.filter((p) => !(ROLES as readonly string[]).includes(p));
        if (parts.length === 0 || bad.length > 0) {
          ctx.addIssue({
            code: 'custom',
            message: `ROLE must be "all" or a comma list of ${ROLES.join(', ')}`,
          });
          return z.NEVER;
        }
        return [...new Set(parts)] as Role[];
      }),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** MongoDB (or FerretDB) connection string, database name included. */
    MONGODB_URI: z
      .string()
      .regex(/^mongodb(\+srv)?:\/\/.+/, 'MONGODB_URI must start with mongodb:// or mongodb+srv://'),
    /** Redis connection string. */
    REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, 'REDIS_URL must start with redis:// or rediss://'),
    /** Prefix for every Redis key (queues, caches, dialogs); lets several deployments share one Redis. */
    REDIS_KEY_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, 'REDIS_KEY_PREFIX must be 1-40 characters of [A-Za-z0-9_-]')
      .default('mallbot'),
    /** IANA zone of the business calendar. */
    TZ_BUSINESS: z
      .string()
      .default('Asia/Shanghai')
      .refine(isTimeZone, 'TZ_BUSINESS is not an IANA time zone'),
    /** Seconds a signed callback timestamp may differ from now; 0 turns the replay window off. */
    WEBHOOK_MAX_CLOCK_SKEW_S: z.coerce.number().int().min(0).max(86_400).default(300),
    /** Bearer token for /api/*; the admin API refuses every request when unset. */
    ADMIN_TOKEN: optionalString.refine((v) => v === undefined || v.length >= 16, {
      message: 'ADMIN_TOKEN must be at least 16 characters',
    }),
    /** Requests per minute one client address may make to /api/* (before authentication). */
    ADMIN_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).max(100_000).default(60),
    /** Trust X-Forwarded-For from the reverse proxy in front (client address for rate limits). */
    TRUST_PROXY: bool('false'),
    /** Production safety checks to waive, comma-separated (see production-rules.ts). */
    ALLOW_INSECURE: insecureOverrides,
    /** Milliseconds a graceful shutdown may take before the process force-quits. */
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),

    WECOM_CORP_ID: optionalString,
    WECOM_AGENT_ID: optionalString.refine((v) => v === undefined || /^\d{1,10}$/.test(v), {
      message: 'WECOM_AGENT_ID must be the numeric AgentId of the app',
    }),
    WECOM_SECRET: optionalString,
    WECOM_TOKEN: optionalString.refine((v) => v === undefined || /^[A-Za-z0-9]{1,32}$/.test(v), {
      message: 'WECOM_TOKEN must be 1-32 characters from [A-Za-z0-9]',
    }),
    WECOM_ENCODING_AES_KEY: aesKey('WECOM_ENCODING_AES_KEY'),
    WECOM_API_BASE: z.url().default('https://qyapi.weixin.qq.com/cgi-bin'),

    DINGTALK_APP_KEY: optionalString,
    DINGTALK_APP_SECRET: optionalString,
    DINGTALK_ROBOT_CODE: optionalString,
    DINGTALK_TOKEN: optionalString,
    DINGTALK_AES_KEY: aesKey('DINGTALK_AES_KEY'),
    DINGTALK_API_BASE: z.url().default('https://api.dingtalk.com'),
    /** The organisation's corp id: callbacks that name another corp are refused. */
    DINGTALK_CORP_ID: optionalString,
    /** Session webhooks outside this scheme, host and path are never stored nor called. */
    DINGTALK_SESSION_WEBHOOK_BASE: z.url().default(DINGTALK_SESSION_WEBHOOK_BASE),
    /** Mount the HTTP robot and card routes; defaults to on without Stream mode, off with it. */
    DINGTALK_HTTP_CALLBACKS: z.enum(['true', 'false', '1', '0', '']).optional(),
    /** Card-platform template of the interactive cards (variables: see README "DingTalk cards"). */
    DINGTALK_CARD_TEMPLATE_ID: z.string().min(1).max(128).default('mallbot-action-card.schema'),
    /** Receive DingTalk robot messages and card clicks over Stream mode (no public URL needed). */
    DINGTALK_STREAM: bool('false'),

    /** A clock that can be moved through POST /api/dev/clock (development and tests only). */
    DEV_CLOCK: z
      .enum(['1', '0', 'true', 'false', ''])
      .default('0')
      .transform((v) => v === '1' || v === 'true'),
    /** JSON file of the company's holiday and make-up-day overrides (validated at startup). */
    CALENDAR_FILE: optionalString,
    /** Shift hours: JSON per role ("*" for every role), e.g. {"*":{"early":"08:00-16:00"}}. */
    SHIFT_HOURS: shiftHoursVar,
    /** Office hours of working days: the business window business-time targets count in. */
    OFFICE_HOURS: officeHoursVar,
    /** Roles that work office hours on working days (holidays off, make-up days on). */
    OFFICE_ROLES: officeRolesVar,
    /** Cron pattern (business zone) of the deadline sweep; every minute by default. */
    DEADLINE_SWEEP_PATTERN: z
      .string()
      .trim()
      .default('* * * * *')
      .refine(
        (v) => /^(\S+\s+){4,5}\S+$/.test(v),
        'DEADLINE_SWEEP_PATTERN must be a 5- or 6-field cron pattern',
      ),
    /** WeCom group robot webhook URL (…/cgi-bin/webhook/send?key=…) that also gets the digests. */
    DIGEST_WECOM_ROBOT_URL: optionalString.refine(
      (v) => v === undefined || /^https?:\/\/.+[?&]key=[^&]+/.test(v),
      { message: 'DIGEST_WECOM_ROBOT_URL must be a group robot webhook URL with a key parameter' },
    ),
    /** DingTalk group (openConversationId) that also gets the digests. */
    DIGEST_DINGTALK_GROUP_ID: optionalString,
    /** A font file with Chinese glyphs for chart images; found among the system fonts when unset. */
    CHART_FONT_FILE: optionalString,
    /**
     * The lift maintenance company's chat accounts, told at once about a lift fault: a comma list of
     * `wecom:<userid>` / `dingtalk:<staffid>`.
     */
    LIFT_CONTACTS: z
      .string()
      .default('')
      .refine(
        (v) =>
          v
            .split(',')
            .every((p) => p.trim() === '' || /^(wecom|dingtalk):[A-Za-z0-9_.@-]{1,64}$/.test(p.trim())),
        {
          message: 'LIFT_CONTACTS must be a comma list of wecom:<userid> or dingtalk:<staffid>',
        },
      ),
    /** The bot's public HTTPS address (links to photos in DingTalk messages, later the dashboard). */
    PUBLIC_BASE_URL: optionalString.refine((v) => v === undefined || /^https?:\/\/[^/\s]+(\/.*)?$/.test(v), {
      message: 'PUBLIC_BASE_URL must be an http(s) URL such as https://bot.mall.example',
    }),
    /**
     * Key for resident ID numbers kept at rest (outside key borrowers): 32 bytes as 64 hex
     * characters or base64 (`openssl rand -hex 32`). Without it only the masked number is kept.
     */
    ID_ENCRYPTION_KEY: optionalString.refine((v) => v === undefined || parseIdKey(v) !== undefined, {
      message: 'ID_ENCRYPTION_KEY must be 32 bytes as 64 hex characters or base64',
    }),
    /** Key for signing photo links; derived from the platform secrets when unset. */
    MEDIA_URL_SECRET: optionalString.refine((v) => v === undefined || v.length >= 32, {
      message: 'MEDIA_URL_SECRET must be at least 32 characters',
    }),
    /** Largest photo or file accepted from a chat, in bytes (10 MB). */
    MEDIA_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(20 * 1024 * 1024)
      .default(10 * 1024 * 1024),
    /** From this offence of one shop on, the senior assistant and the manager are called in (9.3.1.3). */
    VIOLATION_REPEAT_THRESHOLD: z.coerce.number().int().min(2).max(50).default(DEFAULT_REPEAT_THRESHOLD),
    /** Minutes a shop has to fix a breach when the assistant names no time ("限时整改"). */
    VIOLATION_FIX_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(7 * 24 * 60)
      .default(DEFAULT_FIX_MINUTES),
    /** The cleaning contract's monthly fee in yuan, settled against the month's deductions (6). */
    CLEANING_MONTHLY_FEE_YUAN: z.coerce
      .number()
      .int()
      .min(1)
      .max(100_000_000)
      .default(DEFAULT_CLEANING_CONTRACT.monthlyFeeYuan),
    /** Yuan deducted from the cleaning contract per point. */
    CLEANING_YUAN_PER_POINT: z.coerce
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .default(DEFAULT_CLEANING_CONTRACT.yuanPerPoint),
  })
  .superRefine((env, ctx) => {
    const group = (prefix: string, names: readonly (keyof typeof env)[]) => {
      const set = names.filter((n) => env[n] !== undefined);
      if (set.length > 0 && set.length < names.length) {
        for (const n of names) {
          if (env[n] === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: [n],
              message: `${n} is required when any ${prefix} variable is set (set all of ${names.join(', ')} or none)`,
            });
          }
        }
      }
    };
    group('WECOM_', [
      'WECOM_CORP_ID',
      'WECOM_AGENT_ID',
      'WECOM_SECRET',
      'WECOM_TOKEN',
      'WECOM_ENCODING_AES_KEY',
    ]);
    group('DINGTALK_', ['DINGTALK_APP_KEY', 'DINGTALK_APP_SECRET', 'DINGTALK_ROBOT_CODE']);
    group('DINGTALK_ event-subscription', ['DINGTALK_TOKEN', 'DINGTALK_AES_KEY']);
    if (env.DINGTALK_TOKEN !== undefined && env.DINGTALK_APP_KEY === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['DINGTALK_APP_KEY'],
        message:
          'DINGTALK_APP_KEY is required for event subscriptions (it is the owner key of the callback crypto)',
      });
    }
    if (env.DEV_CLOCK && env.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['DEV_CLOCK'],
        message: 'DEV_CLOCK cannot be set in production (it lets an admin move the clock)',
      });
    }
    if (env.DIGEST_DINGTALK_GROUP_ID !== undefined && env.DINGTALK_APP_KEY === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['DIGEST_DINGTALK_GROUP_ID'],
        message: 'DIGEST_DINGTALK_GROUP_ID needs the DINGTALK_ app variables',
      });
    }
    for (const [name, message] of productionProblems({
      nodeEnv: env.NODE_ENV,
      webhookMaxClockSkewS: env.WEBHOOK_MAX_CLOCK_SKEW_S,
      adminToken: env.ADMIN_TOKEN,
      allowInsecure: env.ALLOW_INSECURE,
    })) {
      ctx.addIssue({ code: 'custom', path: [name], message });
    }
    if (env.DINGTALK_STREAM && env.DINGTALK_APP_KEY === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['DINGTALK_STREAM'],
        message: 'DINGTALK_STREAM needs the DINGTALK_ app variables',
      });
    }
  });

export interface WeComConfig {
  readonly corpId: string;
  readonly agentId: number;
  readonly secret: string;
  readonly token: string;
  readonly encodingAesKey: string;
  readonly apiBase: string;
}

export interface DingTalkConfig {
  readonly appKey: string;
  readonly appSecret: string;
  readonly robotCode: string;
  readonly apiBase: string;
  readonly stream: boolean;
  readonly cardTemplateId: string;
  /** Refuse callbacks naming another corp (when set). */
  readonly corpId?: string;
  /** Whether the HTTP robot and card routes are mounted. */
  readonly httpCallbacks: boolean;
  /** Scheme, host and path every session webhook must have. */
  readonly sessionWebhookBase: string;
  /** Present when the event-subscription callback is configured. */
  readonly events?: { readonly token: string; readonly aesKey: string };
}

export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly port: number;
  readonly host: string;
  readonly roles: readonly Role[];
  readonly logLevel: string;
  readonly mongodbUri: string;
  readonly redisUrl: string;
  readonly redisKeyPrefix: string;
  readonly tzBusiness: string;
  readonly webhookMaxClockSkewS: number;
  readonly adminToken?: string;
  readonly adminRateLimitPerMin: number;
  readonly trustProxy: boolean;
  readonly shutdownTimeoutMs: number;
  readonly wecom?: WeComConfig;
  readonly dingtalk?: DingTalkConfig;
  /** The movable development clock (POST /api/dev/clock). */
  readonly devClock: boolean;
  /** Holidays, shifts and office hours. */
  readonly calendar: CalendarConfig & { readonly file?: string };
  readonly timers: { readonly sweepPattern: string };
  readonly digest: DigestConfig;
  /** Photos and files from chats: the public address for links, the link signing key, the size cap. */
  readonly media: { readonly publicBaseUrl?: string; readonly urlSecret: string; readonly maxBytes: number };
  /** The key resident ID numbers are encrypted with (hex), when configured. */
  readonly idEncryptionKeyHex?: string;
  /** The lift maintenance company's chat accounts. */
  readonly liftContacts: readonly { readonly platform: 'wecom' | 'dingtalk'; readonly userId: string }[];
  readonly inspections: InspectionConfig;
}

/** The patrol, violation and cleaning figures the mall may set (rulebook 6, 9.3.1). */
export interface InspectionConfig {
  /** The offence count of one shop from which the senior assistant and the manager are called in. */
  readonly repeatThreshold: number;
  /** Fix-by time in minutes when the assistant names none. */
  readonly defaultFixMinutes: number;
  readonly cleaningContract: CleaningContract;
}

/** Where digests go besides the people's app chats. */
export interface DigestConfig {
  readonly wecomRobotUrl?: string;
  readonly dingtalkGroupId?: string;
  readonly chartFontFile?: string;
}

/** Thrown by {@link loadConfig}; `problems` names every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const deepFreeze = <T extends object>(o: T): T => {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v as object);
  return Object.freeze(o);
};

/**
 * Parses and validates the environment once. Every problem is reported together in one
 * {@link ConfigError}; secrets are never echoed back in the messages.
 */
export const loadConfig = (
  source: Readonly<Record<string, string | undefined>>,
  opts: { readonly readFile?: (path: string) => string } = {},
): Config => {
  const parsed = EnvSchema.safeParse(source);
  const problems: string[] = [];
  if (!parsed.success) {
    problems.push(
      ...parsed.error.issues.map((i) => {
        const name = i.path.length > 0 ? i.path.join('.') : 'environment';
        const msg = i.code === 'invalid_type' && i.input === undefined ? `${name} is required` : i.message;
        return msg.includes(name) ? msg : `${name}: ${msg}`;
      }),
    );
  }
  const calendarFile = source.CALENDAR_FILE?.trim() || undefined;
  const fileDays = calendarFile ? readCalendarFile(calendarFile, opts.readFile) : { days: [] };
  if ('problems' in fileDays) problems.push(...fileDays.problems.map((p) => `CALENDAR_FILE: ${p}`));
  if (!parsed.success || 'problems' in fileDays) throw new ConfigError([...new Set(problems)]);
  const e = parsed.data;
  const config: Config = {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    roles: e.ROLE,
    logLevel: e.LOG_LEVEL,
    mongodbUri: e.MONGODB_URI,
    redisUrl: e.REDIS_URL,
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    tzBusiness: e.TZ_BUSINESS,
    webhookMaxClockSkewS: e.WEBHOOK_MAX_CLOCK_SKEW_S,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    adminRateLimitPerMin: e.ADMIN_RATE_LIMIT_PER_MIN,
    trustProxy: e.TRUST_PROXY,
    ...(e.ID_ENCRYPTION_KEY ? { idEncryptionKeyHex: parseIdKey(e.ID_ENCRYPTION_KEY)?.toString('hex') } : {}),
    media: {
      ...(e.PUBLIC_BASE_URL ? { publicBaseUrl: e.PUBLIC_BASE_URL.replace(/\/+$/, '') } : {}),
      urlSecret:
        e.MEDIA_URL_SECRET ??
        createHash('sha256')
          .update(
            `mallbot-media-links:${e.WECOM_SECRET ?? ''}:${e.DINGTALK_APP_SECRET ?? ''}:${e.ADMIN_TOKEN ?? ''}:${e.MONGODB_URI}`,
          )
          .digest('hex'),
      maxBytes: e.MEDIA_MAX_BYTES,
    },
    liftContacts: e.LIFT_CONTACTS.split(',')
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => {
        const [platform, userId] = p.split(':') as ['wecom' | 'dingtalk', string];
        return { platform, userId };
      }),
    ...(e.ADMIN_TOKEN ? { adminToken: e.ADMIN_TOKEN } : {}),
    ...(e.WECOM_CORP_ID && e.WECOM_AGENT_ID && e.WECOM_SECRET && e.WECOM_TOKEN && e.WECOM_ENCODING_AES_KEY
      ? {
          wecom: {
            corpId: e.WECOM_CORP_ID,
            agentId: Number(e.WECOM_AGENT_ID),
            secret: e.WECOM_SECRET,
            token: e.WECOM_TOKEN,
            encodingAesKey: e.WECOM_ENCODING_AES_KEY,
            apiBase: e.WECOM_API_BASE.replace(/\/+$/, ''),
          },
        }
      : {}),
    ...(e.DINGTALK_APP_KEY && e.DINGTALK_APP_SECRET && e.DINGTALK_ROBOT_CODE
      ? {
          dingtalk: {
            appKey: e.DINGTALK_APP_KEY,
            appSecret: e.DINGTALK_APP_SECRET,
            robotCode: e.DINGTALK_ROBOT_CODE,
            apiBase: e.DINGTALK_API_BASE.replace(/\/+$/, ''),
            stream: e.DINGTALK_STREAM,
            cardTemplateId: e.DINGTALK_CARD_TEMPLATE_ID,
            ...(e.DINGTALK_CORP_ID ? { corpId: e.DINGTALK_CORP_ID } : {}),
            httpCallbacks:
              e.DINGTALK_HTTP_CALLBACKS === undefined || e.DINGTALK_HTTP_CALLBACKS === ''
                ? !e.DINGTALK_STREAM
                : e.DINGTALK_HTTP_CALLBACKS === 'true' || e.DINGTALK_HTTP_CALLBACKS === '1',
            sessionWebhookBase: e.DINGTALK_SESSION_WEBHOOK_BASE,
            ...(e.DINGTALK_TOKEN && e.DINGTALK_AES_KEY
              ? { events: { token: e.DINGTALK_TOKEN, aesKey: e.DINGTALK_AES_KEY } }
              : {}),
          },
        }
      : {}),
    devClock: e.DEV_CLOCK,
    calendar: {
      days: fileDays.days,
      shiftHours: e.SHIFT_HOURS,
      officeRoles: e.OFFICE_ROLES,
      officeHours: e.OFFICE_HOURS,
      ...(calendarFile ? { file: calendarFile } : {}),
    },
    timers: { sweepPattern: e.DEADLINE_SWEEP_PATTERN },
    inspections: {
      repeatThreshold: e.VIOLATION_REPEAT_THRESHOLD,
      defaultFixMinutes: e.VIOLATION_FIX_MINUTES,
      cleaningContract: {
        monthlyFeeYuan: e.CLEANING_MONTHLY_FEE_YUAN,
        yuanPerPoint: e.CLEANING_YUAN_PER_POINT,
      },
    },
    digest: {
      ...(e.DIGEST_WECOM_ROBOT_URL ? { wecomRobotUrl: e.DIGEST_WECOM_ROBOT_URL } : {}),
      ...(e.DIGEST_DINGTALK_GROUP_ID ? { dingtalkGroupId: e.DIGEST_DINGTALK_GROUP_ID } : {}),
      ...(e.CHART_FONT_FILE ? { chartFontFile: e.CHART_FONT_FILE } : {}),
    },
  };
  return deepFreeze(config);
};

/** Values that must never reach a log line; the logger redacts any string equal to one of them. */
export const secretValues = (config: Config): string[] =>
  [
    config.adminToken,
    config.wecom?.secret,
    config.wecom?.token,
    config.wecom?.encodingAesKey,
    config.dingtalk?.appSecret,
    config.dingtalk?.events?.token,
    config.dingtalk?.events?.aesKey,
    config.digest.wecomRobotUrl,
    config.digest.wecomRobotUrl ? new URL(config.digest.wecomRobotUrl).searchParams.get('key') : undefined,
    config.media.urlSecret,
    config.idEncryptionKeyHex,
  ].filter((v): v is string => typeof v === 'string' && v.length > 0);
