import type { IdSealer } from '../lib/id-sealer.js';

/** The text of a `sealed_text` message with its ID number put in, opened at send time only. */
export const unsealText = (m: { text: string; sealed: string }, sealer: IdSealer | undefined): string =>
  m.text.replace('{ID}', sealer?.open(m.sealed) ?? '（无法解密，请联系管理员）');
