import type { WebClient } from '@slack/web-api';
import type { Db } from '../db/database.ts';
import type { BusinessCalendar } from '../domain/business-days.ts';
import type { Locale } from '../i18n/messages.ts';
import { listOwnClaims, listReviewQueue } from '../use-cases/list-claims.ts';
import type { ReviewerDirectory } from './reviewers.ts';
import { buildProfessionalHome, buildReviewerHome, type HomeView } from './views/home-view.ts';

export const HOME_CLAIMS_SHOWN = 20;
export const HOME_QUEUE_SHOWN = 40;

export interface HomeDeps {
  db: Db;
  client: WebClient;
  reviewers: ReviewerDirectory;
  localeOf: (userId: string) => Promise<Locale>;
  calendar: BusinessCalendar;
  clock: () => Date;
}

/**
 * A reviewer's Home is the queue, sorted by deadline; everyone else's is their own claims. Read from
 * `db`, which may be a transaction (the outbox renders several Homes in one snapshot).
 */
export async function renderHome(deps: HomeDeps, userId: string, db: Db = deps.db): Promise<HomeView> {
  const [locale, isReviewer] = await Promise.all([deps.localeOf(userId), deps.reviewers.isReviewer(userId)]);
  const now = deps.clock();
  if (isReviewer) {
    const { claims, total, blocked } = await listReviewQueue(db, HOME_QUEUE_SHOWN);
    return buildReviewerHome({ pending: claims, locale, now, calendar: deps.calendar, totalPending: total, blocked });
  }
  const { claims, totalCount } = await listOwnClaims(db, userId, HOME_CLAIMS_SHOWN);
  return buildProfessionalHome({ claims, locale, now, totalCount });
}

export async function publishHome(deps: HomeDeps, userId: string): Promise<void> {
  await deps.client.views.publish({ user_id: userId, view: await renderHome(deps, userId) });
}
