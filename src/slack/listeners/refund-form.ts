import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { t } from '../../i18n/messages.ts';
import type { AppDeps } from '../deps.ts';
import { OPEN_FORM_ACTION_ID } from '../messages/form-pointer.ts';
import { buildRefundModal } from '../views/refund-modal.ts';

export const REFUND_COMMAND = '/rimborso';

/** The trigger id lives 3 seconds: the modal opens right after the ack, before any database work. */
async function openRefundModal(client: WebClient, triggerId: string, deps: AppDeps): Promise<void> {
  await client.views.open({
    trigger_id: triggerId,
    view: buildRefundModal({ locale: deps.config.defaultLocale, maxCredits: deps.config.maxCreditsPerClaim }),
  });
}

export function registerRefundForm(app: App, deps: AppDeps): void {
  app.command(REFUND_COMMAND, async ({ ack, command, client, respond }) => {
    await ack();
    try {
      await openRefundModal(client, command.trigger_id, deps);
    } catch (error) {
      await respond({ response_type: 'ephemeral', text: t(deps.config.defaultLocale, 'error.generic') });
      throw error;
    }
  });

  // The button under every "use the form" refusal opens the same modal.
  app.action(OPEN_FORM_ACTION_ID, async ({ ack, body, client }) => {
    await ack();
    if (body.type !== 'block_actions') return;
    await openRefundModal(client, body.trigger_id, deps);
  });
}
