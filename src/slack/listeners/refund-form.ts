import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { countClaimsOfProfessional, listClaimsOfProfessional } from '../../db/claim.repository.ts';
import { t, type Locale } from '../../i18n/messages.ts';
import type { AppDeps } from '../deps.ts';
import { OPEN_FORM_ACTION_ID } from '../messages/form-pointer.ts';
import { buildHelpMessage } from '../messages/help-message.ts';
import { buildStatusMessage } from '../messages/status-message.ts';
import { buildReportMessage } from '../messages/report-message.ts';
import { previousPeriod, type ReportPeriodKind } from '../../domain/ops-report.ts';
import { buildReport } from '../../use-cases/build-report.ts';
import { buildRefundModal } from '../views/refund-modal.ts';

export const REFUND_COMMAND = '/rimborso';
const STATUS_CLAIMS_SHOWN = 10;

/** `/rimborso stato|status` and `/rimborso aiuto|help`; anything else (plain `/rimborso`) opens the form. */
export type Subcommand = 'status' | 'help' | 'form' | 'report_week' | 'report_month';
export function parseSubcommand(text: string): Subcommand {
  const word = text.trim().toLowerCase();
  const [first, period] = word.split(/\s+/);
  if (first === 'report') return period === 'mese' || period === 'month' ? 'report_month' : 'report_week';
  if (word === 'stato' || word === 'status') return 'status';
  if (word === 'aiuto' || word === 'help' || word === '?') return 'help';
  return 'form';
}

/** The trigger id lives 3 seconds: the modal opens right after the ack, before any database work. */
async function openRefundModal(client: WebClient, triggerId: string, locale: Locale, deps: AppDeps): Promise<void> {
  await client.views.open({
    trigger_id: triggerId,
    view: buildRefundModal({ locale, maxCredits: deps.config.maxCreditsPerClaim }),
  });
}

/** The team's report, for reviewers only: anyone else is told it is theirs. */
async function reportFor(deps: AppDeps, userId: string, kind: ReportPeriodKind, locale: Locale) {
  if (!(await deps.reviewers.isReviewer(userId))) return { text: t(locale, 'report.for_reviewers') };
  const now = deps.clock();
  return buildReportMessage(await buildReport(deps, previousPeriod(kind, now), now), locale);
}

export function registerRefundForm(app: App, deps: AppDeps): void {
  app.command(REFUND_COMMAND, async ({ ack, command, client, respond }) => {
    const subcommand = parseSubcommand(command.text);
    if (subcommand === 'form') {
      await ack();
      // Cached after a person's first use; a slow lookup falls back to the default language in time.
      const locale = await deps.localeOf(command.user_id);
      try {
        await openRefundModal(client, command.trigger_id, locale, deps);
      } catch (error) {
        await respond({ response_type: 'ephemeral', text: t(locale, 'error.generic') });
        throw error;
      }
      return;
    }
    const locale = await deps.localeOf(command.user_id);
    if (subcommand === 'help') {
      await ack({ response_type: 'ephemeral', ...buildHelpMessage(locale) });
      return;
    }
    if (subcommand === 'report_week' || subcommand === 'report_month') {
      await ack({ response_type: 'ephemeral', ...(await reportFor(deps, command.user_id, subcommand === 'report_week' ? 'week' : 'month', locale)) });
      return;
    }
    const [claims, totalCount] = await Promise.all([
      listClaimsOfProfessional(deps.db, command.user_id, STATUS_CLAIMS_SHOWN),
      countClaimsOfProfessional(deps.db, command.user_id),
    ]);
    await ack({ response_type: 'ephemeral', ...buildStatusMessage({ claims, locale, now: deps.clock(), totalCount }) });
  });

  // The button under every "use the form" answer, the help, the status and the Home opens the same modal.
  app.action(OPEN_FORM_ACTION_ID, async ({ ack, body, client }) => {
    await ack();
    if (body.type !== 'block_actions') return;
    await openRefundModal(client, body.trigger_id, await deps.localeOf(body.user.id), deps);
  });
}
