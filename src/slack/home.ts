import type { WebClient } from '@slack/web-api';
import { countClaimsOfProfessional, listClaimsOfProfessional, listPendingClaims } from '../db/claim.repository.ts';
import type { Db } from '../db/database.ts';
import type { BusinessCalendar } from '../domain/italian-holidays.ts';
import type { Locale } from '../i18n/messages.ts';
import type { ReviewerDirectory } from './reviewers.ts';
import { buildProfessionalHome, buildReviewerHome } from './views/home-view.ts';

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

/** A reviewer's Home is the queue, sorted by deadline; everyone else's is their own claims. */
export async function publishHome(deps: HomeDeps, userId: string): Promise<void> {
  const [locale, isReviewer] = await Promise.all([deps.localeOf(userId), deps.reviewers.isReviewer(userId)]);
  const now = deps.clock();
  if (isReviewer) {
    const { claims, total } = await listPendingClaims(deps.db, HOME_QUEUE_SHOWN);
    const view = buildReviewerHome({ pending: claims, locale, now, calendar: deps.calendar, totalPending: total });
    await deps.client.views.publish({ user_id: userId, view });
    return;
  }
  const [claims, totalCount] = await Promise.all([
    listClaimsOfProfessional(deps.db, userId, HOME_CLAIMS_SHOWN),
    countClaimsOfProfessional(deps.db, userId),
  ]);
  await deps.client.views.publish({ user_id: userId, view: buildProfessionalHome({ claims, locale, now, totalCount }) });
}
