/** A tiny cookie-keeping HTTP client for the dashboard (what a browser does, over real HTTP). */
export class DashboardClient {
  cookie = '';
  csrf = '';

  constructor(readonly base: string) {}

  /** Opens a one-time login link (no redirect following) and keeps the session cookie. */
  async open(link: string): Promise<Response> {
    const r = await fetch(link, { redirect: 'manual' });
    const set = r.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0] ?? '';
    return r;
  }

  get(path: string): Promise<Response> {
    return fetch(`${this.base}${path}`, { headers: this.cookie ? { cookie: this.cookie } : {} });
  }

  async session(): Promise<Response> {
    const r = await this.get('/dashboard/api/session');
    if (r.status === 200) {
      const body = (await r.clone().json()) as { csrf: string };
      this.csrf = body.csrf;
    }
    return r;
  }

  post(path: string, opts: { csrf?: string; origin?: string | null } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.cookie) headers.cookie = this.cookie;
    const csrf = opts.csrf ?? this.csrf;
    if (csrf) headers['x-csrf-token'] = csrf;
    const origin = opts.origin === undefined ? this.base : opts.origin;
    if (origin) headers.origin = origin;
    return fetch(`${this.base}${path}`, { method: 'POST', headers });
  }
}

/** The dashboard link in a chat reply. */
export const LOGIN_LINK = /https?:\/\/\S+\/dashboard\/login\?t=[A-Za-z0-9_-]{43}/;
