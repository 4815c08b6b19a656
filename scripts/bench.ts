import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { signCallback } from '../emulators/wecom/wecom-emulator.callbacks.js';
import { WeComEmulator } from '../emulators/wecom/wecom-emulator.js';
import { runApp } from '../src/app/run.js';
import { loadConfig } from '../src/config/env.js';
import { WECOM_BODY_LIMIT } from '../src/http/routes/wecom.router.js';
import { dayjs } from '../src/lib/business-time.js';
import { systemClock } from '../src/lib/clock.js';
import { silentLogger } from '../src/lib/logger.js';
import { startLocalServices } from '../src/local/local-services.js';
import { LABELLED } from '../src/nlu/classify.js';
import { normalizeText } from '../src/nlu/normalize.js';
import { parseMessage } from '../src/nlu/parse.js';
import { WeComReceiver } from '../src/platforms/wecom/wecom.receiver.js';
import { parseWeComXml } from '../src/platforms/wecom/wecom.xml.js';
import { demoShops } from '../src/seed/demo-mall.js';

/**
 * `npm run bench`: the hot paths, each reported as a ratio to a baseline measured in the same
 * process at the same moment (the machine is noisy; absolute numbers mean little). Bounded in
 * count and time; traffic goes to loopback only.
 */
const ROOT = resolve(import.meta.dirname, '..');

const timeOps = (n: number, fn: (i: number) => void): number => {
  for (let i = 0; i < Math.min(200, n); i++) fn(i); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  return ((performance.now() - t0) * 1000) / n; // µs per op
};

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

/** `total` requests, `concurrency` at a time; returns per-request latencies in ms. */
const load = async (
  total: number,
  concurrency: number,
  one: (i: number) => Promise<void>,
): Promise<number[]> => {
  const lat: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      await one(i);
      lat.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return lat;
};

const rows: { name: string; value: string; baseline: string; ratio: string }[] = [];
const record = (name: string, value: number, baseline: number, unit: string) =>
  rows.push({
    name,
    value: `${value.toFixed(1)} ${unit}`,
    baseline: `${baseline.toFixed(1)} ${unit}`,
    ratio: `${(value / baseline).toFixed(2)}×`,
  });

// 1. Callback crypto and parsing, against JSON round trips of the same plaintext.
const emu = new WeComEmulator({ users: ['bench'] });
const wecomCfg = { corpId: emu.corpId, token: emu.token, encodingAesKey: emu.encodingAesKey };
const rx = new WeComReceiver({ wecom: wecomCfg, maxClockSkewS: 0, clock: systemClock });
const plain = `<xml><ToUserName><![CDATA[${emu.corpId}]]></ToUserName><FromUserName><![CDATA[bench]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[B1-23隔壁音乐太吵，麻烦处理一下]]></Content><MsgId>1</MsgId><AgentID>1000002</AgentID></xml>`;
const cb = signCallback(
  { url: '', token: emu.token, encodingAesKey: emu.encodingAesKey, corpId: emu.corpId },
  plain,
  { timestamp: 1_700_000_000 },
);
const asJson = JSON.stringify({ xml: plain });
const openUs = timeOps(5000, () => rx.open(rx.checkQuery(cb.query), cb.body));
const jsonUs = timeOps(5000, () => JSON.parse(JSON.stringify(JSON.parse(asJson))));
record('WeCom callback: verify + decrypt + parse + normalise', openUs, jsonUs, 'µs');

// 1b. A pre-authentication body of many small elements (with a well-formed query), refused by the
// envelope scan, against a real callback; and what the general XML parser would spend on it.
const hostile = `<xml>${'<a>1</a>'.repeat(Math.floor((WECOM_BODY_LIMIT - 16) / 8))}</xml>`;
const refuse = () => {
  try {
    rx.open(rx.checkQuery(cb.query), hostile);
  } catch {
    // refused, as expected
  }
};
record('WeCom: refusing a 48 KB body of small elements, pre-auth', timeOps(2000, refuse), openUs, 'µs');
const fullParse = () => {
  try {
    parseWeComXml(hostile);
  } catch {
    // refused or not: the cost is what is measured
  }
};
record('WeCom: the same body through the full XML parser (before)', timeOps(200, fullParse), openUs, 'µs');

// 2. Message understanding, against normalisation alone.
const registry = new Set(demoShops().map((s) => s.code));
const now = dayjs().tz('Asia/Shanghai');
const texts = LABELLED.map((m) => m.text);
const nluUs = timeOps(3000, (i) => parseMessage(texts[i % texts.length] ?? '', { now, registry }));
const normUs = timeOps(3000, (i) => normalizeText(texts[i % texts.length] ?? ''));
record('NLU: intent + every slot, per message', nluUs, normUs, 'µs');

// 3. The webhook over HTTP into the real app (store before ack), against /healthz on the same server.
const services = await startLocalServices({
  projectRoot: ROOT,
  dataDir: resolve(ROOT, '.data', 'bench'),
  mongodbUri: process.env.MONGODB_URI,
  redisUrl: process.env.REDIS_URL,
});
const prefix = `bench${Date.now()}`;
await emu.start();
const config = loadConfig({
  NODE_ENV: 'test',
  MONGODB_URI: process.env.MONGODB_URI ?? `${services.mongoBaseUri}/${prefix}`,
  REDIS_URL: services.redisUrl,
  REDIS_KEY_PREFIX: prefix,
  PORT: '0',
  HOST: '127.0.0.1',
  ROLE: 'web',
  ...emu.botEnv(),
});
const app = await runApp(config, { logger: silentLogger(), exit: () => {} });
emu.callbackUrl = `${app.url}/webhooks/wecom`;
const N = Number(process.env.BENCH_REQUESTS ?? 400);
const C = Number(process.env.BENCH_CONCURRENCY ?? 8);
const health = await load(N, C, async () => {
  await (await fetch(`${app.url}/healthz`)).arrayBuffer();
});
let failures = 0;
const hooks = await load(N, C, async (i) => {
  const c = emu.textCallback('bench', `压测消息 ${i}`);
  const res = await fetch(`${emu.callbackUrl}?${c.query}`, { method: 'POST', body: c.body });
  await res.arrayBuffer();
  if (res.status !== 200) failures++;
});
record('webhook ack (stored before 200), p50', percentile(hooks, 50), percentile(health, 50), 'ms');
record('webhook ack (stored before 200), p95', percentile(hooks, 95), percentile(health, 95), 'ms');
await app.deps.db.conn.dropDatabase();
await app.close();
await emu.stop();
await services.stop();

const width = Math.max(...rows.map((r) => r.name.length));
const lines = [
  `mallbot bench — ${new Date().toISOString()} — node ${process.version}; ${N} webhook requests, concurrency ${C}, ${failures} non-200`,
  `${'measure'.padEnd(width)}  ${'value'.padStart(12)}  ${'baseline'.padStart(12)}  ratio`,
  ...rows.map(
    (r) => `${r.name.padEnd(width)}  ${r.value.padStart(12)}  ${r.baseline.padStart(12)}  ${r.ratio}`,
  ),
  'baselines: JSON round trip of the same plaintext; text normalisation only; GET /healthz on the same server.',
];
process.stdout.write(`${lines.join('\n')}\n`);
mkdirSync(resolve(ROOT, 'bench-results'), { recursive: true });
writeFileSync(
  resolve(ROOT, 'bench-results', `bench-${Date.now()}.json`),
  JSON.stringify({ rows, N, C, failures }, null, 2),
);
process.exit(failures === 0 ? 0 : 1);
