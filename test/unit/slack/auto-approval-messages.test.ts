import { describe, expect, it } from 'vitest';
import type { Button, KnownBlock } from '@slack/types';
import { LOCALES } from '../../../src/i18n/messages.ts';
import { AUTO_APPROVE_CASES } from '../../../src/domain/claim.ts';
import {
  AUTO_APPROVAL_BLOCK_ID,
  REVERSE_ACTION_ID,
  REVERSAL_BLOCK_ID,
} from '../../../src/slack/messages/auto-approval-blocks.ts';
import { buildReversalDm } from '../../../src/slack/messages/professional-dm.ts';
import { APPROVE_ACTION_ID, buildReviewMessage } from '../../../src/slack/messages/review-message.ts';
import { describeClaimStatus } from '../../../src/slack/messages/status-message.ts';
import { buildClaimResultView } from '../../../src/slack/views/claim-result-view.ts';
import {
  buildReverseModal,
  parseReverseSubmission,
  REVERSE_REASON_ACTION_ID,
  REVERSE_REASON_BLOCK_ID,
} from '../../../src/slack/views/reverse-modal.ts';
import { CLAIM_ID, FINDINGS, WORST_CASE_TEXTS, buildClaim, buildLongestClaim } from '../../support/factories.ts';
import { expectWithinBlockKitLimits } from './block-kit-limits.ts';

const APPROVED_AT = new Date('2026-11-24T10:00:00Z');
const automatic = {
  status: 'approved' as const,
  decidedBy: 'policy',
  decidedAt: APPROVED_AT,
  reviewDeadlineOn: null,
  autoApprovedCase: 'later_interaction' as const,
  verdict: {
    kind: 'to_review' as const,
    matchedChargeId: 'ch_later',
    findings: [
      ...FINDINGS,
      {
        code: 'auto_approved_later_interaction' as const,
        level: 'ok' as const,
        params: { chargeId: 'ch_later', evidenceChargeId: 'ch_earlier' },
      },
    ],
  },
};
const reversal = {
  by: 'U0REVIEWER',
  at: new Date('2026-11-25T09:00:00Z'),
  reason: 'Il cliente ha confermato la seconda interazione.',
};

const text = (blocks: KnownBlock[]) => JSON.stringify(blocks);
const buttonIds = (blocks: KnownBlock[]) =>
  blocks.flatMap((b) => (b.type === 'actions' ? (b.elements as Button[]).map((e) => e.action_id) : []));

describe('the review message of an automatic approval', () => {
  it('is marked "approvata automaticamente", names the rule and the charges, and offers "Annulla rimborso" until the window ends', () => {
    const message = buildReviewMessage(buildClaim(automatic), 'it', { reversalDays: 7 });
    const auto = message.blocks.find((b) => b.block_id === AUTO_APPROVAL_BLOCK_ID);
    expect(JSON.stringify(auto)).toContain('Approvata automaticamente');
    expect(JSON.stringify(auto)).toContain('interazione successiva addebitata per errore');
    expect(JSON.stringify(auto)).toContain('entro il 1º dicembre 2026, 11:00');
    expect(text(message.blocks)).toContain('ch_earlier');
    expect(buttonIds(message.blocks)).toEqual([REVERSE_ACTION_ID]);
    expect(message.text).toContain('approvato automaticamente');
    expect(text(message.blocks)).not.toContain('<@policy>');
  });

  it('once reversed, says who, when and why, without the button', () => {
    const message = buildReviewMessage(buildClaim({ ...automatic, status: 'reversed', reversal }), 'en');
    expect(buttonIds(message.blocks)).toEqual([]);
    expect(JSON.stringify(message.blocks.find((b) => b.block_id === REVERSAL_BLOCK_ID))).toContain(
      'Refund reversed by <@U0REVIEWER>',
    );
    expect(text(message.blocks)).toContain('Approved automatically');
  });

  it('a reviewer’s approval is not offered for reversal', () => {
    const message = buildReviewMessage(
      buildClaim({ status: 'approved', decidedBy: 'U0REVIEWER', decidedAt: APPROVED_AT }),
      'it',
    );
    expect(buttonIds(message.blocks)).not.toContain(REVERSE_ACTION_ID);
    expect(buttonIds(message.blocks)).not.toContain(APPROVE_ACTION_ID);
  });

  it.each(
    LOCALES.flatMap((locale) => Object.entries(WORST_CASE_TEXTS).map(([name, fill]) => ({ locale, name, fill }))),
  )('fits Slack’s limits with the longest reversal reason ($locale, $name)', ({ locale, fill }) => {
    const longest = buildLongestClaim(fill, {
      ...automatic,
      status: 'reversed',
      reversal: { ...reversal, reason: fill(1000) },
    });
    expectWithinBlockKitLimits(buildReviewMessage(longest, locale));
    for (const autoCase of AUTO_APPROVE_CASES)
      expectWithinBlockKitLimits(
        buildReviewMessage(buildLongestClaim(fill, { ...automatic, autoApprovedCase: autoCase }), locale),
      );
  });
});

describe('what the professional reads', () => {
  it('the result view says approved, with the credits', () => {
    const view = buildClaimResultView({
      locale: 'it',
      reference: 'RIM-2026-000001',
      verdict: automatic.verdict,
      deadlineOn: null,
      approvedCredits: 12,
    });
    expect(view.title.text).toBe('Rimborso approvato');
    expect(JSON.stringify(view.blocks)).toContain('12 crediti tornano sul tuo saldo');
  });

  it('the reversal DM gives the reason, escaped', () => {
    const dm = buildReversalDm(
      buildClaim({ ...automatic, status: 'reversed', reversal: { ...reversal, reason: '<!channel> no' } }),
      'it',
    );
    expect(dm.text).toContain('è stato annullato');
    expect(dm.text).toContain('&lt;!channel&gt; no');
    expect(() => buildReversalDm(buildClaim(automatic), 'it')).toThrow(RangeError);
  });

  it('the Home and /rimborso stato say the refund was reversed', () => {
    const line = describeClaimStatus(buildClaim({ ...automatic, status: 'reversed', reversal }), 'it', '2026-11-25');
    expect(line).toContain('Rimborso annullato');
    expect(line).toContain('seconda interazione');
  });
});

describe('the reversal modal', () => {
  it('asks for the reason and carries only the claim id', () => {
    const modal = buildReverseModal({ locale: 'it', claimId: CLAIM_ID, reference: 'RIM-2026-000001', credits: 12 });
    expectWithinBlockKitLimits(modal);
    expect(JSON.parse(modal.private_metadata ?? '{}')).toEqual({ claimId: CLAIM_ID });
  });

  it.each([
    { reason: 'ok', ok: false },
    { reason: '   Motivo sufficiente   ', ok: true },
  ])('a reason of "$reason" is ok: $ok', ({ reason, ok }) => {
    const values = {
      [REVERSE_REASON_BLOCK_ID]: { [REVERSE_REASON_ACTION_ID]: { type: 'plain_text_input', value: reason } },
    };
    expect(parseReverseSubmission(values, JSON.stringify({ claimId: CLAIM_ID }), 'it').ok).toBe(ok);
  });
});
