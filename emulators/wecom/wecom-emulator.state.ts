import { randomBytes, randomUUID } from 'node:crypto';
import { Inboxes } from '../shared/inbox.js';
import { MediaStore } from '../shared/media-store.js';
import { SlidingWindow } from '../shared/sliding-window.js';
import { buttonKeys, checkTemplateCard, isInteractive } from './card-rules.js';

export interface ApiError {
  readonly errcode: number;
  readonly errmsg: string;
}

export interface CardView {
  readonly taskId: string;
  /** The card as it stands for this user (after full-card updates). */
  card: Record<string, unknown>;
  /** Set when the buttons were replaced by a disabled label. */
  replacedName?: string;
  readonly keys: string[];
}

interface Task {
  readonly taskId: string;
  readonly cardType: string;
  readonly recipients: Set<string>;
  readonly views: Map<string, CardView>;
}

interface ResponseCode {
  readonly taskId: string;
  readonly userId?: string;
  readonly expiresAt: number;
  used: boolean;
}

export interface WeComEmulatorRules {
  readonly tokenLifetimeS: number;
  readonly memberLimitPerMinute: number;
  /** Window of the per-member limit (60 s on WeCom). */
  readonly memberWindowMs: number;
  readonly responseCodeLifetimeMs: number;
}

const err = (errcode: number, errmsg: string): ApiError => ({ errcode, errmsg });

/**
 * Everything the emulated WeCom server knows: tokens, users, cards, response codes and what each
 * user sees. Pure state with the documented rules; the HTTP layer is in wecom-emulator.api.ts.
 */
export class WeComEmulatorState {
  readonly users = new Set<string>();
  readonly inboxes = new Inboxes();
  /** Messages WeCom would have dropped without an error (over the per-member limit). */
  readonly dropped: { user: string; at: number; msgtype: string }[] = [];
  readonly calls = { gettoken: 0, send: 0, update: 0, upload: 0, mediaGet: 0 };
  readonly media = new Map<string, { type: string; size: number; filename: string }>();
  /** The bytes behind media ids: what users sent and what the bot uploaded (a media_id lives 3 days). */
  readonly files: MediaStore;
  private token: { value: string; expiresAt: number } | undefined;
  private readonly revoked = new Set<string>();
  private readonly tasks = new Map<string, Task>();
  private readonly codes = new Map<string, ResponseCode>();
  private readonly window: SlidingWindow;
  private failures: { path: string; errcode: number; httpStatus?: number; remaining: number }[] = [];

  constructor(
    readonly corpId: string,
    readonly corpSecret: string,
    readonly agentId: number,
    readonly rules: WeComEmulatorRules,
    readonly now: () => number = Date.now,
  ) {
    this.window = new SlidingWindow(rules.memberLimitPerMinute, rules.memberWindowMs);
    this.files = new MediaStore(now, 3 * 24 * 3600_000);
  }

  /** gettoken: within its validity the same token comes back (doc 91039). */
  getToken(corpId: string, secret: string): ApiError | { access_token: string; expires_in: number } {
    this.calls.gettoken++;
    if (corpId !== this.corpId) return err(40013, 'invalid corpid');
    if (secret !== this.corpSecret) return err(40001, 'invalid credential');
    const now = this.now();
    if (!this.token || this.token.expiresAt <= now) {
      this.token = {
        value: randomBytes(24).toString('base64url'),
        expiresAt: now + this.rules.tokenLifetimeS * 1000,
      };
    }
    return { access_token: this.token.value, expires_in: Math.round((this.token.expiresAt - now) / 1000) };
  }

  /** WeCom may invalidate a token before its expiry; the next call with it gets 40014. */
  invalidateToken(): void {
    if (this.token) this.revoked.add(this.token.value);
    this.token = undefined;
  }

  /** Lets the current token run out now (calls then get 42001). */
  expireToken(): void {
    if (this.token) this.token.expiresAt = this.now();
  }

  checkToken(token: string | null): ApiError | undefined {
    if (!token) return err(41001, 'access_token missing');
    if (this.revoked.has(token)) return err(40014, 'invalid access_token');
    if (!this.token || this.token.value !== token) return err(40014, 'invalid access_token');
    if (this.token.expiresAt <= this.now()) return err(42001, 'access_token expired');
    return undefined;
  }

  /** Makes the next `count` calls to `path` fail (errcode, or an HTTP status when given). */
  failNext(path: string, errcode: number, count = 1, httpStatus?: number): void {
    this.failures.push({ path, errcode, remaining: count, ...(httpStatus ? { httpStatus } : {}) });
  }

  takeFailure(path: string): { errcode: number; httpStatus?: number } | undefined {
    const f = this.failures.find((x) => x.path === path && x.remaining > 0);
    if (!f) return undefined;
    f.remaining--;
    this.failures = this.failures.filter((x) => x.remaining > 0);
    return f;
  }

  send(body: Record<string, unknown>): ApiError | Record<string, unknown> {
    this.calls.send++;
    if (body.agentid !== this.agentId && Number(body.agentid) !== this.agentId)
      return err(40056, 'invalid agentid');
    const msgtype = body.msgtype;
    if (typeof msgtype !== 'string') return err(40008, 'invalid message type');
    const touser = typeof body.touser === 'string' ? body.touser : '';
    const wanted = touser === '@all' ? [...this.users] : touser.split('|').filter(Boolean);
    const valid = wanted.filter((u) => this.users.has(u));
    const invalid = wanted.filter((u) => !this.users.has(u));
    if (valid.length === 0) return err(81013, 'user & party & tag all invalid');
    const content = body[msgtype];
    if (typeof content !== 'object' || content === null) return err(40008, `missing ${msgtype} body`);
    let responseCode: string | undefined;
    let taskId: string | undefined;
    if (msgtype === 'template_card') {
      const problem = checkTemplateCard(content);
      if (problem) return err(40058, `invalid template_card: ${problem}`);
      const card = content as Record<string, unknown>;
      taskId = typeof card.task_id === 'string' ? card.task_id : undefined;
      if (taskId) {
        if (this.tasks.has(taskId)) return err(42014, 'taskid has existed or empty or exceed max len');
        this.tasks.set(taskId, {
          taskId,
          cardType: String(card.card_type),
          recipients: new Set(valid),
          views: new Map(),
        });
        if (isInteractive(String(card.card_type))) responseCode = this.issueCode(taskId);
      }
    }
    const now = this.now();
    for (const user of valid) {
      if (!this.window.hit(user, now)) {
        this.dropped.push({ user, at: now, msgtype });
        continue;
      }
      const c = content as Record<string, unknown>;
      const textValue =
        msgtype === 'text' || msgtype === 'markdown'
          ? truncateBytes(String(c.content ?? ''), msgtype === 'text' ? 2048 : 4096)
          : undefined;
      // The view first: waiters woken by the push must already see the card.
      if (taskId) {
        this.tasks.get(taskId)?.views.set(user, {
          taskId,
          card: structuredClone(content as Record<string, unknown>),
          keys: buttonKeys(content),
        });
      }
      this.inboxes.push(user, {
        at: now,
        msgtype,
        ...(textValue !== undefined ? { text: textValue } : {}),
        ...(taskId ? { cardId: taskId } : {}),
        payload: structuredClone(content),
      });
    }
    return {
      errcode: 0,
      errmsg: 'ok',
      msgid: randomUUID().replace(/-/g, ''),
      invaliduser: invalid.join('|'),
      ...(responseCode ? { response_code: responseCode } : {}),
    };
  }

  updateCard(body: Record<string, unknown>): ApiError | Record<string, unknown> {
    this.calls.update++;
    if (Number(body.agentid) !== this.agentId) return err(42015, 'agentid is not the sending app');
    const codeValue = typeof body.response_code === 'string' ? body.response_code : '';
    const code = this.codes.get(codeValue);
    if (!code || code.used || code.expiresAt <= this.now()) return err(60140, 'invalid response_code');
    const task = this.tasks.get(code.taskId);
    if (!task) return err(42016, 'task_id not exist');
    const button = body.button as { replace_name?: unknown } | undefined;
    const newCard = body.template_card as Record<string, unknown> | undefined;
    if (!button && !newCard) return err(40058, 'button or template_card required');
    if (newCard) {
      const problem = checkTemplateCard(newCard);
      if (problem) return err(40058, `invalid template_card: ${problem}`);
    }
    code.used = true;
    const userids = Array.isArray(body.userids) ? body.userids.map(String) : [];
    const targets =
      body.atall === 1
        ? [...task.recipients]
        : userids.length > 0
          ? userids.filter((u) => task.recipients.has(u))
          : code.userId
            ? [code.userId]
            : [...task.recipients];
    for (const user of targets) {
      const view = task.views.get(user);
      if (!view) continue;
      if (newCard) {
        view.card = structuredClone(newCard);
        delete view.replacedName;
        view.keys.splice(0, view.keys.length, ...buttonKeys(newCard));
      } else if (button && typeof button.replace_name === 'string') {
        view.replacedName = button.replace_name;
      }
    }
    this.inboxes.touch();
    return { errcode: 0, errmsg: 'ok', invaliduser: [] };
  }

  /** A user presses a button: checks it is pressable and returns a fresh one-use ResponseCode. */
  press(user: string, taskId: string, key: string): { responseCode: string; cardType: string } | string {
    const task = this.tasks.get(taskId);
    const view = task?.views.get(user);
    if (!task || !view) return `user ${user} has no card ${taskId}`;
    if (view.replacedName !== undefined)
      return `the buttons of ${taskId} are disabled (${view.replacedName})`;
    if (!view.keys.includes(key)) return `card ${taskId} has no button ${key}`;
    return { responseCode: this.issueCode(taskId, user), cardType: task.cardType };
  }

  cardView(user: string, taskId: string): CardView | undefined {
    return this.tasks.get(taskId)?.views.get(user);
  }

  /** Every card of every user, current state (for the live feed). */
  *allCards(): Iterable<{ user: string; cardId: string; view: CardView }> {
    for (const t of this.tasks.values()) {
      for (const [user, view] of t.views) yield { user, cardId: t.taskId, view };
    }
  }

  /** Every card of a user, current state. */
  cardsOf(user: string): CardView[] {
    return [...this.tasks.values()].flatMap((t) => {
      const v = t.views.get(user);
      return v ? [v] : [];
    });
  }

  private issueCode(taskId: string, userId?: string): string {
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, {
      taskId,
      ...(userId ? { userId } : {}),
      expiresAt: this.now() + this.rules.responseCodeLifetimeMs,
      used: false,
    });
    return code;
  }
}

const truncateBytes = (s: string, max: number): string => {
  const buf = Buffer.from(s, 'utf8');
  if (buf.length <= max) return s;
  return new TextDecoder().decode(buf.subarray(0, max)).replace(/\uFFFD+$/, '');
};
