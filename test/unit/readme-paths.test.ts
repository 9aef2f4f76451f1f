import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** `src/…`, `test/…`, `migrations/…`, `bench/…`, `soak/…` as written in the README; `dist/src/main.js` is built, not named here. */
const PATH = /(?<![\w/.-])(?:src|test|migrations|bench|soak)\/[\w./-]*[\w/]/g;
const named = [...new Set(readme.match(PATH) ?? [])];

describe('the README names only paths that exist', () => {
  it('names the source and test paths a newcomer follows', () => {
    // The map and the path of one claim: if the pattern stopped matching, the next test would pass empty.
    expect(named).toContain('src/domain/claim-state.ts');
    expect(named.length).toBeGreaterThan(20);
  });

  it.each(named)('%s exists', (path) => {
    expect(existsSync(join(root, path))).toBe(true);
  });
});
