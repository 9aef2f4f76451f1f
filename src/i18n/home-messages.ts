/** Texts of the App Home and of `/rimborso stato` / `/rimborso aiuto`. Same keys in both languages. */
export const homeIt = {
  'home.ask_button': 'Chiedi un rimborso',
  'home.updated_at': 'Aggiornato {il:when}',

  'home.pro.header': 'Rimborso dei crediti',
  'home.pro.intro':
    'Puoi chiedere il rimborso entro 30 giorni dalla ricezione della richiesta del cliente, in uno dei cinque casi previsti. Il team ti comunica l’esito entro 10 giorni lavorativi e il rimborso avviene solo in crediti.',
  'home.pro.help_hint': 'Le regole complete: scrivi `/rimborso aiuto`.',
  'home.pro.claims_header': 'Le tue segnalazioni',
  'home.pro.empty': 'Non hai ancora inviato nessuna segnalazione. Quando ne invii una, qui puoi seguirne lo stato.',

  'home.rev.header': 'Segnalazioni da decidere',
  'home.rev.summary': '{count} segnalazioni in attesa di decisione, dalla scadenza più vicina.',
  'home.rev.summary_one': '1 segnalazione in attesa di decisione.',
  'home.rev.empty': 'Nessuna segnalazione in attesa di decisione.',
  'home.rev.credits': '{credits} crediti',
  'home.rev.credits_one': '1 credito',
  'home.rev.no_deadline': 'Scadenza non calcolata',
  'home.rev.days_left': 'Restano {days} giorni lavorativi',
  'home.rev.days_left_one': 'Resta 1 giorno lavorativo',
  'home.rev.last_day': 'Ultimo giorno',
  'home.rev.overdue': 'Scaduta da {days} giorni lavorativi',
  'home.rev.overdue_one': 'Scaduta da 1 giorno lavorativo',
  'home.rev.overdue_none': 'Scaduta',
  'home.rev.assigned': 'Presa in carico da {reviewer}',
  'home.rev.unassigned': 'Non assegnata',
  'home.rev.more': '+{count} altre segnalazioni in attesa, non mostrate qui.',
  'home.rev.more_one': '+1 altra segnalazione in attesa, non mostrata qui.',

  'claim_status.pending_review': 'In revisione',
  'claim_status.deadline': 'Esito entro {deadline}',
  'claim_status.deadline_passed': 'Esito previsto entro {deadline}: siamo in ritardo, ti rispondiamo al più presto',
  'claim_status.approved': 'Approvata: {credits} crediti restituiti',
  'claim_status.approved_one': 'Approvata: 1 credito restituito',
  'claim_status.rejected': 'Non accolta. Motivo: {reason}',
  'claim_status.ineligible': 'Non rimborsabile: {why}',
  'claim_status.ineligible_plain': 'Non rimborsabile',
  'claims.more_older': '…e altre {count} segnalazioni meno recenti.',
  'claims.more_older_one': '…e un’altra segnalazione meno recente.',

  'status_message.heading': 'Le tue segnalazioni più recenti',
  'status_message.empty':
    'Non hai ancora inviato nessuna segnalazione. Se ti sono stati scalati crediti in uno dei cinque casi previsti, puoi chiedere il rimborso con il modulo entro 30 giorni dalla ricezione della richiesta del cliente.',

  'help.header': 'Come funziona il rimborso dei crediti',
  'help.when_title': 'Quando',
  'help.when': 'Entro *30 giorni* dalla ricezione della richiesta, e solo in uno di questi cinque casi:',
  'help.case.no_grazie': '*“No, grazie”*: il primo riscontro del cliente in chat è un chiaro “No, grazie”.',
  'help.case.details_changed':
    '*Dettagli cambiati*: il lavoro è molto diverso dalla richiesta (un’altra città, un altro tipo di servizio).',
  'help.case.answered_twice':
    '*Risposta doppia*: il cliente ha inserito due volte la stessa richiesta e ti sono stati scalati crediti per entrambe.',
  'help.case.terms_violated':
    '*Termini violati*: la richiesta viola Termini e condizioni (ad esempio, l’ha inserita un minorenne o chi cerca lavoro come dipendente).',
  'help.case.sent_by_mistake':
    '*Risposta inviata per errore*: si rimborsa una sola volta; gli errori successivi non sono rimborsabili.',
  'help.what_title': 'Cosa indicare',
  'help.what':
    'Nome e cognome del cliente (e il telefono, se l’hai), il servizio per cui hai risposto, la data della tua risposta e i crediti utilizzati.',
  'help.how_title': 'Come chiederlo',
  'help.how':
    'Solo con il modulo: le segnalazioni inviate via messaggio, email o in altro modo non vengono prese in considerazione.',
  'help.after_title': 'Dopo l’invio',
  'help.after':
    'Il team verifica la segnalazione entro *10 giorni lavorativi*, e può contattare te o il cliente per maggiori informazioni. L’esito ti arriva qui, in un messaggio diretto.',
  'help.credits_title': 'Solo in crediti',
  'help.credits':
    'Il rimborso avviene solo in crediti da usare sulla piattaforma, mai in denaro. Prima di chiederlo, controlla nel *Saldo crediti* (Impostazioni) che i crediti siano stati davvero scalati.',
  'help.status_hint': 'Per vedere le tue segnalazioni e il loro stato scrivi `/rimborso stato`.',
} as const satisfies Record<string, string>;

export const homeEn: Record<keyof typeof homeIt, string> = {
  'home.ask_button': 'Ask for a refund',
  'home.updated_at': 'Updated on {when}',

  'home.pro.header': 'Credit refunds',
  'home.pro.intro':
    'You can ask for a refund within 30 days of receiving the client’s request, in one of the five cases the policy allows. The team sends you the outcome within 10 business days, and refunds are paid in credits only.',
  'home.pro.help_hint': 'The full rules: type `/rimborso help`.',
  'home.pro.claims_header': 'Your claims',
  'home.pro.empty': 'You have not asked for any refund yet. Once you send one, you can follow it here.',

  'home.rev.header': 'Claims to decide',
  'home.rev.summary': '{count} claims waiting for a decision, the nearest deadline first.',
  'home.rev.summary_one': '1 claim waiting for a decision.',
  'home.rev.empty': 'No claims waiting for a decision.',
  'home.rev.credits': '{credits} credits',
  'home.rev.credits_one': '1 credit',
  'home.rev.no_deadline': 'No deadline computed',
  'home.rev.days_left': '{days} business days left',
  'home.rev.days_left_one': '1 business day left',
  'home.rev.last_day': 'Last day',
  'home.rev.overdue': 'Overdue by {days} business days',
  'home.rev.overdue_one': 'Overdue by 1 business day',
  'home.rev.overdue_none': 'Overdue',
  'home.rev.assigned': 'Assigned to {reviewer}',
  'home.rev.unassigned': 'Not assigned',
  'home.rev.more': '+{count} more claims waiting, not shown here.',
  'home.rev.more_one': '+1 more claim waiting, not shown here.',

  'claim_status.pending_review': 'Under review',
  'claim_status.deadline': 'Outcome by {deadline}',
  'claim_status.deadline_passed': 'Outcome was due by {deadline}: we are late and will answer as soon as we can',
  'claim_status.approved': 'Approved: {credits} credits returned',
  'claim_status.approved_one': 'Approved: 1 credit returned',
  'claim_status.rejected': 'Not accepted. Reason: {reason}',
  'claim_status.ineligible': 'Not refundable: {why}',
  'claim_status.ineligible_plain': 'Not refundable',
  'claims.more_older': '…and {count} older claims.',
  'claims.more_older_one': '…and one older claim.',

  'status_message.heading': 'Your most recent refund claims',
  'status_message.empty':
    'You have not asked for any refund yet. If credits were charged in one of the five cases the policy allows, you can ask through the form within 30 days of receiving the request.',

  'help.header': 'How credit refunds work',
  'help.when_title': 'When',
  'help.when': 'Within *30 days* of receiving the request, and only in one of these five cases:',
  'help.case.no_grazie': '*“No, thanks”*: the client’s first reply in the chat is a clear “No, thanks”.',
  'help.case.details_changed':
    '*Details changed*: the job differs substantially from the request (another city, another type of service).',
  'help.case.answered_twice':
    '*Answered twice*: the client posted the same request twice and you were charged credits for both.',
  'help.case.terms_violated':
    '*Terms violated*: the request breaks the terms and conditions (for example, it was posted by a minor or by someone looking for employment).',
  'help.case.sent_by_mistake': '*Answer sent by mistake*: refunded once only; later mistakes are not refunded.',
  'help.what_title': 'What to give',
  'help.what':
    'The client’s first and last name (and phone, if you have it), the service you answered, the date of your answer and the credits used.',
  'help.how_title': 'How to ask',
  'help.how': 'Only through the form: claims sent by message, email or any other way are not considered.',
  'help.after_title': 'After you send it',
  'help.after':
    'The team checks the claim within *10 business days* and may contact you or the client for more information. The outcome reaches you here, in a direct message.',
  'help.credits_title': 'Credits only',
  'help.credits':
    'Refunds are paid only as credits to spend on the platform, never as money. Before asking, check in your *Credit balance* (Settings) that the credits were really charged.',
  'help.status_hint': 'To see your claims and their status, type `/rimborso status`.',
};
