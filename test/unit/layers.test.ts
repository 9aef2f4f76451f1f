import { join } from 'node:path';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules CI runs (`npm run depcheck`), run here on src/ and on a fixture that breaks them:
 * the checker passes on the app and bites on a violation, so a rule that silently matches nothing
 * fails this test.
 */
const REPO_ROOT = join(import.meta.dirname, '../..');
const FIXTURE = join(REPO_ROOT, 'test/fixtures/layers');

async function violationsIn(baseDir: string, roots: string[]) {
  const options = await extractDepcruiseOptions(join(REPO_ROOT, '.dependency-cruiser.js'));
  const result = await cruise(roots, {
    ...options,
    baseDir,
    tsConfig: { fileName: join(REPO_ROOT, 'tsconfig.json') },
  });
  const { summary } = result.output as ICruiseResult;
  return summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

describe('the layers of src/', () => {
  it('src/ and migrations/ break no rule', async () => {
    expect(await violationsIn(REPO_ROOT, ['src', 'migrations'])).toEqual([]);
  });

  it('a domain module importing db/, a folder cycle and a listener calling a repository are each reported', async () => {
    const violations = await violationsIn(FIXTURE, ['src']);
    expect(violations).toEqual(
      expect.arrayContaining([
        { rule: 'domain-is-pure', from: 'src/domain/claim.ts', to: 'src/db/claim.repository.ts' },
        { rule: 'adapters-call-use-cases', from: 'src/slack/listener.ts', to: 'src/db/claim.repository.ts' },
        expect.objectContaining({ rule: 'no-circular', to: expect.stringMatching(/^src\/(domain|db)\//) }),
        { rule: 'no-folder-cycles', from: 'src/domain', to: 'src/db' },
      ]),
    );
  });
});
