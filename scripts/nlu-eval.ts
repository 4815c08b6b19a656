import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { dayjs } from '../src/lib/business-time.js';
import { crossValidate, type Evaluation, evaluate, type LabelledMessage } from '../src/nlu/evaluate.js';
import { demoShops } from '../src/seed/demo-mall.js';

/**
 * `npm run nlu:eval [file.json|file.jsonl] [--errors]`: per-intent precision and recall, overall
 * intent accuracy and unit-slot accuracy against the demo mall's registry. Without a file: the
 * labelled corpus (in sample and 10-fold cross-validated) and the held-out set. Exits non-zero
 * when the corpus figures fall below 90%.
 */
const FIXTURES = resolve(import.meta.dirname, '..', 'tests', 'fixtures');
const load = (file: string): LabelledMessage[] => {
  const raw = readFileSync(file, 'utf8');
  return file.endsWith('.jsonl')
    ? raw
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as LabelledMessage)
    : (JSON.parse(raw) as LabelledMessage[]);
};
const ctx = {
  now: dayjs.tz('2026-11-29 10:00', 'Asia/Shanghai'),
  registry: new Set(demoShops().map((s) => s.code)),
};
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const showErrors = process.argv.includes('--errors');
const given = process.argv.slice(2).find((a) => !a.startsWith('--'));

const report = (title: string, r: Evaluation): string[] => [
  `${title}: ${r.total} messages`,
  ...(r.perIntent.length > 0
    ? [
        '  intent            support  precision  recall',
        ...r.perIntent.map(
          (s) =>
            `  ${s.intent.padEnd(17)} ${String(s.support).padStart(7)}  ${pct(s.precision).padStart(9)}  ${pct(s.recall).padStart(6)}`,
        ),
      ]
    : []),
  `  intent accuracy: ${pct(r.accuracy)}`,
  `  unit-slot accuracy: ${pct(r.unitAccuracy)} (all messages; ${pct(r.unitRecall)} of those naming a unit)`,
  ...(showErrors ? r.errors.map((e) => `    ${e.expected} ≠ ${e.got}: ${e.text}`) : []),
  '',
];

let ok = true;
const lines: string[] = [];
if (given) {
  lines.push(...report(given, evaluate(load(given), ctx)));
} else {
  const corpus = load(resolve(FIXTURES, 'nlu-corpus.json'));
  const inSample = evaluate(corpus, ctx);
  ok = inSample.accuracy >= 0.9 && inSample.unitAccuracy >= 0.9;
  lines.push(...report('labelled corpus (tests/fixtures/nlu-corpus.json), in sample', inSample));
  lines.push(...report('labelled corpus, 10-fold cross-validation', crossValidate(corpus, 10, ctx)));
  lines.push(
    ...report(
      'held-out set (tests/fixtures/nlu-holdout.jsonl, never trained or tuned on)',
      evaluate(load(resolve(FIXTURES, 'nlu-holdout.jsonl')), ctx),
    ),
  );
}
process.stdout.write(`${lines.join('\n')}`);
process.exit(ok ? 0 : 1);
