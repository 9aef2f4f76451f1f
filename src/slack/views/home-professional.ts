/**
 * Builder (pure): a professional's App Home tab — how refunds work, the form button, then their most recent
 * claims with their status (lines shared with status-message.ts). Chosen and published through home-view.ts;
 * the tab says when it was drawn, as it stays until the next publish.
 */
import type { HomeView, KnownBlock } from '@slack/types';
import type { Claim, IsoDate } from '../../domain/claim.ts';
import { romeDateOf } from '../../domain/rome-calendar.ts';
import { formatDateTime } from '../../i18n/format.ts';
import { t, type Locale } from '../../i18n/messages.ts';
import { buildAskRefundActions } from '../messages/help-message.ts';
import { BLOCK_KIT_LIMITS, mrkdwn, plainText, section } from '../messages/slack-text.ts';
import { describeClaimStatus, describeClaimTitle, describeOlderClaims } from '../messages/status-message.ts';

export const PRO_HOME_ASK_BLOCK_ID = 'home_pro_ask_refund';
export const PRO_HOME_EMPTY_BLOCK_ID = 'home_pro_empty';
export const PRO_HOME_MORE_BLOCK_ID = 'home_pro_more';

/** One section per claim: 20 of them and the tab's fixed blocks stay far below a home tab's 100. */
export const PROFESSIONAL_HOME_MAX_CLAIMS = 20;

export interface ProfessionalHomeOptions {
  /** The professional's claims, newest first. */
  claims: readonly Claim[];
  locale: Locale;
  now: Date;
  /** How many claims the professional has in all, when `claims` is only the first page. */
  totalCount?: number;
}

function describeClaim(claim: Claim, locale: Locale, today: IsoDate): string {
  const lines = [
    describeClaimTitle(claim),
    t(locale, `reason.${claim.reason}`),
    describeClaimStatus(claim, locale, today),
  ];
  return lines.join('\n');
}

/** The App Home of a professional: how refunds work, the form button, then their claims. */
export function buildProfessionalHome({ claims, locale, now, totalCount }: ProfessionalHomeOptions): HomeView {
  const today = romeDateOf(now);
  const shown = claims.slice(0, PROFESSIONAL_HOME_MAX_CLAIMS);
  const hidden = Math.max(totalCount ?? 0, claims.length) - shown.length;
  const blocks: KnownBlock[] = [
    { type: 'header', text: plainText(t(locale, 'home.pro.header'), BLOCK_KIT_LIMITS.header) },
    section(t(locale, 'home.pro.intro')),
    buildAskRefundActions(locale, PRO_HOME_ASK_BLOCK_ID),
    { type: 'context', elements: [mrkdwn(t(locale, 'home.pro.help_hint'))] },
    { type: 'divider' },
    { type: 'header', text: plainText(t(locale, 'home.pro.claims_header'), BLOCK_KIT_LIMITS.header) },
  ];
  if (shown.length === 0) {
    blocks.push({ type: 'section', block_id: PRO_HOME_EMPTY_BLOCK_ID, text: mrkdwn(t(locale, 'home.pro.empty')) });
  }
  blocks.push(...shown.map((claim) => section(describeClaim(claim, locale, today))));
  if (hidden > 0) {
    blocks.push({
      type: 'context',
      block_id: PRO_HOME_MORE_BLOCK_ID,
      elements: [mrkdwn(describeOlderClaims(hidden, locale))],
    });
  }
  // A home tab stays as published until the next publish: say when that was.
  blocks.push({
    type: 'context',
    elements: [mrkdwn(t(locale, 'home.updated_at', { when: formatDateTime(now, locale) }))],
  });
  return { type: 'home', blocks };
}
