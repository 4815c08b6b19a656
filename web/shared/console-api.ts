/**
 * The console's HTTP contract, shared by its Koa routes (web/server) and its page (web/client).
 * Pure types: nothing here may touch Node or the DOM.
 */

export type ConsolePlatform = 'wecom' | 'dingtalk';

/** One demo account the console can act as. */
export interface Persona {
  /** The platform user id (the same on both emulators in dev mode). */
  readonly userId: string;
  readonly kind: 'tenant' | 'staff';
  readonly name: string;
  /** What the persona list shows: a tenant's shop (`B1-23 王记女装`) or a staff member's role. */
  readonly label: string;
  /** Shift summary in Chinese (`早班 08:00–16:00`), empty for tenants. */
  readonly shifts: string;
  /** On duty at the bot's current time; undefined for tenants (they have no roster). */
  readonly onDuty?: boolean;
}

export interface PlatformInfo {
  readonly id: ConsolePlatform;
  /** False when the platform runs for real (no emulator to talk through). */
  readonly available: boolean;
  /** DingTalk: how the emulator delivers to the bot (Stream in dev mode, HTTP callbacks otherwise). */
  readonly via?: 'stream' | 'http';
}

/** `GET /console/api/session`. */
export interface ConsoleSession {
  /** The bot's clock (the dev clock once it is moved), ISO. */
  readonly now: string;
  /** The business zone the clock and rosters are read in. */
  readonly tz: string;
  readonly platforms: readonly PlatformInfo[];
  readonly personas: readonly Persona[];
}

/** The clock presets of the console; the server turns them into a dev-clock request. */
export type ClockPreset = 'hour' | 'tomorrow9' | 'monday9';

/** `POST /console/api/clock` answers the bot's new time. */
export interface ClockAnswer {
  readonly now: string;
}
