/**
 * Slack: renders and publishes each person's App Home, the review queue for a reviewer and their own claims
 * for anyone else. Built once in application.ts (createHomes); the outbox may render Homes inside a transaction.
 */
import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/database.ts';
import type { BusinessCalendar } from '../domain/business-days.ts';
import { listOwnClaims, listReviewQueue } from '../use-cases/list-claims.ts';
import type { LocaleDirectory } from './locales.ts';
import type { ReviewerDirectory } from './reviewers.ts';
import {
  buildProfessionalHome,
  buildReviewerHome,
  PROFESSIONAL_HOME_MAX_CLAIMS,
  REVIEWER_HOME_MAX_CLAIMS,
  type HomeView,
} from './views/home-view.ts';

export interface HomeDeps {
  db: Db;
  client: WebClient;
  reviewers: ReviewerDirectory;
  locales: LocaleDirectory;
  calendar: BusinessCalendar;
  clock: () => Date;
}

/**
 * A reviewer's Home is the queue, sorted by deadline; everyone else's is their own claims. Read from
 * `db`, which may be a transaction (the outbox renders several Homes in one snapshot).
 */
export async function renderHome(deps: HomeDeps, userId: string, db: Db = deps.db): Promise<HomeView> {
  const [locale, isReviewer] = await Promise.all([deps.locales.localeOf(userId), deps.reviewers.isReviewer(userId)]);
  const now = deps.clock();
  if (isReviewer) {
    const { claims, total, blocked } = await listReviewQueue(db, REVIEWER_HOME_MAX_CLAIMS);
    return buildReviewerHome({ pending: claims, locale, now, calendar: deps.calendar, totalPending: total, blocked });
  }
  const { claims, totalCount } = await listOwnClaims(db, userId, PROFESSIONAL_HOME_MAX_CLAIMS);
  return buildProfessionalHome({ claims, locale, now, totalCount });
}

export async function publishHome(deps: HomeDeps, userId: string): Promise<void> {
  await deps.client.views.publish({ user_id: userId, view: await renderHome(deps, userId) });
}

/** Every person's App Home, rendered and published: built once in src/application.ts. */
export function createHomes(deps: HomeDeps) {
  return {
    /** Reads from `db`, which may be a transaction (the outbox renders several Homes in one snapshot). */
    render: (userId: string, db: Db = deps.db): Promise<HomeView> => renderHome(deps, userId, db),
    publish: (userId: string): Promise<void> => publishHome(deps, userId),
  };
}

export type Homes = ReturnType<typeof createHomes>;
