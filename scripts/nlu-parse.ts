import { dayjs } from '../src/lib/business-time.js';
import { parseMessage } from '../src/nlu/parse.js';
import { demoShops } from '../src/seed/demo-mall.js';

/**
 * `npm run nlu -- "明天早上8点出10箱衣服，申请放行"`: the same answer as POST /api/nlu/parse, against
 * the demo mall's shop registry, with now in TZ_BUSINESS (Asia/Shanghai by default).
 */
const text = process.argv.slice(2).join(' ');
if (!text) {
  process.stderr.write('usage: npm run nlu -- "<message>"\n');
  process.exit(2);
}
const tz = process.env.TZ_BUSINESS ?? 'Asia/Shanghai';
const r = parseMessage(text, { now: dayjs().tz(tz), registry: new Set(demoShops().map((s) => s.code)) });
process.stdout.write(
  `${JSON.stringify({ intent: r.intent, confidence: r.confidence, slots: r.slots }, null, 2)}\n`,
);
