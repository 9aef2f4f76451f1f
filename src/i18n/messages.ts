/**
 * i18n: the message catalog, every user-facing text in Italian and English, and `t`, which fills a text's
 * placeholders. The core texts live here; the other areas (home, email, report, delivery, interaction,
 * auto-approval) are merged in from their own files, each with the same keys in both languages.
 */
import { autoEn, autoIt } from './auto-approval-messages.ts';
import { deliveryEn, deliveryIt } from './delivery-messages.ts';
import { emailEn, emailIt } from './email-messages.ts';
import { ITALIAN_DATE_ARTICLES, withItalianArticle, type ItalianDateArticle } from './italian-articles.ts';
import { homeEn, homeIt } from './home-messages.ts';
import { interactionEn, interactionIt } from './interaction-messages.ts';
import { reportEn, reportIt } from './report-messages.ts';

/**
 * Every user-facing text, Italian first. `en` must have the same keys (the type enforces it).
 * Placeholders are `{name}`; Slack mrkdwn is allowed where the text ends up in mrkdwn. An Italian date
 * after an article is written `{il:name}` (also `dal:`, `al:`, `del:`, `nel:`): the article is chosen
 * for the date — "l’8", "dall’11", "il 1º" — so no template writes "il {date}" itself.
 */
const core = {
  'modal.title': 'Rimborso crediti',
  'modal.submit': 'Invia',
  'modal.close': 'Annulla',
  'modal.intro':
    'Prima di inviare, controlla nel *Saldo crediti* (Impostazioni) che i crediti siano stati davvero scalati. Il rimborso si chiede entro 30 giorni dalla ricezione della richiesta del cliente e avviene solo in crediti.',
  'modal.client_first_name': 'Nome del cliente',
  'modal.client_last_name': 'Cognome del cliente',
  'modal.client_phone': 'Telefono del cliente',
  'modal.client_phone_hint': 'Facoltativo. Cifre, con spazi, punti, trattini o parentesi e un + iniziale.',
  'modal.service': 'Servizio per cui hai risposto',
  'modal.answered_on': 'Data della tua risposta',
  'modal.received_on': 'Data di ricezione della richiesta',
  'modal.received_on_hint': 'Facoltativa. Senza questa data i 30 giorni si contano dalla data della tua risposta.',
  'modal.credits': 'Crediti utilizzati',
  'modal.reason': 'Motivo',
  'modal.reason_placeholder': 'Scegli il caso',
  'modal.description': 'Descrizione',
  'modal.description_hint':
    'Obbligatoria se i dettagli della richiesta sono cambiati o se la richiesta viola Termini e condizioni.',
  'modal.if_not_listed_hint': 'Da compilare solo se l’addebito non è nell’elenco qui sopra.',
  'charge.label': 'Addebito per cui chiedi il rimborso',
  'charge.hint':
    'Gli addebiti degli ultimi 30 giorni, dal più recente. Scegline uno e cliente, servizio, date e crediti li prendiamo dal registro.',
  'charge.placeholder': 'Scegli l’addebito',
  'charge.option': '{client} · {service} · {date} · {credits} crediti',
  'charge.option_one': '{client} · {service} · {date} · 1 credito',
  'charge.not_listed': 'Non è nell’elenco: compilo i campi',
  'reason.no_grazie': 'Il primo riscontro del cliente è “No, grazie”',
  'reason.details_changed': 'I dettagli della richiesta sono cambiati',
  'reason.answered_twice': 'Ho risposto due volte allo stesso cliente',
  'reason.terms_violated': 'La richiesta viola Termini e condizioni',
  'reason.sent_by_mistake': 'Ho inviato la risposta per errore',

  'field.required': 'Campo obbligatorio.',
  'field.too_long': 'Massimo {max} caratteri.',
  'field.date_invalid': 'Data non valida.',
  'field.date_future': 'La data non può essere nel futuro.',
  'field.answered_before_received': 'La risposta non può essere precedente alla ricezione della richiesta.',
  'field.credits_invalid': 'Indica un numero intero di crediti da 1 a {max}.',
  'field.phone_invalid':
    'Numero di telefono non valido: da 6 a 15 cifre, con spazi, punti, trattini o parentesi e al massimo un + iniziale.',
  'field.reason_invalid': 'Scegli uno dei cinque casi.',
  'field.description_required': 'Per questo motivo descrivi cosa è successo.',
  'field.credits_exceed_charge':
    'Per questa risposta ti sono stati scalati {charged} crediti: puoi chiederne al massimo {charged}.',
  'field.no_matching_charge':
    'Non troviamo un addebito di crediti per questo cliente in questa data: controlla il nome e la data, oppure scegli l’addebito dall’elenco.',
  'field.no_matching_charge_no_list':
    'Non troviamo un addebito di crediti per questo cliente in questa data: controlla il nome e la data della risposta nel Saldo crediti.',
  'field.too_many_pending':
    'Hai già {count} segnalazioni in attesa di esito ({references}): se ne possono avere al massimo {max} alla volta. Potrai inviare questa quando il team avrà deciso su una di quelle.',
  'field.charge_unknown':
    'Non troviamo più questo addebito: scegline un altro oppure scegli “Non è nell’elenco” e compila i campi.',

  'result.title_review': 'Segnalazione inviata',
  'result.title_ineligible': 'Non rimborsabile',
  'result.close': 'Chiudi',
  'result.to_review':
    'La tua segnalazione *{reference}* è stata inviata al team. Riceverai l’esito in un messaggio diretto entro *{deadline}*.',
  'result.ineligible': 'La segnalazione *{reference}* non può essere accolta: {why}',

  'rule.window_expired':
    'il rimborso si può chiedere entro {windowDays} giorni dalla ricezione della richiesta del cliente, che è arrivata {il:startDate}: ne sono passati {days}.',
  'rule.description_required': 'per questo caso serve una descrizione di cosa è successo.',
  'rule.mistake_already_refunded':
    'una risposta inviata per errore si rimborsa una sola volta e ti è già stata rimborsata ({reference}); gli errori successivi non sono rimborsabili.',
  'rule.duplicate_claim':
    'hai già inviato una segnalazione per lo stesso cliente e la stessa data di risposta ({reference}).',
  'rule.credits_out_of_range': 'i crediti indicati devono essere da 1 a {max}.',
  'rule.no_matching_charge':
    'non troviamo un addebito di crediti per questo cliente in questa data. Controlla il Saldo crediti nelle Impostazioni: si rimborsano solo i crediti effettivamente scalati.',
  'rule.credits_exceed_charge':
    'hai indicato {claimed} crediti, ma per questa risposta te ne sono stati scalati {charged}: si rimborsano solo i crediti effettivamente scalati.',

  'finding.window_ok':
    'Nei {windowDays} giorni: la richiesta è stata ricevuta {il:startDate} (giorno {days} di {windowDays}).',
  'finding.window_ok_from_answer':
    'Nei {windowDays} giorni contando dalla risposta, inviata {il:startDate} (giorno {days} di {windowDays}): la data di ricezione della richiesta non è indicata.',
  'finding.reason_no_grazie':
    'Verifica che il primo messaggio del cliente in chat sia un chiaro “No, grazie”: in quel caso i crediti non andavano scalati.',
  'finding.reason_details_changed':
    'Verifica che il lavoro differisca in modo sostanziale dalla richiesta (città o tipo di servizio).',
  'finding.reason_answered_twice':
    'Verifica che il cliente abbia inserito due volte la stessa richiesta e che i crediti siano stati scalati per entrambe.',
  'finding.reason_terms_violated':
    'Verifica la violazione di Termini e condizioni (es. richiesta inserita da un minorenne o da chi cerca lavoro come dipendente).',
  'finding.reason_sent_by_mistake': 'Prima risposta per errore di questo professionista: rimborsabile una sola volta.',
  'finding.mistake_pending_elsewhere':
    'Attenzione: è in attesa un’altra segnalazione di una risposta inviata per errore ({reference}). Se una viene approvata, l’altra non è rimborsabile.',
  'finding.credits_unverified':
    '{credits} crediti dichiarati, non verificati: nessun dato sugli addebiti. Controlla il Saldo crediti del professionista.',
  'finding.refund_as_credits': 'Il rimborso avviene solo in crediti sulla piattaforma, mai in denaro.',
  'finding.window_ok_from_ledger':
    'Nei {windowDays} giorni: secondo il registro degli addebiti la richiesta è stata ricevuta {il:startDate} (giorno {days} di {windowDays}).',
  'finding.ledger_match':
    'Addebito trovato nel registro: {chargeId}, {credits} crediti scalati {il:chargedOn}. Differenze rispetto al modulo: {differences}.',
  'finding.ledger_chosen':
    'Addebito scelto dal professionista nell’elenco del registro: {chargeId}, {credits} crediti scalati {il:chargedOn}.',
  'finding.ledger_missing':
    'Nulla è stato verificato: il marketplace non ha inviato dati sugli addebiti di questo professionista. {credits} crediti dichiarati: controlla il suo Saldo crediti.',
  'finding.duplicate_charges_found':
    'Il registro mostra {count} addebiti per lo stesso cliente e lo stesso servizio su richieste diverse: si rimborsa l’addebito doppio {chargeId}, non il primo.',
  'finding.duplicate_charges_missing':
    'Nel registro non c’è un secondo addebito per lo stesso cliente e servizio: non risulta che i crediti siano stati scalati due volte.',
  'finding.later_interaction_charged':
    'Errore della piattaforma, rimborsabile: l’addebito {chargeId} è un’interazione successiva con lo stesso cliente sulla stessa richiesta, già addebitata ({earlierChargeId}). Le interazioni successive non scalano crediti.',
  'finding.refund_share':
    'Ultimi 90 giorni: {creditsRefunded} crediti rimborsati su {creditsCharged} scalati ({share}%), rimborsi: {refunds}. Oltre il {maxShare}% la quota è alta: altri marketplace limitano i rimborsi a una parte dei contatti acquistati.',

  'match.name_swapped': 'nome e cognome invertiti',
  'match.name_initial': 'nome indicato con l’iniziale',
  'match.name_differs': 'nome diverso',
  'match.phone_differs': 'telefono diverso',
  'match.service_partial': 'servizio scritto in parte',
  'match.service_differs': 'servizio diverso',
  'match.answer_date_off_by_one': 'data della risposta di un giorno diversa',
  'match.received_date_differs': 'data di ricezione diversa da quella del modulo',

  'review.fallback': 'Segnalazione {reference} di {professional}: {credits} crediti',
  'review.header': 'Segnalazione {reference}',
  'review.professional': 'Professionista',
  'review.client': 'Cliente',
  'review.phone': 'Telefono',
  'review.service': 'Servizio',
  'review.answered_on': 'Data della risposta',
  'review.received_on': 'Ricezione della richiesta',
  'review.credits': 'Crediti',
  'review.reason': 'Motivo',
  'review.description': 'Descrizione',
  'review.deadline': 'Scadenza dell’esito',
  'review.not_given': 'non indicato',
  'review.findings': 'Verifiche della policy',
  'review.approve': 'Approva',
  'review.reject': 'Rifiuta',
  'review.confirm_title': 'Approvare il rimborso?',
  'review.confirm_text':
    'Verranno restituiti {credits} crediti al saldo del professionista ({reference}). La decisione è definitiva.',
  'review.confirm_yes': 'Approva',
  'review.confirm_no': 'Annulla',
  'review.decided_approved': '✅ Approvata da <@{user}> {il:when}: {credits} crediti restituiti al saldo.',
  'review.decided_rejected': '❌ Rifiutata da <@{user}> {il:when}. Motivo: {reason}',
  'review.take': 'Prendi in carico',
  'review.ask_info': 'Chiedi informazioni',
  'review.assigned': '👤 Presa in carico da <@{user}>',
  'review.header_contested': 'Segnalazione {reference} · verifica richiesta',
  'review.fallback_contested': 'Segnalazione {reference} di {professional}, verifica richiesta: {credits} crediti',
  'review.contested':
    '⚖️ *Verifica richiesta dal professionista* {il:when}. La policy l’aveva dichiarata non rimborsabile: {why}\n*Motivo del professionista:* {reason}',

  'take.already_yours': 'Hai già in carico la segnalazione {reference}.',

  'ask.title': 'Chiedi informazioni',
  'ask.submit': 'Invia',
  'ask.close': 'Annulla',
  'ask.intro':
    'Segnalazione *{reference}*: la domanda arriverà al professionista in un messaggio diretto e la risposta in questo thread. La scadenza non cambia.',
  'ask.question': 'Domanda per il professionista',
  'ask.too_short': 'Scrivi una domanda di almeno {min} caratteri.',
  'question.dm':
    'Il team che esamina la tua segnalazione *{reference}* ha una domanda:\n>{question}\nRispondi con il pulsante qui sotto. L’esito resta previsto entro *{deadline}*.',
  'question.answer_button': 'Rispondi',
  'question.thread': '❓ <@{user}> ha chiesto a <@{professional}>: {question}',
  'answer.title': 'Rispondi al team',
  'answer.submit': 'Invia',
  'answer.close': 'Annulla',
  'answer.intro': 'Domanda sulla segnalazione *{reference}*:\n>{question}',
  'answer.label': 'La tua risposta',
  'answer.too_short': 'Scrivi una risposta di almeno {min} caratteri.',
  'answer.not_yours': 'Questa domanda riguarda la segnalazione di un altro professionista.',
  'answer.already': 'Hai già risposto a questa domanda.',
  'answer.sent_title': 'Risposta inviata',
  'answer.sent': 'Grazie: il team ha ricevuto la tua risposta sulla segnalazione *{reference}*.',
  'answer.thread': '💬 <@{professional}> ha risposto: {answer}',

  'reject.title': 'Rifiuta la segnalazione',
  'reject.submit': 'Rifiuta',
  'reject.close': 'Annulla',
  'reject.intro': 'Segnalazione *{reference}*: il professionista leggerà il motivo che scrivi qui.',
  'reject.reason': 'Motivo del rifiuto',
  'reject.reason_too_short': 'Scrivi un motivo di almeno {min} caratteri.',

  'decide.not_reviewer': 'Solo i revisori del canale di revisione possono decidere sulle segnalazioni.',
  'decide.own_claim': 'Non puoi decidere su una tua segnalazione.',
  'decide.already_approved': 'La segnalazione {reference} è già stata approvata da <@{user}>.',
  'decide.already_rejected': 'La segnalazione {reference} è già stata rifiutata da <@{user}>.',
  'decide.not_found': 'Questa segnalazione non esiste più.',
  'decide.mistake_already_refunded':
    'Non si può approvare {reference}: a questo professionista è già stata rimborsata una risposta inviata per errore ({approved}) e la policy la rimborsa una sola volta. Rifiuta la segnalazione indicando il motivo.',

  'dm.to_review':
    'Abbiamo ricevuto la tua segnalazione *{reference}* ({credits} crediti, cliente {client}). Il team la esaminerà e ti scriverà qui l’esito entro *{deadline}*; potrebbe contattarti per maggiori informazioni.',
  'dm.ineligible': 'La tua segnalazione *{reference}* non può essere accolta: {why}',
  'dm.approved':
    '✅ La tua segnalazione *{reference}* è stata approvata: {credits} crediti sono stati restituiti al tuo saldo (Impostazioni › Saldo crediti). I rimborsi avvengono solo in crediti, non in denaro.',
  'dm.rejected': 'La tua segnalazione *{reference}* non è stata accolta. Motivo indicato dal team: {reason}',
  'dm.contest_received':
    'Hai chiesto una verifica della segnalazione *{reference}*: il team la esaminerà e ti scriverà qui l’esito entro *{deadline}*.',
  'contest.button': 'Chiedi una verifica',
  'contest.hint': 'Se pensi che sia un errore, puoi chiedere che una persona del team la esamini (una sola volta).',
  'contest.title': 'Chiedi una verifica',
  'contest.submit': 'Invia',
  'contest.close': 'Annulla',
  'contest.intro':
    'La segnalazione *{reference}* non è rimborsabile secondo le regole: {why}\nSe pensi che sia un errore, spiega perché: una persona del team la esaminerà entro 10 giorni lavorativi. La verifica si chiede una sola volta.',
  'contest.reason': 'Perché chiedi una verifica',
  'contest.too_short': 'Scrivi almeno {min} caratteri.',
  'contest.sent_title': 'Verifica richiesta',
  'contest.sent':
    'Il team esaminerà la segnalazione *{reference}* e ti scriverà l’esito in un messaggio diretto entro *{deadline}*.',
  'contest.not_yours': 'Solo chi ha inviato la segnalazione può chiederne la verifica.',
  'contest.already': 'Hai già chiesto una verifica della segnalazione *{reference}*: se ne può chiedere una sola.',
  'contest.not_ineligible': 'La segnalazione *{reference}* è già all’esame del team: non serve chiedere una verifica.',
  'evidence.label': 'Prove (facoltative)',
  'evidence.hint':
    'Schermate o PDF, fino a 5 file da 10 MB: ad esempio il “No, grazie” del cliente o la richiesta inserita due volte. Il team li vedrà insieme alla segnalazione.',
  'evidence.too_many': 'Allega al massimo {max} file.',
  'evidence.too_large': 'Il file {name} supera i 10 MB.',
  'evidence.wrong_type': 'Il file {name} non è un’immagine né un PDF.',
  'evidence.missing':
    '⚠️ Questi file allegati dal professionista non si sono potuti copiare qui: {names}. Se servono, chiedili con “Chiedi informazioni”.',

  'off_form.text':
    'I rimborsi si chiedono solo tramite il modulo: le segnalazioni inviate via messaggio, email o in altro modo non vengono prese in considerazione. Apri il modulo con il pulsante qui sotto oppure scrivi /rimborso.',
  'off_form.button': 'Chiedi il rimborso',

  'sla.reminder':
    '⏰ Promemoria: la segnalazione *{reference}* attende una decisione. Restano {days} giorni lavorativi: esito entro *{deadline}*.',
  'sla.reminder_one_day':
    '⏰ Promemoria: la segnalazione *{reference}* attende una decisione. Resta 1 giorno lavorativo: esito entro *{deadline}*.',
  'sla.reminder_last_day':
    '⏰ Ultimo giorno lavorativo per decidere la segnalazione *{reference}*: l’esito è promesso entro oggi, *{deadline}*.',
  'sla.escalation':
    '{mention} 🚨 La segnalazione *{reference}* ha superato la scadenza dei 10 giorni lavorativi (*{deadline}*) senza una decisione.',

  'error.generic': 'Qualcosa è andato storto. Riprova tra poco; se il problema continua, contatta il supporto.',
} as const satisfies Record<string, string>;

const coreEn: Record<keyof typeof core, string> = {
  'modal.title': 'Credit refund',
  'modal.submit': 'Send',
  'modal.close': 'Cancel',
  'modal.intro':
    'Before sending, check in your *Credit balance* (Settings) that the credits were really charged. A refund can be asked for within 30 days of receiving the client’s request and is paid in credits only.',
  'modal.client_first_name': 'Client first name',
  'modal.client_last_name': 'Client last name',
  'modal.client_phone': 'Client phone',
  'modal.client_phone_hint': 'Optional. Digits, with spaces, dots, dashes or brackets and a leading +.',
  'modal.service': 'Service you answered',
  'modal.answered_on': 'Date of your answer',
  'modal.received_on': 'Date the request was received',
  'modal.received_on_hint': 'Optional. Without it the 30 days count from the date of your answer.',
  'modal.credits': 'Credits used',
  'modal.reason': 'Reason',
  'modal.reason_placeholder': 'Choose the case',
  'modal.description': 'Description',
  'modal.description_hint': 'Required when the request details changed or the request breaks the terms and conditions.',
  'modal.if_not_listed_hint': 'Fill in only if the charge is not in the list above.',
  'charge.label': 'Charge you are claiming for',
  'charge.hint':
    'Your charges of the last 30 days, newest first. Choose one and we take the client, service, dates and credits from the ledger.',
  'charge.placeholder': 'Choose the charge',
  'charge.option': '{client} · {service} · {date} · {credits} credits',
  'charge.option_one': '{client} · {service} · {date} · 1 credit',
  'charge.not_listed': 'Not in the list: I will fill in the fields',
  'reason.no_grazie': 'The client’s first reply was “No, thanks”',
  'reason.details_changed': 'The request details changed',
  'reason.answered_twice': 'I answered the same client twice',
  'reason.terms_violated': 'The request breaks the terms and conditions',
  'reason.sent_by_mistake': 'I sent the answer by mistake',

  'field.required': 'Required.',
  'field.too_long': 'At most {max} characters.',
  'field.date_invalid': 'Not a valid date.',
  'field.date_future': 'The date cannot be in the future.',
  'field.answered_before_received': 'The answer cannot be earlier than the date the request was received.',
  'field.credits_invalid': 'Enter a whole number of credits from 1 to {max}.',
  'field.phone_invalid':
    'Not a valid phone number: 6 to 15 digits, with spaces, dots, dashes or brackets and at most one leading +.',
  'field.reason_invalid': 'Choose one of the five cases.',
  'field.description_required': 'For this reason, describe what happened.',
  'field.credits_exceed_charge':
    'You were charged {charged} credits for this answer: you can ask for at most {charged}.',
  'field.no_matching_charge':
    'We find no credit charge for this client on this date: check the name and the date, or choose the charge from the list.',
  'field.no_matching_charge_no_list':
    'We find no credit charge for this client on this date: check the name and the date of your answer in your Credit balance.',
  'field.too_many_pending':
    'You already have {count} claims waiting for an outcome ({references}): at most {max} may wait at once. You can send this one once the team has decided on one of them.',
  'field.charge_unknown':
    'We can no longer find this charge: choose another, or choose “Not in the list” and fill in the fields.',

  'result.title_review': 'Claim sent',
  'result.title_ineligible': 'Not refundable',
  'result.close': 'Close',
  'result.to_review':
    'Your claim *{reference}* was sent to the team. You will get the outcome in a direct message by *{deadline}*.',
  'result.ineligible': 'Claim *{reference}* cannot be refunded: {why}',

  'rule.window_expired':
    'a refund can be asked for within {windowDays} days of receiving the client’s request, which arrived on {startDate}: {days} days have passed.',
  'rule.description_required': 'this case needs a description of what happened.',
  'rule.mistake_already_refunded':
    'an answer sent by mistake is refunded only once and yours already was ({reference}); later mistakes are not refunded.',
  'rule.duplicate_claim': 'you already have a claim for the same client and the same answer date ({reference}).',
  'rule.credits_out_of_range': 'the credits must be from 1 to {max}.',
  'rule.no_matching_charge':
    'we find no credit charge for this client on this date. Check your Credit balance in Settings: only credits actually charged are refunded.',
  'rule.credits_exceed_charge':
    'you claimed {claimed} credits, but {charged} were charged for this answer: only credits actually charged are refunded.',

  'finding.window_ok':
    'Within the {windowDays} days: the request was received on {startDate} (day {days} of {windowDays}).',
  'finding.window_ok_from_answer':
    'Within the {windowDays} days counted from the answer, sent on {startDate} (day {days} of {windowDays}): the date the request was received is not given.',
  'finding.reason_no_grazie':
    'Check that the client’s first chat message is a clear “No, thanks”: then no credits should have been charged.',
  'finding.reason_details_changed':
    'Check that the job differs substantially from the request (city or type of service).',
  'finding.reason_answered_twice':
    'Check that the client posted the same request twice and that credits were charged for both.',
  'finding.reason_terms_violated':
    'Check the terms violation (e.g. a request posted by a minor or by someone looking for employment).',
  'finding.reason_sent_by_mistake': 'First answer sent by mistake for this professional: refundable once only.',
  'finding.mistake_pending_elsewhere':
    'Warning: another claim for an answer sent by mistake is pending ({reference}). If one is approved, the other is not refundable.',
  'finding.credits_unverified':
    '{credits} credits declared, not verified: no charge data. Check the professional’s credit balance.',
  'finding.refund_as_credits': 'Refunds are paid only as credits on the platform, never as money.',
  'finding.window_ok_from_ledger':
    'Within the {windowDays} days: according to the charge ledger the request was received on {startDate} (day {days} of {windowDays}).',
  'finding.ledger_match':
    'Charge found in the ledger: {chargeId}, {credits} credits charged on {chargedOn}. Differences from the form: {differences}.',
  'finding.ledger_chosen':
    'Charge chosen by the professional from the ledger’s list: {chargeId}, {credits} credits charged on {chargedOn}.',
  'finding.ledger_missing':
    'Nothing was verified: the marketplace has sent no charge data for this professional. {credits} credits declared: check their credit balance.',
  'finding.duplicate_charges_found':
    'The ledger shows {count} charges for the same client and service on different requests: the refund is for the duplicate charge {chargeId}, not the first one.',
  'finding.duplicate_charges_missing':
    'The ledger has no second charge for the same client and service: nothing shows that credits were charged twice.',
  'finding.later_interaction_charged':
    'Platform error, refundable: charge {chargeId} is a later interaction with the same client on the same request, already charged ({earlierChargeId}). Later interactions cost no credits.',
  'finding.refund_share':
    'Last 90 days: {creditsRefunded} credits refunded out of {creditsCharged} charged ({share}%), refunds: {refunds}. Above {maxShare}% the share is high: other marketplaces cap refunds at a share of the leads bought.',

  'match.name_swapped': 'first and last name swapped',
  'match.name_initial': 'first name given as an initial',
  'match.name_differs': 'different name',
  'match.phone_differs': 'different phone',
  'match.service_partial': 'service partly written',
  'match.service_differs': 'different service',
  'match.answer_date_off_by_one': 'answer date one day apart',
  'match.received_date_differs': 'received date differs from the form',

  'review.fallback': 'Refund claim {reference} from {professional}: {credits} credits',
  'review.header': 'Refund claim {reference}',
  'review.professional': 'Professional',
  'review.client': 'Client',
  'review.phone': 'Phone',
  'review.service': 'Service',
  'review.answered_on': 'Answer date',
  'review.received_on': 'Request received',
  'review.credits': 'Credits',
  'review.reason': 'Reason',
  'review.description': 'Description',
  'review.deadline': 'Outcome due',
  'review.not_given': 'not given',
  'review.findings': 'Policy checks',
  'review.approve': 'Approve',
  'review.reject': 'Reject',
  'review.confirm_title': 'Approve the refund?',
  'review.confirm_text':
    '{credits} credits will be returned to the professional’s balance ({reference}). The decision is final.',
  'review.confirm_yes': 'Approve',
  'review.confirm_no': 'Cancel',
  'review.decided_approved': '✅ Approved by <@{user}> on {when}: {credits} credits returned to the balance.',
  'review.decided_rejected': '❌ Rejected by <@{user}> on {when}. Reason: {reason}',
  'review.take': 'Assign to me',
  'review.ask_info': 'Ask for information',
  'review.assigned': '👤 Assigned to <@{user}>',
  'review.header_contested': 'Claim {reference} · review requested',
  'review.fallback_contested': 'Refund claim {reference} from {professional}, review requested: {credits} credits',
  'review.contested':
    '⚖️ *Review requested by the professional* on {when}. The policy had found it not refundable: {why}\n*The professional’s reason:* {reason}',

  'take.already_yours': 'Claim {reference} is already assigned to you.',

  'ask.title': 'Ask for information',
  'ask.submit': 'Send',
  'ask.close': 'Cancel',
  'ask.intro':
    'Claim *{reference}*: the professional gets the question by direct message, and the answer comes to this thread. The deadline does not change.',
  'ask.question': 'Question for the professional',
  'ask.too_short': 'Write a question of at least {min} characters.',
  'question.dm':
    'The team reviewing your refund claim *{reference}* has a question:\n>{question}\nAnswer with the button below. The outcome is still due by *{deadline}*.',
  'question.answer_button': 'Answer',
  'question.thread': '❓ <@{user}> asked <@{professional}>: {question}',
  'answer.title': 'Answer the team',
  'answer.submit': 'Send',
  'answer.close': 'Cancel',
  'answer.intro': 'Question about claim *{reference}*:\n>{question}',
  'answer.label': 'Your answer',
  'answer.too_short': 'Write an answer of at least {min} characters.',
  'answer.not_yours': 'This question is about another professional’s claim.',
  'answer.already': 'You have already answered this question.',
  'answer.sent_title': 'Answer sent',
  'answer.sent': 'Thank you: the team received your answer about claim *{reference}*.',
  'answer.thread': '💬 <@{professional}> answered: {answer}',

  'reject.title': 'Reject the claim',
  'reject.submit': 'Reject',
  'reject.close': 'Cancel',
  'reject.intro': 'Claim *{reference}*: the professional will read the reason you write here.',
  'reject.reason': 'Reason for rejecting',
  'reject.reason_too_short': 'Write a reason of at least {min} characters.',

  'decide.not_reviewer': 'Only the review channel’s reviewers can decide on refund claims.',
  'decide.own_claim': 'You cannot decide on your own refund claim.',
  'decide.already_approved': 'Claim {reference} was already approved by <@{user}>.',
  'decide.already_rejected': 'Claim {reference} was already rejected by <@{user}>.',
  'decide.not_found': 'This refund claim no longer exists.',
  'decide.mistake_already_refunded':
    'Cannot approve {reference}: this professional already had an answer sent by mistake refunded ({approved}), and the policy refunds that once only. Reject the claim giving the reason.',

  'dm.to_review':
    'We received your refund claim *{reference}* ({credits} credits, client {client}). The team will review it and send you the outcome here by *{deadline}*; they may contact you for more information.',
  'dm.ineligible': 'Your refund claim *{reference}* cannot be accepted: {why}',
  'dm.approved':
    '✅ Your refund claim *{reference}* was approved: {credits} credits were returned to your balance (Settings › Credit balance). Refunds are paid in credits only, never as money.',
  'dm.rejected': 'Your refund claim *{reference}* was not accepted. Reason given by the team: {reason}',
  'dm.contest_received':
    'You asked for a review of claim *{reference}*: the team will look at it and send you the outcome here by *{deadline}*.',
  'contest.button': 'Ask for a review',
  'contest.hint': 'If you think this is a mistake, you can ask a person on the team to look at it (once only).',
  'contest.title': 'Ask for a review',
  'contest.submit': 'Send',
  'contest.close': 'Cancel',
  'contest.intro':
    'Claim *{reference}* is not refundable under the rules: {why}\nIf you think this is a mistake, explain why: a person on the team will look at it within 10 business days. A review can be asked for once only.',
  'contest.reason': 'Why you are asking for a review',
  'contest.too_short': 'Write at least {min} characters.',
  'contest.sent_title': 'Review requested',
  'contest.sent':
    'The team will look at claim *{reference}* and send you the outcome in a direct message by *{deadline}*.',
  'contest.not_yours': 'Only the professional who sent the claim can ask for a review of it.',
  'contest.already': 'You have already asked for a review of claim *{reference}*: only one can be asked for.',
  'contest.not_ineligible': 'Claim *{reference}* is already with the team: there is no need to ask for a review.',
  'evidence.label': 'Evidence (optional)',
  'evidence.hint':
    'Screenshots or PDFs, up to 5 files of 10 MB: for example the client’s “No, thanks” or the request posted twice. The team sees them with the claim.',
  'evidence.too_many': 'Attach at most {max} files.',
  'evidence.too_large': 'The file {name} is larger than 10 MB.',
  'evidence.wrong_type': 'The file {name} is neither an image nor a PDF.',
  'evidence.missing':
    '⚠️ These files attached by the professional could not be copied here: {names}. If you need them, ask with “Ask for information”.',

  'off_form.text':
    'Refund claims are accepted only through the form: claims sent by message, email or any other way are not considered. Open the form with the button below or type /rimborso.',
  'off_form.button': 'Ask for a refund',

  'sla.reminder':
    '⏰ Reminder: claim *{reference}* is waiting for a decision. {days} business days left: outcome due by *{deadline}*.',
  'sla.reminder_one_day':
    '⏰ Reminder: claim *{reference}* is waiting for a decision. 1 business day left: outcome due by *{deadline}*.',
  'sla.reminder_last_day':
    '⏰ Last business day to decide claim *{reference}*: the outcome is promised by today, *{deadline}*.',
  'sla.escalation':
    '{mention} 🚨 Claim *{reference}* has passed its 10-business-day deadline (*{deadline}*) without a decision.',

  'error.generic': 'Something went wrong. Try again shortly; if it keeps happening, contact support.',
};

// One catalog, kept in a few files by area; every area has the same keys in both languages.
const it = { ...core, ...homeIt, ...emailIt, ...reportIt, ...deliveryIt, ...interactionIt, ...autoIt };
const en: Record<MessageKey, string> = {
  ...coreEn,
  ...homeEn,
  ...emailEn,
  ...reportEn,
  ...deliveryEn,
  ...interactionEn,
  ...autoEn,
};

export type MessageKey =
  | keyof typeof core
  | keyof typeof homeIt
  | keyof typeof emailIt
  | keyof typeof reportIt
  | keyof typeof deliveryIt
  | keyof typeof interactionIt
  | keyof typeof autoIt;
export type Locale = 'it' | 'en';
export const LOCALES: readonly Locale[] = ['it', 'en'];
const catalogs: Record<Locale, Record<MessageKey, string>> = { it, en };

export type MessageParams = Record<string, string | number>;

const PLACEHOLDER = /\{(?:(\w+):)?(\w+)\}/g;

function isItalianDateArticle(word: string): word is ItalianDateArticle {
  return Object.hasOwn(ITALIAN_DATE_ARTICLES, word);
}

/** The text for `key` in `locale`, with `{name}` (and `{il:name}`) placeholders filled from `params`. */
export function t(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return catalogs[locale][key].replace(PLACEHOLDER, (whole, article: string | undefined, name: string) => {
    if (!(name in params)) return whole;
    const value = String(params[name]);
    return article !== undefined && isItalianDateArticle(article) ? withItalianArticle(article, value) : value;
  });
}

/** Exposed for the catalog's completeness test. */
export function catalogKeys(locale: Locale): string[] {
  return Object.keys(catalogs[locale]);
}
