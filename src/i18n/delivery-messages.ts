/** Texts about messages the app could not deliver (the reviewers' Home banner). Same keys in both languages. */
export const deliveryIt = {
  'delivery.blocked': '⚠️ *{count} messaggi bloccati*: {hint}',
  'delivery.blocked_one': '⚠️ *1 messaggio bloccato*: {hint}',
  'delivery.hint.channel': 'invita il bot nel canale delle revisioni (`/invite @Rimborsi crediti`).',
  'delivery.hint.archived':
    'il canale delle revisioni è archiviato: riaprilo, oppure indica un altro canale in `REVIEW_CHANNEL_ID`.',
  'delivery.hint.token': 'Slack non accetta più il token dell’app: reinstalla l’app e aggiorna `SLACK_BOT_TOKEN`.',
  'delivery.hint.permission': 'all’app manca un permesso: reinstallala dal suo manifest.',
  'delivery.hint.webhook':
    'il sistema crediti del marketplace rifiuta l’avviso di rimborso: controlla `REFUND_WEBHOOK_URL` e il segreto.',
  'delivery.hint.other': 'chiedi all’amministratore di controllare con `npm run outbox -- list`.',
  'delivery.blocked_footer': 'Partono da soli appena la causa è risolta, oppure con `npm run outbox -- retry`.',
} as const satisfies Record<string, string>;

export const deliveryEn: Record<keyof typeof deliveryIt, string> = {
  'delivery.blocked': '⚠️ *{count} messages blocked*: {hint}',
  'delivery.blocked_one': '⚠️ *1 message blocked*: {hint}',
  'delivery.hint.channel': 'invite the bot to the review channel (`/invite @Rimborsi crediti`).',
  'delivery.hint.archived':
    'the review channel is archived: unarchive it, or set another channel in `REVIEW_CHANNEL_ID`.',
  'delivery.hint.token': 'Slack no longer accepts the app’s token: reinstall the app and update `SLACK_BOT_TOKEN`.',
  'delivery.hint.permission': 'the app is missing a permission: reinstall it from its manifest.',
  'delivery.hint.webhook':
    'the marketplace’s credit system refuses the refund notice: check `REFUND_WEBHOOK_URL` and its secret.',
  'delivery.hint.other': 'ask the administrator to check with `npm run outbox -- list`.',
  'delivery.blocked_footer':
    'They go out by themselves as soon as the cause is fixed, or with `npm run outbox -- retry`.',
};
