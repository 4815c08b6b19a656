import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.js';
import { ROLES, SHIFTS } from '../../domain/people/people.types.js';
import { AppError, AppErrorCode } from '../../lib/errors.js';
import { parseMessage } from '../../nlu/parse.js';
import { RELEASE_SIGNATURE_MODES } from '../../persistence/models/shop.model.js';
import type { AppState } from '../app-state.js';
import { adminAuth } from '../middleware/admin-auth.js';
import { adminRateLimit } from '../middleware/admin-rate-limit.js';
import { readJsonBody } from '../middleware/read-body.js';

const parseBody = async <T>(ctx: Context, schema: z.ZodType<T>): Promise<T> => {
  const r = schema.safeParse(await readJsonBody(ctx));
  if (!r.success) {
    const first = r.error.issues[0];
    throw new AppError(
      AppErrorCode.VALIDATION_FAILED,
      `${first?.path.join('.') || 'body'}: ${first?.message ?? 'invalid'}`,
      {
        reason: 'bad_request_body',
      },
    );
  }
  return r.data;
};

const NluParseSchema = z.object({ text: z.string().max(10_000) });
const BindCodeSchema = z.object({ shopCode: z.string().min(1).max(20) });
const StaffImportSchema = z.object({
  staff: z
    .array(
      z.object({
        employeeNo: z.string().min(1).max(32),
        name: z.string().min(1).max(40),
        roles: z.array(z.enum(ROLES).exclude(['tenant'])).min(1),
        phone: z.string().max(20).optional(),
        wecomUserId: z.string().min(1).max(64).optional(),
        dingtalkUserId: z.string().min(1).max(64).optional(),
        duty: z
          .array(z.object({ weekday: z.number().int().min(0).max(6), shift: z.enum(SHIFTS) }))
          .optional(),
      }),
    )
    .min(1)
    .max(2000),
});

const ReleaseSchema = z.object({
  mode: z.enum(RELEASE_SIGNATURE_MODES),
  signers: z
    .array(
      z.object({
        name: z.string().min(1).max(40),
        personId: z
          .string()
          .regex(/^[0-9a-f]{24}$/)
          .optional(),
      }),
    )
    .max(20),
});
const PersonRefSchema = z.union([
  z.object({ personId: z.string().regex(/^[0-9a-f]{24}$/) }),
  z.object({ employeeNo: z.string().min(1).max(32) }),
]);
const StandInSchema = z.object({
  principal: PersonRefSchema,
  deputy: PersonRefSchema,
  from: z.string().datetime({ offset: true }),
  until: z.string().datetime({ offset: true }),
});

/**
 * `/api/*`, behind the admin bearer token: the NLU parser for the people who tune it, one-time
 * binding codes for the front desk, and the company roster import for staff identities.
 */
export const adminRouter = (deps: AppDeps): Router<AppState> => {
  const router = new Router<AppState>({ prefix: '/api' });
  const auth = adminAuth(deps.config.adminToken);
  // Before authentication: wrong tokens count too.
  router.use(
    adminRateLimit({
      redis: deps.redis,
      prefix: deps.config.redisKeyPrefix,
      perMinute: deps.config.adminRateLimitPerMin,
    }),
  );

  router.post('/nlu/parse', auth, async (ctx) => {
    const { text } = await parseBody(ctx, NluParseSchema);
    const r = parseMessage(text, { now: deps.time.now(), registry: await deps.units.codes() });
    ctx.body = { intent: r.intent, confidence: r.confidence, slots: r.slots };
  });

  router.post('/bind-codes', auth, async (ctx) => {
    const { shopCode } = await parseBody(ctx, BindCodeSchema);
    if (!(await deps.repos.shops.exists(shopCode))) {
      throw new AppError(AppErrorCode.NOT_FOUND, `unknown shop ${shopCode}`, { reason: 'unknown_shop' });
    }
    const { code, expiresAt } = await deps.services.binding.issue(shopCode, 'admin-api');
    ctx.status = 201;
    ctx.body = { shopCode, code, expiresAt: expiresAt.toISOString() };
  });

  router.post('/staff/import', auth, async (ctx) => {
    const { staff } = await parseBody(ctx, StaffImportSchema);
    let bound = 0;
    const conflicts: string[] = [];
    for (const s of staff) {
      const p = await deps.repos.people.upsertStaff({
        name: s.name,
        kind: 'staff',
        roles: s.roles,
        employeeNo: s.employeeNo,
        ...(s.phone ? { phone: s.phone } : {}),
        ...(s.duty ? { duty: s.duty } : {}),
      });
      for (const [platform, id] of [
        ['wecom', s.wecomUserId],
        ['dingtalk', s.dingtalkUserId],
      ] as const) {
        if (!id) continue;
        if (await deps.repos.people.bindIdentity(platform, id, p.id, 'roster')) bound++;
        else conflicts.push(`${platform}:${id}`);
      }
    }
    await deps.repos.audit.append({
      action: 'staff.import',
      outcome: 'info',
      details: { count: staff.length, bound },
    });
    ctx.body = { imported: staff.length, identitiesBound: bound, conflicts };
  });

  // A shop's goods-release signature mode and registered signers (recorded at move-in).
  router.put('/shops/:code/release', auth, async (ctx) => {
    const body = await parseBody(ctx, ReleaseSchema);
    const code = ctx.params.code ?? '';
    if (!(await deps.repos.shops.setRelease(code, body))) {
      throw new AppError(AppErrorCode.NOT_FOUND, `unknown shop ${code}`, { reason: 'unknown_shop' });
    }
    await deps.repos.audit.append({
      action: 'shop.release_signers',
      outcome: 'info',
      targetKind: 'shop',
      targetId: code,
      details: { mode: body.mode, signers: body.signers.length },
    });
    ctx.body = { code, ...((await deps.repos.shops.releaseOf(code)) ?? {}) };
  });

  // A manager names a deputy for a date range: the deputy's decisions read "代 X 审批".
  router.post('/stand-ins', auth, async (ctx) => {
    const body = await parseBody(ctx, StandInSchema);
    const find = async (r: z.infer<typeof PersonRefSchema>) =>
      'personId' in r ? deps.repos.people.get(r.personId) : deps.repos.people.byEmployeeNo(r.employeeNo);
    const principal = await find(body.principal);
    const deputy = await find(body.deputy);
    if (!principal || !deputy) {
      throw new AppError(AppErrorCode.NOT_FOUND, 'unknown person', { reason: 'unknown_person' });
    }
    const r = await deps.services.approvals.nameStandIn({
      principal,
      deputy,
      from: new Date(body.from),
      until: new Date(body.until),
    });
    if (r !== 'ok') throw new AppError(AppErrorCode.VALIDATION_FAILED, r, { reason: r });
    await deps.repos.audit.append({
      action: 'approval.stand_in',
      outcome: 'info',
      actorPersonId: principal.id,
      targetKind: 'person',
      targetId: deputy.id,
      details: { from: body.from, until: body.until },
    });
    ctx.status = 201;
    ctx.body = { principal: principal.name, deputy: deputy.name, from: body.from, until: body.until };
  });

  return router;
};
