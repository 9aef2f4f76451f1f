import type { Migration } from 'kysely';
import * as claims from './2026-11-24-001-claims.ts';

/** Every migration, by its sortable name. Add new ones here; never edit an applied one. */
export const migrations: Record<string, Migration> = {
  '2026-11-24-001-claims': claims,
};
