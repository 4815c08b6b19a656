import type { Intent } from './intents.js';

/** Character n-grams (1..3) of a message: robust to word order, typos and missing segmentation. */
export const features = (text: string): string[] => {
  const chars = [...text.toLowerCase().replace(/\s+/g, ' ')];
  const out: string[] = [];
  for (let n = 1; n <= 3; n++) {
    for (let i = 0; i + n <= chars.length; i++) {
      const g = chars.slice(i, i + n).join('');
      if (g.trim().length === g.length || n > 1) out.push(g);
    }
  }
  return out;
};

export interface Example {
  readonly text: string;
  readonly intent: Intent;
}

/**
 * Multinomial Naive Bayes over character n-grams, trained in a few milliseconds from the labelled
 * corpus. It gives the classifier an opinion on phrasings no rule anticipates.
 */
export class NaiveBayes {
  private readonly counts = new Map<Intent, Map<string, number>>();
  private readonly totals = new Map<Intent, number>();
  private readonly docs = new Map<Intent, number>();
  private readonly vocab = new Set<string>();
  private n = 0;

  constructor(
    examples: readonly Example[],
    private readonly alpha = 1,
  ) {
    for (const e of examples) {
      this.n++;
      this.docs.set(e.intent, (this.docs.get(e.intent) ?? 0) + 1);
      const c = this.counts.get(e.intent) ?? new Map<string, number>();
      for (const f of features(e.text)) {
        c.set(f, (c.get(f) ?? 0) + 1);
        this.totals.set(e.intent, (this.totals.get(e.intent) ?? 0) + 1);
        this.vocab.add(f);
      }
      this.counts.set(e.intent, c);
    }
  }

  /** Posterior probability of each intent (sums to 1). */
  predict(text: string): Map<Intent, number> {
    const fs = features(text).filter((f) => this.vocab.has(f));
    const logs = new Map<Intent, number>();
    const v = this.vocab.size;
    for (const [intent, docs] of this.docs) {
      const c = this.counts.get(intent) ?? new Map<string, number>();
      const total = this.totals.get(intent) ?? 0;
      // A flattened prior: the big classes (repair, complaint) must not swallow short messages.
      let lp = 0.5 * Math.log(docs / this.n);
      for (const f of fs) lp += Math.log(((c.get(f) ?? 0) + this.alpha) / (total + this.alpha * v));
      logs.set(intent, lp);
    }
    const max = Math.max(...logs.values());
    let sum = 0;
    for (const [k, lp] of logs) {
      const e = Math.exp(lp - max);
      logs.set(k, e);
      sum += e;
    }
    for (const [k, e] of logs) logs.set(k, e / sum);
    return logs;
  }
}
