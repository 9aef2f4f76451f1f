/**
 * Builder (pure): the claim's details as the reviewers read them — its fields, the professional's description, a
 * contest of a refusal and the policy's findings — in Block Kit. Shared by the review channel's message
 * (review-message.ts) and the reviewer's App Home; every user-entered value is escaped and cut to Slack's limits.
 */
import type { KnownBlock, MrkdwnElement, SectionBlock } from '@slack/types';
import type { Claim } from '../../domain/claim.ts';
import { formatDate } from '../../i18n/format.ts';
import { t, type Locale, type MessageKey } from '../../i18n/messages.ts';
import { BLOCK_KIT_LIMITS, escapeAndTruncate, escapeMrkdwn, mrkdwn, truncate } from './slack-text.ts';
import { describeFinding, describeIneligibility } from './verdict-text.ts';
import { formatDateTime } from '../../i18n/format.ts';

export const REVIEW_CONTEST_BLOCK_ID = 'claim_review_contest';

/** A `<@U…>` mention; the id is escaped so a malformed one cannot open another link or mention. */
export function mentionUser(userId: string): string {
  return `<@${escapeMrkdwn(userId)}>`;
}

/** `*Label*` over the value; `raw` is user text, escaped and cut to what the field can hold. */
function field(locale: Locale, label: MessageKey, value: { raw: string } | { safe: string }): MrkdwnElement {
  const heading = `*${t(locale, label)}*\n`;
  const budget = BLOCK_KIT_LIMITS.field - heading.length;
  const text = 'raw' in value ? escapeAndTruncate(value.raw, budget) : truncate(value.safe, budget);
  return mrkdwn(heading + text);
}

function claimFields(claim: Claim, locale: Locale): MrkdwnElement[] {
  const notGiven = { safe: t(locale, 'review.not_given') };
  const date = (iso: string | null) => (iso === null ? notGiven : { safe: formatDate(iso, locale) });
  return [
    field(locale, 'review.professional', { safe: mentionUser(claim.professionalId) }),
    field(locale, 'review.client', { raw: `${claim.clientFirstName} ${claim.clientLastName}` }),
    field(locale, 'review.phone', claim.clientPhone === null ? notGiven : { raw: claim.clientPhone }),
    field(locale, 'review.service', { raw: claim.service }),
    field(locale, 'review.answered_on', date(claim.answeredOn)),
    field(locale, 'review.received_on', date(claim.receivedOn)),
    field(locale, 'review.credits', { safe: String(claim.credits) }),
    field(locale, 'review.reason', { safe: t(locale, `reason.${claim.reason}`) }),
    field(locale, 'review.deadline', date(claim.reviewDeadlineOn)),
  ];
}

/** Slack allows at most 10 fields per section: more go to further sections. */
function fieldSections(fields: MrkdwnElement[]): SectionBlock[] {
  const sections: SectionBlock[] = [];
  for (let start = 0; start < fields.length; start += BLOCK_KIT_LIMITS.fieldsPerSection) {
    sections.push({ type: 'section', fields: fields.slice(start, start + BLOCK_KIT_LIMITS.fieldsPerSection) });
  }
  return sections;
}

function titledSection(title: string, body: string): SectionBlock {
  const heading = `*${title}*\n`;
  return { type: 'section', text: mrkdwn(heading + truncate(body, BLOCK_KIT_LIMITS.sectionText - heading.length)) };
}

/** The claim as the reviewers read it: its fields, the professional's description and the policy checks. */
export function buildClaimDetailBlocks(claim: Claim, locale: Locale): KnownBlock[] {
  const blocks: KnownBlock[] = fieldSections(claimFields(claim, locale));
  if (claim.description !== null) {
    const heading = `*${t(locale, 'review.description')}*\n`;
    const body = escapeAndTruncate(claim.description, BLOCK_KIT_LIMITS.sectionText - heading.length);
    blocks.push({ type: 'section', text: mrkdwn(heading + body) });
  }
  if (claim.contest && claim.verdict.kind === 'ineligible') {
    // The professional asked a person to look at a refusal: the rule that refused it, and their reason.
    const params = {
      when: formatDateTime(claim.contest.at, locale),
      why: describeIneligibility(claim.verdict, locale),
    };
    const withoutReason = t(locale, 'review.contested', { ...params, reason: '' });
    const reason = escapeAndTruncate(claim.contest.reason, BLOCK_KIT_LIMITS.sectionText - withoutReason.length);
    blocks.push({
      type: 'section',
      block_id: REVIEW_CONTEST_BLOCK_ID,
      text: mrkdwn(t(locale, 'review.contested', { ...params, reason })),
    });
  }
  if (claim.verdict.kind === 'to_review' && claim.verdict.findings.length > 0) {
    const lines = claim.verdict.findings.map((finding) => describeFinding(finding, locale));
    blocks.push(titledSection(t(locale, 'review.findings'), lines.join('\n')));
  }
  return blocks;
}
