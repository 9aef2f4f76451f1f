/**
 * Listener: the /rimborso command and the "open the form" button. It opens the refund modal within the
 * trigger id's 3 seconds (with the professional's recent charges when they load in time), or answers the
 * status, help and reviewers' report subcommands; it also serves the charge picker's typeahead.
 */
import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { t, type Locale } from '../../i18n/messages.ts';
import type { AppDeps } from '../deps.ts';
import { OPEN_FORM_ACTION_ID } from '../messages/form-pointer.ts';
import { buildHelpMessage } from '../messages/help-message.ts';
import { buildStatusMessage } from '../messages/status-message.ts';
import { buildReportMessage } from '../messages/report-message.ts';
import { previousPeriod, type ReportPeriodKind } from '../../domain/ops-report.ts';
import { buildReport } from '../../use-cases/build-report.ts';
import type { ChargeChoice } from '../../domain/charge-choice.ts';
import { listOwnClaims } from '../../use-cases/list-claims.ts';
import { loadChargeChoice, searchChargeChoice } from '../../use-cases/load-charge-choice.ts';
import { CHARGE_ACTION_ID, EXTERNAL_CHARGE_OPTIONS_MAX, buildChargeOptions } from '../views/charge-select.ts';
import { buildRefundModal } from '../views/refund-modal.ts';
import type { ModalView } from '@slack/types';

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

/**
 * How long the charges may take before the modal opens without them: the trigger id lives 3 seconds,
 * and the locale lookup, views.open and the network share them. One indexed query takes milliseconds.
 */
export const CHARGE_CHOICE_BUDGET_MS = 800;

/** The professional's charges to start from, or none if the database is slow or failing right now. */
async function chargeChoiceInTime(deps: AppDeps, userId: string): Promise<ChargeChoice> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<ChargeChoice>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'none' }), CHARGE_CHOICE_BUDGET_MS);
  });
  const loaded = loadChargeChoice(deps.db, userId, deps.clock()).catch((error: unknown) => {
    deps.logger.warn('charges not loaded for the form', {
      error: error instanceof Error ? error.message : String(error),
    });
    return { kind: 'none' } as const;
  });
  try {
    return await Promise.race([loaded, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The typed form is the same for everyone who speaks a language: built once per language and reused,
 * so a command costs what `views.open` costs. Only a list of the professional's own charges is built
 * per request.
 */
function createRefundModals(maxCredits: number) {
  const typedForms = new Map<Locale, ModalView>();
  return {
    modalFor(locale: Locale, charges: ChargeChoice): ModalView {
      if (charges.kind !== 'none') return buildRefundModal({ locale, maxCredits, charges });
      let modal = typedForms.get(locale);
      if (!modal) {
        modal = buildRefundModal({ locale, maxCredits });
        typedForms.set(locale, modal);
      }
      return modal;
    },
  };
}
type RefundModals = ReturnType<typeof createRefundModals>;

/** The trigger id lives 3 seconds: the modal opens right after the ack, with at most one quick query. */
async function openRefundModal(
  client: WebClient,
  triggerId: string,
  userId: string,
  deps: AppDeps,
  modals: RefundModals,
): Promise<Locale> {
  const [locale, charges] = await Promise.all([deps.locales.localeOf(userId), chargeChoiceInTime(deps, userId)]);
  await client.views.open({ trigger_id: triggerId, view: modals.modalFor(locale, charges) });
  return locale;
}

/** The team's report, for reviewers only: anyone else is told it is theirs. */
async function reportFor(deps: AppDeps, userId: string, kind: ReportPeriodKind, locale: Locale) {
  if (!(await deps.reviewers.isReviewer(userId))) return { text: t(locale, 'report.for_reviewers') };
  const now = deps.clock();
  return buildReportMessage(await buildReport(deps, previousPeriod(kind, now), now), locale);
}

export function registerRefundForm(app: App, deps: AppDeps): void {
  const modals = createRefundModals(deps.config.maxCreditsPerClaim);
  app.command(REFUND_COMMAND, async ({ ack, command, client, respond }) => {
    const subcommand = parseSubcommand(command.text);
    if (subcommand === 'form') {
      await ack();
      try {
        // The locale is cached after a person's first use; a slow lookup falls back to the default in time.
        await openRefundModal(client, command.trigger_id, command.user_id, deps, modals);
      } catch (error) {
        await respond({
          response_type: 'ephemeral',
          text: t(await deps.locales.localeOf(command.user_id), 'error.generic'),
        });
        throw error;
      }
      return;
    }
    const locale = await deps.locales.localeOf(command.user_id);
    if (subcommand === 'help') {
      await ack({ response_type: 'ephemeral', ...buildHelpMessage(locale) });
      return;
    }
    if (subcommand === 'report_week' || subcommand === 'report_month') {
      await ack({
        response_type: 'ephemeral',
        ...(await reportFor(deps, command.user_id, subcommand === 'report_week' ? 'week' : 'month', locale)),
      });
      return;
    }
    const { claims, totalCount } = await listOwnClaims(deps.db, command.user_id, STATUS_CLAIMS_SHOWN);
    await ack({ response_type: 'ephemeral', ...buildStatusMessage({ claims, locale, now: deps.clock(), totalCount }) });
  });

  // The button under every "use the form" answer, the help, the status and the Home opens the same modal.
  app.action(OPEN_FORM_ACTION_ID, async ({ ack, body, client }) => {
    await ack();
    if (body.type !== 'block_actions') return;
    await openRefundModal(client, body.trigger_id, body.user.id, deps, modals);
  });

  // The picker's typeahead when the professional has more charges than a static select holds.
  app.options(CHARGE_ACTION_ID, async ({ ack, body }) => {
    const [locale, charges] = await Promise.all([
      deps.locales.localeOf(body.user.id),
      searchChargeChoice(deps.db, body.user.id, body.value ?? '', deps.clock(), EXTERNAL_CHARGE_OPTIONS_MAX),
    ]);
    await ack({ options: buildChargeOptions(charges, locale) });
  });
}
