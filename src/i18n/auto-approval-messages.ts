/**
 * Texts of automatic approvals and their reversal, Italian first; `autoEn` has the same keys.
 * Placeholders are `{name}`; mrkdwn is allowed where the text ends up in mrkdwn.
 */
export const autoIt = {
  'finding.auto_approved_answered_twice':
    'Approvata automaticamente: il registro mostra che il cliente ha inserito due volte la stessa richiesta e che i crediti sono stati scalati per entrambe ({evidenceChargeId}, poi {chargeId}). Si rimborsa il secondo addebito, {chargeId}.',
  'finding.auto_approved_later_interaction':
    'Approvata automaticamente: l’addebito {chargeId} riguarda un’interazione successiva con lo stesso cliente, già addebitata con {evidenceChargeId}. Le interazioni successive non scalano crediti.',
  'finding.auto_approved_first_mistake':
    'Approvata automaticamente: prima risposta inviata per errore, abbinata all’addebito {chargeId}, senza altre segnalazioni per errore in attesa o già rimborsate.',
  'finding.auto_withheld_match_differences':
    'Non approvata automaticamente: il modulo non coincide del tutto con l’addebito (vedi le differenze), quindi serve una verifica.',
  'finding.auto_withheld_contested':
    'Non approvata automaticamente: la segnalazione è stata contestata dopo un rifiuto.',
  'finding.auto_withheld_charge_refunded_before':
    'Non approvata automaticamente: questo addebito è già stato rimborsato con un’altra segnalazione (anche se il rimborso è stato poi annullato).',
  'finding.auto_withheld_refund_share':
    'Non approvata automaticamente: negli ultimi 90 giorni i rimborsi di questo professionista sono il {share}% dei crediti scalati, oltre il limite del {maxShare}%.',
  'finding.auto_withheld_professional_cap':
    'Non approvata automaticamente: questo professionista ha già avuto {count} rimborsi automatici negli ultimi 30 giorni (al massimo {max}).',
  'finding.auto_withheld_daily_cap':
    'Non approvata automaticamente: oggi sono già stati rimborsati automaticamente {today} crediti e con questi {credits} si supererebbe il limite giornaliero di {max}.',

  'auto_case.answered_twice': 'risposta due volte allo stesso cliente, doppio addebito nel registro',
  'auto_case.later_interaction': 'interazione successiva addebitata per errore',
  'auto_case.first_mistake': 'prima risposta inviata per errore',

  'review.auto_fallback': 'Rimborso {reference} approvato automaticamente per {professional}: {credits} crediti',
  'review.auto_header': 'Rimborso automatico {reference}',
  'review.auto_approved':
    '🤖 *Approvata automaticamente* dalla policy {il:when}: {credits} crediti restituiti al saldo. Regola: {rule}. Controlla le verifiche qui sopra; puoi annullare il rimborso entro {until}.',
  'review.auto_approved_closed':
    '🤖 *Approvata automaticamente* dalla policy {il:when}: {credits} crediti restituiti al saldo. Regola: {rule}.',
  'review.reverse': 'Annulla rimborso',
  'review.reversed':
    '↩️ Rimborso annullato da <@{user}> {il:when}: {credits} crediti ripresi dal saldo. Motivo: {reason}',

  'reverse.title': 'Annulla rimborso',
  'reverse.submit': 'Annulla rimborso',
  'reverse.close': 'Indietro',
  'reverse.intro':
    'Rimborso *{reference}*, approvato automaticamente: {credits} crediti verranno ripresi dal saldo del professionista, che leggerà il motivo che scrivi qui.',
  'reverse.reason': 'Motivo dell’annullamento',
  'reverse.reason_too_short': 'Scrivi un motivo di almeno {min} caratteri.',
  'reverse.not_automatic': 'Si possono annullare solo i rimborsi approvati automaticamente: {reference} non lo è.',
  'reverse.already_reversed': 'Il rimborso {reference} è già stato annullato da <@{user}>.',
  'reverse.window_closed': 'Il rimborso {reference} non si può più annullare: si poteva entro {until}.',

  'dm.reversed':
    'Il rimborso della tua segnalazione *{reference}*, approvato automaticamente, è stato annullato dal team dopo una verifica: {credits} crediti sono stati ripresi dal tuo saldo. Motivo: {reason}',
  'result.title_approved': 'Rimborso approvato',
  'result.approved':
    'La tua segnalazione *{reference}* è stata approvata: {credits} crediti tornano sul tuo saldo (Impostazioni › Saldo crediti). Te lo confermiamo anche in un messaggio diretto.',
  'claim_status.reversed': 'Rimborso annullato. Motivo: {reason}',
} as const satisfies Record<string, string>;

export const autoEn: Record<keyof typeof autoIt, string> = {
  'finding.auto_approved_answered_twice':
    'Approved automatically: the ledger shows the client posted the same request twice and credits were charged for both ({evidenceChargeId}, then {chargeId}). The second charge, {chargeId}, is refunded.',
  'finding.auto_approved_later_interaction':
    'Approved automatically: charge {chargeId} is a later interaction with the same client, already charged as {evidenceChargeId}. Later interactions cost no credits.',
  'finding.auto_approved_first_mistake':
    'Approved automatically: a first answer sent by mistake, matched to charge {chargeId}, with no other by-mistake claim pending or refunded.',
  'finding.auto_withheld_match_differences':
    'Not approved automatically: the form does not quite agree with the charge (see the differences), so it needs a check.',
  'finding.auto_withheld_contested': 'Not approved automatically: the claim was contested after a refusal.',
  'finding.auto_withheld_charge_refunded_before':
    'Not approved automatically: this charge was already refunded on another claim (even if that refund was later reversed).',
  'finding.auto_withheld_refund_share':
    'Not approved automatically: over the last 90 days this professional’s refunds are {share}% of the credits charged, above the {maxShare}% limit.',
  'finding.auto_withheld_professional_cap':
    'Not approved automatically: this professional already had {count} automatic refunds in the last 30 days (at most {max}).',
  'finding.auto_withheld_daily_cap':
    'Not approved automatically: {today} credits were already refunded automatically today, and these {credits} would pass the daily limit of {max}.',

  'auto_case.answered_twice': 'answered the same client twice, duplicate charge in the ledger',
  'auto_case.later_interaction': 'a later interaction charged by mistake',
  'auto_case.first_mistake': 'first answer sent by mistake',

  'review.auto_fallback': 'Refund {reference} approved automatically for {professional}: {credits} credits',
  'review.auto_header': 'Automatic refund {reference}',
  'review.auto_approved':
    '🤖 *Approved automatically* by the policy on {when}: {credits} credits returned to the balance. Rule: {rule}. Check the findings above; you can reverse the refund by {until}.',
  'review.auto_approved_closed':
    '🤖 *Approved automatically* by the policy on {when}: {credits} credits returned to the balance. Rule: {rule}.',
  'review.reverse': 'Reverse refund',
  'review.reversed':
    '↩️ Refund reversed by <@{user}> on {when}: {credits} credits taken back from the balance. Reason: {reason}',

  'reverse.title': 'Reverse the refund',
  'reverse.submit': 'Reverse refund',
  'reverse.close': 'Back',
  'reverse.intro':
    'Refund *{reference}*, approved automatically: {credits} credits will be taken back from the professional’s balance, and they will read the reason you write here.',
  'reverse.reason': 'Reason for reversing',
  'reverse.reason_too_short': 'Write a reason of at least {min} characters.',
  'reverse.not_automatic': 'Only refunds approved automatically can be reversed: {reference} was not.',
  'reverse.already_reversed': 'Refund {reference} was already reversed by <@{user}>.',
  'reverse.window_closed': 'Refund {reference} can no longer be reversed: that was possible by {until}.',

  'dm.reversed':
    'The refund of your claim *{reference}*, approved automatically, was reversed by the team after a check: {credits} credits were taken back from your balance. Reason: {reason}',
  'result.title_approved': 'Refund approved',
  'result.approved':
    'Your claim *{reference}* was approved: {credits} credits go back to your balance (Settings › Credit balance). We are confirming it by direct message too.',
  'claim_status.reversed': 'Refund reversed. Reason: {reason}',
};
