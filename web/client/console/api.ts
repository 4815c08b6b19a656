import type { ClockAnswer, ClockPreset, ConsolePlatform, ConsoleSession } from '../../shared/console-api.js';
import type { EmuInbox } from './model/emulator-json.js';

/** A refusal from the console server or an emulator, with the status and what it said. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const call = async <T>(url: string, init?: RequestInit): Promise<T> => {
  const res = await fetch(url, {
    ...init,
    headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) },
  });
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const message =
      typeof body.error === 'string' ? body.error : typeof body.message === 'string' ? body.message : '';
    throw new ApiError(res.status, message);
  }
  return body as T;
};

const post = <T>(url: string, body: unknown) => call<T>(url, { method: 'POST', body: JSON.stringify(body) });
const emu = (p: ConsolePlatform, rest: string) => `/console/api/emu/${p}/${rest}`;

/** What the emulator answers for a delivery: the bot's HTTP status (0 = no answer). */
export interface Delivery {
  readonly status: number;
}

/** Reads a file as Base64 (without the data-URL prefix). */
const base64Of = (file: Blob): Promise<string> =>
  new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });

/** The console's calls: its own session and clock, and the emulators' control API through it. */
export const api = {
  session: () => call<ConsoleSession>('/console/api/session'),
  inbox: (p: ConsolePlatform, user: string) => call<EmuInbox>(emu(p, `inbox/${encodeURIComponent(user)}`)),
  send: (p: ConsolePlatform, user: string, text: string, via?: string) =>
    post<Delivery>(emu(p, 'send'), { userId: user, text, ...(via ? { via } : {}) }),
  click: (p: ConsolePlatform, user: string, cardId: string, key: string) =>
    post<Delivery>(emu(p, 'click'), { userId: user, cardId, key }),
  sendFile: async (p: ConsolePlatform, user: string, file: File, via?: string) =>
    post<Delivery>(emu(p, 'send-image'), {
      userId: user,
      filename: file.name || 'photo.jpg',
      mime: file.type || 'application/octet-stream',
      base64: await base64Of(file),
      ...(via ? { via } : {}),
    }),
  clock: (preset: ClockPreset) => post<ClockAnswer>('/console/api/clock', { preset }),
};

/** Where the page loads a stored file (a user's photo, an image the bot uploaded). */
export const mediaUrl = (p: ConsolePlatform, id: string): string => emu(p, `media/${encodeURIComponent(id)}`);

/** The live feed of a platform's chats. */
export const feedUrl = (p: ConsolePlatform): string => emu(p, 'events');
