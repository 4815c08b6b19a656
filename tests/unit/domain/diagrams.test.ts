import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lifecycleDiagrams } from '../../../src/domain/lifecycle-diagrams.js';

describe('README lifecycle diagrams', () => {
  it('are the ones the transition tables draw (run `npm run diagrams` after changing a table)', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../../README.md'), 'utf8');
    const between = /<!-- lifecycles:start -->\n([\s\S]*?)\n<!-- lifecycles:end -->/.exec(readme)?.[1];
    expect(between).toBe(lifecycleDiagrams());
  });

  it('draw every state change of the tables, with who may take it', () => {
    const text = lifecycleDiagrams();
    expect(text).toContain('reported --> accepted: 接单（工程部）');
    expect(text).toContain('fixed --> in_progress: 没修好（报告人/主管及以上/前台）');
    expect(text).toContain('open --> handling: 接手处理（责任岗位/主管及以上）');
    expect(text).toContain('pending --> rejected: 驳回（审批人）');
  });
});
