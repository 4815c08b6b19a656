import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A login link works this long, once. */
export const LOGIN_LINK_TTL_S = 5 * 60;
/** A dashboard session lasts this long (a working shift), then the person asks for a new link. */
export const SESSION_TTL_S = 8 * 3600;
/** The session cookie's name. */
export const SESSION_COOKIE = 'mallbot_dash';

/** Who a link or session belongs to. */
export interface DashboardGrant {
  readonly personId: string;
  readonly platform: string;
  readonly userId: string;
}

export interface DashboardSession extends DashboardGrant {
  /** The CSRF token the page sends back on every state-changing request. */
  readonly csrf: string;
  readonly expiresAt: string;
}

/** sha256, base64url: what is stored in place of a token (a leaked Redis dump opens nothing). */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

const newToken = (): string => randomBytes(32).toString('base64url');

/** 43 base64url characters: anything else is refused before a lookup. */
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Password-free dashboard login: a staff member asks the bot ("登录后台") and gets a one-time link
 * that opens a session. Links and sessions live in Redis under the hash of their token (a key
 * lookup, expired by Redis itself); a link is consumed with GETDEL, so two clicks cannot both
 * succeed. Sessions carry their CSRF token.
 */
export class DashboardLogin {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    /** Where links point (PUBLIC_BASE_URL); without it the bot cannot send a link. */
    readonly baseUrl: string | undefined,
  ) {}

  private linkKey(hash: string): string {
    return `${this.prefix}:dash:link:${hash}`;
  }

  private sessionKey(hash: string): string {
    return `${this.prefix}:dash:sess:${hash}`;
  }

  /** A new one-time link for `grant`; the token itself is only in the returned URL. */
  async issueLink(grant: DashboardGrant, now: Date): Promise<{ url: string; expiresAt: Date } | null> {
    if (!this.baseUrl) return null;
    const token = newToken();
    await this.redis.set(this.linkKey(hashToken(token)), JSON.stringify(grant), 'EX', LOGIN_LINK_TTL_S);
    return {
      url: `${this.baseUrl.replace(/\/+$/, '')}/dashboard/login?t=${token}`,
      expiresAt: new Date(now.getTime() + LOGIN_LINK_TTL_S * 1000),
    };
  }

  /** Consumes a link: the grant once, then never again (also null when expired or unknown). */
  async redeem(token: string): Promise<DashboardGrant | null> {
    if (!TOKEN_RE.test(token)) return null;
    const raw = await this.redis.getdel(this.linkKey(hashToken(token)));
    return raw ? (JSON.parse(raw) as DashboardGrant) : null;
  }

  /** Opens a session; the returned id goes into the cookie and is stored only hashed. */
  async openSession(grant: DashboardGrant, now: Date): Promise<{ id: string; session: DashboardSession }> {
    const id = newToken();
    const session: DashboardSession = {
      personId: grant.personId,
      platform: grant.platform,
      userId: grant.userId,
      csrf: newToken(),
      expiresAt: new Date(now.getTime() + SESSION_TTL_S * 1000).toISOString(),
    };
    await this.redis.set(this.sessionKey(hashToken(id)), JSON.stringify(session), 'EX', SESSION_TTL_S);
    return { id, session };
  }

  async session(id: string | undefined): Promise<DashboardSession | null> {
    if (!id || !TOKEN_RE.test(id)) return null;
    const raw = await this.redis.get(this.sessionKey(hashToken(id)));
    return raw ? (JSON.parse(raw) as DashboardSession) : null;
  }

  async closeSession(id: string): Promise<void> {
    if (TOKEN_RE.test(id)) await this.redis.del(this.sessionKey(hashToken(id)));
  }
}

/** Whether the CSRF token a request sent is the session's (constant time). */
export const csrfMatches = (session: DashboardSession, sent: string | undefined): boolean => {
  if (!sent) return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
};
