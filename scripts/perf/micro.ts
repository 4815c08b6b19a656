import { performance } from 'node:perf_hooks';
import { signCallback } from '../../emulators/wecom/wecom-emulator.callbacks.js';
import type { WeComEmulator } from '../../emulators/wecom/wecom-emulator.js';
import { WECOM_BODY_LIMIT } from '../../src/http/routes/wecom.router.js';
import { systemClock } from '../../src/lib/clock.js';
import { WeComReceiver } from '../../src/platforms/wecom/wecom.receiver.js';
import { parseWeComXml } from '../../src/platforms/wecom/wecom.xml.js';
import { round } from './stats.js';

/** µs per call of `fn` over `n` calls (after a warm-up). */
const timeOps = (n: number, fn: () => void): number => {
  for (let i = 0; i < Math.min(200, n); i++) fn();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn();
  return ((performance.now() - t0) * 1000) / n;
};

/**
 * Micro-measures of the webhook's CPU work, kept from the earlier bench: opening a real WeCom
 * callback (verify, decrypt, parse, normalise), refusing a hostile pre-authentication body of many
 * small elements (the envelope scan), and what the general XML parser would spend on that body.
 */
export const microMeasures = (emu: WeComEmulator): Record<string, number> => {
  const rx = new WeComReceiver({
    wecom: { corpId: emu.corpId, token: emu.token, encodingAesKey: emu.encodingAesKey },
    maxClockSkewS: 0,
    clock: systemClock,
  });
  const plain = `<xml><ToUserName><![CDATA[${emu.corpId}]]></ToUserName><FromUserName><![CDATA[bench]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[B1-23隔壁音乐太吵，麻烦处理一下]]></Content><MsgId>1</MsgId><AgentID>1000002</AgentID></xml>`;
  const cb = signCallback(
    { url: '', token: emu.token, encodingAesKey: emu.encodingAesKey, corpId: emu.corpId },
    plain,
    { timestamp: 1_700_000_000 },
  );
  const openUs = timeOps(3000, () => rx.open(rx.checkQuery(cb.query), cb.body));
  const hostile = `<xml>${'<a>1</a>'.repeat(Math.floor((WECOM_BODY_LIMIT - 16) / 8))}</xml>`;
  const refuseUs = timeOps(1000, () => {
    try {
      rx.open(rx.checkQuery(cb.query), hostile);
    } catch {
      // refused, as expected
    }
  });
  const fullParseUs = timeOps(50, () => {
    try {
      parseWeComXml(hostile);
    } catch {
      // the cost is what is measured
    }
  });
  return {
    wecom_open_us: round(openUs, 1),
    hostile_refusal_us: round(refuseUs, 1),
    hostile_refusal_over_open: round(refuseUs / openUs),
    hostile_full_parse_over_open: round(fullParseUs / openUs, 1),
  };
};
