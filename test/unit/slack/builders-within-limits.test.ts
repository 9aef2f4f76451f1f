import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUTO_APPROVE_CASES,
  DEFAULT_POLICY,
  REASONS,
  type AutoApproveCase,
  type Claim,
  type ClaimInput,
  type PriorClaim,
} from '../../../src/domain/claim.ts';
import type { ClaimStatus } from '../../../src/domain/claim-state.ts';
import { createBusinessCalendar } from '../../../src/domain/italian-holidays.ts';
import { evaluateClaim } from '../../../src/domain/policy.ts';
import type { Question } from '../../../src/domain/question.ts';
import { LOCALES, type Locale } from '../../../src/i18n/messages.ts';
import { buildFormPointerMessage } from '../../../src/slack/messages/form-pointer.ts';
import {
  buildAskRefundActions,
  buildAskRefundButton,
  buildHelpMessage,
} from '../../../src/slack/messages/help-message.ts';
import { buildDecisionDm, buildReversalDm, buildSubmissionDm } from '../../../src/slack/messages/professional-dm.ts';
import {
  buildAnswerThreadPost,
  buildQuestionDm,
  buildQuestionThreadPost,
} from '../../../src/slack/messages/question-messages.ts';
import { buildClaimDetailBlocks } from '../../../src/slack/messages/review-details.ts';
import { buildReviewMessage } from '../../../src/slack/messages/review-message.ts';
import { buildEscalationMessage, buildReminderMessage } from '../../../src/slack/messages/sla-messages.ts';
import { buildStatusMessage } from '../../../src/slack/messages/status-message.ts';
import { buildClaimResultView } from '../../../src/slack/views/claim-result-view.ts';
import { buildProfessionalHome } from '../../../src/slack/views/home-professional.ts';
import { buildReviewerHome } from '../../../src/slack/views/home-reviewer.ts';
import {
  ASK_MODAL,
  buildAnswerModal,
  buildAnswerSentView,
  buildAskModal,
} from '../../../src/slack/views/question-modals.ts';
import { FIELD_LIMITS, buildRefundModal } from '../../../src/slack/views/refund-modal.ts';
import { REJECT_REASON_LIMITS, buildRejectModal } from '../../../src/slack/views/reject-modal.ts';
import { buildTextRequestModal } from '../../../src/slack/views/text-request-modal.ts';
import { escapeMrkdwn, quoteMrkdwn } from '../../../src/slack/messages/slack-text.ts';
import { findBlockKitViolations } from './block-kit-limits.ts';
import type { ReportFigures } from '../../../src/domain/ops-report.ts';
import { buildReportMessage } from '../../../src/slack/messages/report-message.ts';
import { buildEvidenceInput } from '../../../src/slack/views/evidence-input.ts';
import type { Charge, ChargeTrigger } from '../../../src/domain/ledger.ts';
import { STATIC_CHARGE_OPTIONS } from '../../../src/domain/charge-choice.ts';
import { REVERSE_REASON_LIMITS, buildReverseModal } from '../../../src/slack/views/reverse-modal.ts';
import { buildContestActions } from '../../../src/slack/messages/contest-button.ts';
import { buildContestDm } from '../../../src/slack/messages/professional-dm.ts';
import { describeIneligibility } from '../../../src/slack/messages/verdict-text.ts';
import {
  buildChargeInput,
  buildChargeOption,
  buildChargeOptions,
  buildNotListedOption,
} from '../../../src/slack/views/charge-select.ts';
import {
  buildContestModal,
  buildContestNoticeView,
  buildContestSentView,
} from '../../../src/slack/views/contest-modal.ts';

/** An option inside the element that holds it, so the option's own limits are checked. */
const staticSelectOf = (options: unknown[]) => ({
  type: 'input',
  label: { type: 'plain_text', text: 'L' },
  element: { type: 'static_select', action_id: 'pick', options },
});

/**
 * Every Block Kit builder under src/slack/messages and src/slack/views, fed what people can type — the
 * longest values the modals allow, line breaks, `&<>`, emoji and astral characters, mrkdwn control
 * sequences — stays within Slack's limits, counted the way Slack counts them. A builder added there
 * without an entry here fails the last test: every builder is checked, including future ones.
 */

// Pieces people type that grow when escaped or quoted, take two UTF-16 units, or mean something in mrkdwn.
const HOSTILE_PIECES = [
  '&',
  '<',
  '>',
  '\n',
  '😀',
  '𝔘',
  '👩‍👩‍👧',
  '*',
  '_',
  '~',
  '`',
  '<!here>',
  '<!channel>',
  '<@UEVIL>',
  '<https://x.test|link>',
  'è',
  'x',
  ' ',
];
// The app mentions @here itself (the escalation): the sentinels are what it never writes on its own.
const SENTINELS = ['<!channel>', '<@UEVIL>', '<https://x.test|link>'];
const codePoints = (text: string, max: number) => [...text].slice(0, max).join('');

/** Text of at most `max` characters (code points, as the modals count), often the longest allowed. */
const typed = (max: number, min = 1): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 3, arbitrary: fc.string({ unit: fc.constantFrom(...HOSTILE_PIECES), minLength: min, maxLength: max }) },
      { weight: 1, arbitrary: fc.constantFrom('&', '\n', '😀', '<', '\n&', 'x').map((piece) => piece.repeat(max)) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: max }) },
    )
    .map((text) => codePoints(text, max))
    .filter((text) => [...text].length >= min && text.trim().length > 0);

const slackIdArb = fc.constantFrom('U0REVIEWER', 'U012PRO', 'UABCDEFGHIJK', 'W0ENTERPRISE');
const locale = fc.constantFrom<Locale>(...LOCALES);
const isoDay = fc
  .date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const NOW = new Date('2026-11-24T10:00:00Z');

const claimInput: fc.Arbitrary<ClaimInput> = fc.record({
  clientFirstName: typed(FIELD_LIMITS.name),
  clientLastName: typed(FIELD_LIMITS.name),
  clientPhone: fc.option(fc.constantFrom('+39 333 1234567', '+39 (333) 123-45.67 890 12 345'), { nil: null }),
  service: typed(FIELD_LIMITS.service),
  answeredOn: isoDay,
  receivedOn: fc.option(isoDay, { nil: null }),
  credits: fc.integer({ min: 1, max: DEFAULT_POLICY.maxCreditsPerClaim }),
  reason: fc.constantFrom(...REASONS),
  description: fc.option(typed(FIELD_LIMITS.description), { nil: null }),
});

const priorClaim: fc.Arbitrary<PriorClaim> = fc.record({
  reference: fc.constantFrom('RIM-2026-000001', 'RIM-2026-999999'),
  reason: fc.constantFrom(...REASONS),
  status: fc.constantFrom<ClaimStatus>('pending_review', 'approved', 'rejected', 'ineligible'),
  clientFirstName: typed(FIELD_LIMITS.name),
  clientLastName: typed(FIELD_LIMITS.name),
  answeredOn: isoDay,
});

/** A stored claim whose verdict the real policy engine gave, in any state a claim can reach. */
const claim: fc.Arbitrary<Claim> = fc
  .record({
    input: claimInput,
    priors: fc.array(priorClaim, { maxLength: 3 }),
    decided: fc.constantFrom<ClaimStatus>('pending_review', 'approved', 'rejected'),
    decidedBy: slackIdArb,
    reason: fc.option(typed(REJECT_REASON_LIMITS.max, REJECT_REASON_LIMITS.min), { nil: null }),
    assignedTo: fc.option(slackIdArb, { nil: null }),
    reference: fc.constantFrom('RIM-2026-000001', 'RIM-2026-123456'),
    id: fc.uuid(),
    automatic: fc.option(fc.constantFrom<AutoApproveCase>(...AUTO_APPROVE_CASES), { nil: null }),
    reversalReason: fc.option(typed(REVERSE_REASON_LIMITS.max, REVERSE_REASON_LIMITS.min), { nil: null }),
  })
  .map(({ input, priors, decided, decidedBy, reason, assignedTo, reference, id, automatic, reversalReason }) => {
    const verdict = evaluateClaim(input, priors, DEFAULT_POLICY, NOW);
    // An automatic approval (possibly reversed since) is a state of its own: the policy decided it.
    const autoApprovedCase = verdict.kind === 'to_review' && decided === 'approved' ? automatic : null;
    const reversed = autoApprovedCase !== null && reversalReason !== null;
    const status: ClaimStatus = verdict.kind === 'ineligible' ? 'ineligible' : reversed ? 'reversed' : decided;
    const isDecided = status === 'approved' || status === 'rejected' || status === 'reversed';
    return {
      ...input,
      id,
      reference,
      professionalId: 'U012PRO',
      teamId: 'T0TEAM',
      status,
      verdict,
      submittedAt: NOW,
      reviewDeadlineOn: verdict.kind === 'to_review' ? '2026-12-08' : null,
      decidedBy: isDecided ? decidedBy : null,
      decidedAt: isDecided ? NOW : null,
      decisionReason: status === 'rejected' ? reason : null,
      reviewChannelId: 'CREVIEW',
      reviewMessageTs: '1700000000.000100',
      assignedTo: status === 'pending_review' ? assignedTo : null,
      autoApprovedCase,
      reversal: reversed ? { by: decidedBy, at: NOW, reason: reversalReason } : null,
    };
  });

const question: fc.Arbitrary<Question> = fc.record({
  id: fc.uuid(),
  claimId: fc.uuid(),
  askedBy: slackIdArb,
  question: typed(ASK_MODAL.limits.max, ASK_MODAL.limits.min),
  askedAt: fc.constant(NOW),
  answer: fc.option(typed(2000, 2), { nil: null }),
  answeredAt: fc.constant(null),
});

const charge: fc.Arbitrary<Charge> = fc.record({
  chargeId: fc.string({ unit: fc.constantFrom('a', 'Z', '9', '-', '_'), minLength: 1, maxLength: 100 }),
  professionalId: fc.constant('U012PRO'),
  leadId: fc.constant('lead-1'),
  clientFirstName: typed(FIELD_LIMITS.name),
  clientLastName: typed(FIELD_LIMITS.name),
  clientPhone: fc.option(fc.constant('+39 333 1234567'), { nil: null }),
  service: typed(FIELD_LIMITS.service),
  leadReceivedAt: fc.constant(new Date('2026-11-10T09:00:00Z')),
  chargedAt: fc.constant(new Date('2026-11-10T09:05:00Z')),
  credits: fc.integer({ min: 1, max: 1000 }),
  trigger: fc.constantFrom<ChargeTrigger>('phone_answer', 'client_chat'),
});
const chargeChoice = fc.oneof(
  fc
    .array(charge, { minLength: 1, maxLength: STATIC_CHARGE_OPTIONS })
    .map((charges) => ({ kind: 'static' as const, charges })),
  fc.constant({ kind: 'external' as const }),
);

const count = fc.nat({ max: 1_000_000 });
const share = fc.option(fc.double({ min: 0, max: 50, noNaN: true }), { nil: null });
const reportFigures: fc.Arbitrary<ReportFigures> = fc.record({
  period: fc.constantFrom<ReportFigures['period']>(
    { kind: 'week', from: '2026-11-16', to: '2026-11-22' },
    { kind: 'month', from: '2026-10-01', to: '2026-10-31' },
  ),
  received: fc.record({ total: count, toReview: count, ineligible: count }),
  decided: fc.record({
    total: count,
    approved: count,
    rejected: count,
    withinDeadline: count,
    withinDeadlineShare: share,
    medianBusinessDays: fc.option(fc.nat({ max: 400 }), { nil: null }),
  }),
  byReason: fc.array(
    fc.record({
      reason: fc.constantFrom<string>(...REASONS),
      received: count,
      ineligible: count,
      approved: count,
      rejected: count,
    }),
    { maxLength: REASONS.length },
  ),
  creditsRefunded: count,
  overdueNow: count,
  topProfessionals: fc.array(
    fc.record({ professionalId: slackIdArb, creditsRefunded: count, creditsCharged: count, share }),
    { maxLength: 5 },
  ),
});

const message = (blocks: unknown[]) => ({ text: 'fallback', blocks });
const modalWith = (blocks: unknown[]) => ({
  type: 'modal',
  title: { type: 'plain_text', text: 'T' },
  submit: { type: 'plain_text', text: 'S' },
  blocks,
});
const calendar = createBusinessCalendar();

/** Each builder, called with generated arguments; the output is what Slack would receive. */
const BUILDERS: Record<string, fc.Arbitrary<unknown>> = {
  buildFormPointerMessage: locale.map((l) => buildFormPointerMessage(l)),
  buildAskRefundButton: locale.map((l) => message([{ type: 'actions', elements: [buildAskRefundButton(l)] }])),
  buildAskRefundActions: locale.map((l) => message([buildAskRefundActions(l, 'ask_block')])),
  buildHelpMessage: locale.map((l) => buildHelpMessage(l)),
  buildSubmissionDm: fc.tuple(claim, locale).map(([c, l]) => buildSubmissionDm(c, l)),
  buildDecisionDm: fc
    .tuple(
      claim.filter((c) => c.status === 'approved' || c.status === 'rejected'),
      locale,
    )
    .map(([c, l]) => buildDecisionDm(c, l)),
  buildQuestionDm: fc.tuple(claim, question, locale).map(([c, q, l]) => buildQuestionDm(c, q, l)),
  buildQuestionThreadPost: fc.tuple(claim, question, locale).map(([c, q, l]) => buildQuestionThreadPost(c, q, l)),
  buildAnswerThreadPost: fc.tuple(claim, question, locale).map(([c, q, l]) => buildAnswerThreadPost(c, q, l)),
  buildClaimDetailBlocks: fc.tuple(claim, locale).map(([c, l]) => message(buildClaimDetailBlocks(c, l))),
  buildReviewMessage: fc.tuple(claim, locale).map(([c, l]) => buildReviewMessage(c, l)),
  buildReminderMessage: fc
    .tuple(claim, fc.integer({ min: 0, max: 10 }), locale)
    .map(([c, d, l]) => buildReminderMessage(c, d, l)),
  buildEscalationMessage: fc
    .tuple(claim, fc.constantFrom({ kind: 'here' as const }, { kind: 'usergroup' as const, id: 'S0REVIEWERS' }), locale)
    .map(([c, target, l]) => buildEscalationMessage(c, target, l)),
  buildStatusMessage: fc
    .tuple(fc.array(claim, { maxLength: 10 }), locale, fc.nat({ max: 500 }))
    .map(([claims, l, extra]) =>
      buildStatusMessage({ claims, locale: l, now: NOW, totalCount: claims.length + extra }),
    ),
  buildClaimResultView: fc
    .tuple(claim, locale)
    .map(([c, l]) =>
      buildClaimResultView({ locale: l, reference: c.reference, verdict: c.verdict, deadlineOn: c.reviewDeadlineOn }),
    ),
  buildProfessionalHome: fc
    .tuple(fc.array(claim, { maxLength: 25 }), locale, fc.nat({ max: 500 }))
    .map(([claims, l, extra]) =>
      buildProfessionalHome({ claims, locale: l, now: NOW, totalCount: claims.length + extra }),
    ),
  buildReviewerHome: fc
    .tuple(fc.array(claim, { maxLength: 45 }), locale, fc.nat({ max: 500 }))
    .map(([claims, l, extra]) =>
      buildReviewerHome({ pending: claims, locale: l, now: NOW, calendar, totalPending: claims.length + extra }),
    ),
  buildAskModal: fc
    .tuple(claim, locale)
    .map(([c, l]) => buildAskModal({ locale: l, claimId: c.id, reference: c.reference })),
  buildAnswerModal: fc
    .tuple(claim, question, locale)
    .map(([c, q, l]) =>
      buildAnswerModal({ locale: l, questionId: q.id, reference: c.reference, question: q.question }),
    ),
  buildAnswerSentView: fc.tuple(claim, locale).map(([c, l]) => buildAnswerSentView(l, c.reference)),
  buildRefundModal: fc
    .tuple(locale, fc.integer({ min: 1, max: 10_000 }), fc.option(chargeChoice, { nil: undefined }))
    .map(([l, maxCredits, charges]) => buildRefundModal({ locale: l, maxCredits, ...(charges ? { charges } : {}) })),
  buildChargeInput: fc.tuple(chargeChoice, locale).map(([choice, l]) => modalWith([buildChargeInput(choice, l)])),
  buildChargeOption: fc.tuple(charge, locale).map(([c, l]) => modalWith([staticSelectOf([buildChargeOption(c, l)])])),
  buildChargeOptions: fc
    .tuple(fc.array(charge, { maxLength: 120 }), locale)
    .map(([charges, l]) => modalWith([staticSelectOf(buildChargeOptions(charges, l))])),
  buildNotListedOption: locale.map((l) => modalWith([staticSelectOf([buildNotListedOption(l)])])),
  buildContestActions: fc.tuple(fc.uuid(), locale).map(([id, l]) => message([buildContestActions(id, l)])),
  buildContestDm: fc
    .tuple(
      claim.filter((c) => c.reviewDeadlineOn !== null),
      locale,
    )
    .map(([c, l]) => buildContestDm(c, l)),
  buildContestModal: fc
    .tuple(
      claim.filter((c) => c.verdict.kind === 'ineligible'),
      locale,
    )
    .map(([c, l]) =>
      buildContestModal({
        locale: l,
        claimId: c.id,
        reference: c.reference,
        why: c.verdict.kind === 'ineligible' ? describeIneligibility(c.verdict, l) : '',
      }),
    ),
  buildContestNoticeView: fc
    .tuple(locale, typed(2000))
    .map(([l, text]) => buildContestNoticeView(l, escapeMrkdwn(text))),
  buildEvidenceInput: locale.map((l) => modalWith([buildEvidenceInput(l)])),
  buildReportMessage: fc.tuple(reportFigures, locale).map(([figures, l]) => buildReportMessage(figures, l)),
  buildContestSentView: fc.tuple(claim, locale).map(([c, l]) => buildContestSentView(l, c.reference, '2026-12-08')),
  buildRejectModal: fc
    .tuple(claim, locale)
    .map(([c, l]) => buildRejectModal({ locale: l, claimId: c.id, reference: c.reference })),
  buildReverseModal: fc
    .tuple(claim, locale)
    .map(([c, l]) => buildReverseModal({ locale: l, claimId: c.id, reference: c.reference, credits: c.credits })),
  buildReversalDm: fc
    .tuple(
      claim.filter((c) => c.status === 'reversed'),
      locale,
    )
    .map(([c, l]) => buildReversalDm(c, l)),
  // Its intro is mrkdwn its callers build: here, a long quoted text.
  buildTextRequestModal: fc
    .tuple(typed(5000), fc.uuid(), locale)
    .map(([intro, recordId, l]) =>
      buildTextRequestModal(ASK_MODAL, { locale: l, recordId, intro: quoteMrkdwn(intro) }),
    ),
};

/** Every text object's text in a Slack payload, with whether it is mrkdwn. */
function textsOf(value: unknown, found: { text: string; mrkdwn: boolean }[] = []): { text: string; mrkdwn: boolean }[] {
  if (Array.isArray(value)) value.forEach((item) => textsOf(item, found));
  else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if ((record.type === 'mrkdwn' || record.type === 'plain_text') && typeof record.text === 'string') {
      found.push({ text: record.text, mrkdwn: record.type === 'mrkdwn' });
    } else Object.values(record).forEach((item) => textsOf(item, found));
  }
  return found;
}

const sectionTexts = (blocks: unknown[]) =>
  blocks
    .flatMap((block) => {
      const { type, text } = block as { type?: string; text?: { text?: string } };
      return type === 'section' && typeof text?.text === 'string' ? [text.text] : [];
    })
    .join('');

describe('every Block Kit builder stays within Slack’s limits, whatever people type', () => {
  it.each(Object.entries(BUILDERS))('%s', (_name, output) => {
    fc.assert(
      fc.property(output, (built) => {
        expect(findBlockKitViolations(built)).toEqual([]);
        const { text } = built as { text?: unknown };
        // chat.postMessage's own limit on the fallback text.
        if (typeof text === 'string') expect(text.length).toBeLessThanOrEqual(40_000);
        // What people typed never pings, mentions or links: mrkdwn shows it escaped.
        const mrkdwnTexts = [
          ...textsOf(built)
            .filter((t) => t.mrkdwn)
            .map((t) => t.text),
          ...(typeof text === 'string' ? [text] : []),
        ];
        for (const sentinel of SENTINELS) expect(mrkdwnTexts.filter((t) => t.includes(sentinel))).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('the professional reads the whole question, however long and however written', () => {
    fc.assert(
      fc.property(claim, question, locale, (c, q, l) => {
        // Escaped, the question has no '>' of its own: without the quote marks and line breaks, all of it is there.
        const flat = (text: string) => text.replace(/[\n>]/g, '');
        const whole = flat(escapeMrkdwn(q.question));
        const dm = buildQuestionDm(c, q, l);
        expect(flat(sectionTexts(dm.blocks))).toContain(whole);
        const modal = buildAnswerModal({ locale: l, questionId: q.id, reference: c.reference, question: q.question });
        expect(flat(sectionTexts(modal.blocks))).toContain(whole);
      }),
      { numRuns: 100 },
    );
  });

  it('lists every builder under src/slack/messages and src/slack/views', async () => {
    const exported: string[] = [];
    for (const dir of ['messages', 'views']) {
      const folder = new URL(`../../../src/slack/${dir}/`, import.meta.url);
      for (const file of readdirSync(folder).filter((name) => name.endsWith('.ts'))) {
        const module = (await import(new URL(file, folder).href)) as Record<string, unknown>;
        exported.push(
          ...Object.entries(module)
            .filter(([name, value]) => name.startsWith('build') && typeof value === 'function')
            .map(([name]) => name),
        );
      }
    }
    // A builder missing here is not checked: give it an entry in BUILDERS above.
    expect(exported.filter((name) => !(name in BUILDERS)).sort()).toEqual([]);
  });
});
