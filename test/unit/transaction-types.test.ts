import { describe, expectTypeOf, it } from 'vitest';
import { lockProfessional } from '../../src/db/claim.repository.ts';
import type { Db, Trx } from '../../src/db/database.ts';
import { findCoveredMessages, releaseBlockedMessages } from '../../src/db/outbox.repository.ts';
import { insertSubmittedClaim, readSubmissionContext } from '../../src/db/submission.repository.ts';
import { takeDueNotices } from '../../src/db/reminder.repository.ts';

/**
 * Checked by `npm run typecheck` (tsconfig includes test/): an assertion that fails here is a compile
 * error, and a `@ts-expect-error` whose line compiles is one too.
 */
describe('repository functions that only mean something inside a transaction', () => {
  it('the plain database is not a transaction', () => {
    expectTypeOf<Db>().not.toExtend<Trx>();
    expectTypeOf<Trx>().toExtend<Db>();
  });

  it('lockProfessional(db) does not compile: its advisory lock would be released as soon as it is taken', () => {
    const lockOutside = (db: Db) =>
      // @ts-expect-error a Db is not a Transaction<Database>
      lockProfessional(db, 'UPRO');
    const lockInside = (trx: Trx) => lockProfessional(trx, 'UPRO');
    expectTypeOf(lockOutside).returns.toEqualTypeOf<Promise<void>>();
    expectTypeOf(lockInside).returns.toEqualTypeOf<Promise<void>>();
  });

  it('the reads and takes that rely on the caller’s transaction take one', () => {
    expectTypeOf(lockProfessional).parameter(0).toEqualTypeOf<Trx>();
    expectTypeOf(readSubmissionContext).parameter(0).toEqualTypeOf<Trx>();
    expectTypeOf(insertSubmittedClaim).parameter(0).toEqualTypeOf<Trx>();
    expectTypeOf(takeDueNotices).parameter(0).toEqualTypeOf<Trx>();
    expectTypeOf(releaseBlockedMessages).parameter(0).toEqualTypeOf<Trx>();
    expectTypeOf(findCoveredMessages).parameter(0).toEqualTypeOf<Trx>();
  });
});
