import { performance } from 'node:perf_hooks';
import { postCallback } from '../../emulators/wecom/wecom-emulator.callbacks.js';
import type { WeComEmulator } from '../../emulators/wecom/wecom-emulator.js';
import type { PeopleRepository } from '../../src/persistence/repositories/people.repository.js';

/**
 * A rush of chat messages, as a mall opening its doors produces: many bound people each sending a
 * few messages at once. Used by `npm run bench` and `npm run rush`; traffic stays on loopback.
 */

/** The probe message: a front-desk request for a bind code of a unit that does not exist. The
 * bot answers it with one text that echoes the unit, so every reply names the message it answers
 * and a reply out of order is visible. */
export const probeText = (tag: string): string => `发绑定码 Q${tag}`;
export const PROBE_REPLY = /没有找到铺位[“\s]*Q([0-9a-z]+)/i;

export const rushUser = (i: number): string => `rush-${String(i).padStart(3, '0')}`;

/** Binds `n` front-desk staff to WeCom accounts `rush-000`... (the probe needs the front-desk role). */
export const seedRushPeople = async (
  people: PeopleRepository,
  emu: WeComEmulator,
  n: number,
): Promise<string[]> => {
  const users: string[] = [];
  for (let i = 0; i < n; i++) {
    const user = rushUser(i);
    const p = await people.upsertStaff({
      name: `前台${i}`,
      kind: 'staff',
      roles: ['cs_clerk'],
      employeeNo: `R${i}`,
    });
    await people.bindIdentity('wecom', user, p.id, 'seed');
    emu.addUser(user);
    users.push(user);
  }
  return users;
};

export interface RushResult {
  /** Per message: ms from the start of its delivery to its reply in the emulator's inbox. */
  readonly latencies: number[];
  /** ms from the first delivery to the last reply. */
  readonly wallMs: number;
  readonly messages: number;
  /** Replies that arrived before the reply to an earlier message of the same person. */
  readonly orderViolations: number;
  readonly timedOut: number;
}

/**
 * Every user sends `perPerson` messages, one after another (each once the previous was
 * acknowledged), all users at the same time; resolves when every reply arrived or `timeoutMs`.
 */
export const runRush = async (
  emu: WeComEmulator,
  users: readonly string[],
  perPerson: number,
  round: string,
  timeoutMs = 120_000,
): Promise<RushResult> => {
  const sentAt = new Map<string, number>();
  const after = new Map(users.map((u) => [u, emu.lastSeq(u)]));
  const t0 = performance.now();
  const wall0 = Date.now();
  await Promise.all(
    users.map(async (user, ui) => {
      for (let k = 0; k < perPerson; k++) {
        const tag = `${round}u${ui}k${k}`;
        sentAt.set(tag, Date.now());
        const cb = emu.textCallback(user, probeText(tag));
        for (let attempt = 0; attempt < 4; attempt++) {
          const r = await postCallback(emu.callbackUrl, cb);
          if (r.status === 200) break;
        }
      }
    }),
  );
  const expected = users.length * perPerson;
  const replies = () =>
    users.flatMap((u) =>
      emu
        .inbox(u)
        .filter((i) => i.seq > (after.get(u) ?? 0))
        .map((i) => ({ user: u, at: i.at, tag: PROBE_REPLY.exec(i.text ?? '')?.[1]?.toLowerCase() })),
    );
  let timedOut = 0;
  try {
    await emu.waitFor(() => (replies().length >= expected ? true : undefined), timeoutMs, 'rush replies');
  } catch {
    timedOut = expected - replies().length;
  }
  const latencies: number[] = [];
  let orderViolations = 0;
  let last = 0;
  for (const u of users) {
    let prevK = -1;
    for (const r of replies().filter((x) => x.user === u)) {
      const sent = r.tag ? sentAt.get(r.tag) : undefined;
      if (sent !== undefined) latencies.push(r.at - sent);
      const k = Number(/k(\d+)$/.exec(r.tag ?? '')?.[1] ?? -1);
      if (k < prevK) orderViolations++;
      prevK = Math.max(prevK, k);
      last = Math.max(last, r.at);
    }
  }
  void t0;
  return { latencies, wallMs: last - wall0, messages: expected, orderViolations, timedOut };
};

export const percentile = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
};

export const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length;
