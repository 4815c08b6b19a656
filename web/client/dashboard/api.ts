import type {
  DashCallbackPage,
  DashDigest,
  DashInspections,
  DashItemPage,
  DashSession,
  DashTicket,
} from '../../shared/dashboard-api.js';

export class NotSignedIn extends Error {}

const getJson = async <T>(path: string): Promise<T> => {
  const r = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (r.status === 401) throw new NotSignedIn();
  if (!r.ok) {
    const body = (await r.json().catch(() => ({}))) as { message?: string };
    throw new Error(body.message ?? `请求失败（${r.status}）`);
  }
  return (await r.json()) as T;
};

export interface Filters {
  readonly kind: 'complaint' | 'repair' | 'approval';
  readonly floor: string;
  readonly shop: string;
  readonly status: string;
  readonly person: string;
}

export const query = (f: Filters, cursor?: string | null): string => {
  const q = new URLSearchParams({ kind: f.kind });
  if (f.floor) q.set('floor', f.floor);
  if (f.shop.trim()) q.set('shop', f.shop.trim());
  if (f.status) q.set('status', f.status);
  if (f.person) q.set('person', f.person);
  if (cursor) q.set('cursor', cursor);
  return q.toString();
};

export const api = {
  session: () => getJson<DashSession>('/dashboard/api/session'),
  items: (f: Filters, cursor?: string | null) =>
    getJson<DashItemPage>(`/dashboard/api/items?${query(f, cursor)}`),
  ticket: (n: string) => getJson<DashTicket>(`/dashboard/api/tickets/${encodeURIComponent(n)}`),
  digest: () => getJson<DashDigest>('/dashboard/api/digest'),
  inspections: (days: number, month?: string) =>
    getJson<DashInspections>(`/dashboard/api/inspections?days=${days}${month ? `&month=${month}` : ''}`),
  callbacks: (cursor?: string | null) =>
    getJson<DashCallbackPage>(`/dashboard/api/callbacks${cursor ? `?cursor=${cursor}` : ''}`),
  /** POST with the session's CSRF token; the browser saves the CSV. */
  async exportCsv(f: Filters, csrf: string): Promise<void> {
    const r = await fetch(`/dashboard/api/export?${query(f)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-csrf-token': csrf },
    });
    if (!r.ok) throw new Error(`导出失败（${r.status}）`);
    const blob = await r.blob();
    const name = /filename="([^"]+)"/.exec(r.headers.get('content-disposition') ?? '')?.[1] ?? 'export.csv';
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  },
  async logout(csrf: string): Promise<void> {
    await fetch('/dashboard/api/logout', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-csrf-token': csrf },
    });
  },
};
