import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { lifecycleDiagrams } from '../src/domain/lifecycle-diagrams.js';

/** `npm run diagrams`: rewrites the README's lifecycle section from the transition tables. */
const readme = resolve(import.meta.dirname, '..', 'README.md');
const START = '<!-- lifecycles:start -->';
const END = '<!-- lifecycles:end -->';
const text = readFileSync(readme, 'utf8');
const a = text.indexOf(START);
const b = text.indexOf(END);
if (a < 0 || b < a) throw new Error('README has no lifecycle markers');
writeFileSync(readme, `${text.slice(0, a + START.length)}\n${lifecycleDiagrams()}\n${text.slice(b)}`);
process.stdout.write('README lifecycle diagrams rewritten\n');
