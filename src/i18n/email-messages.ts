/**
 * The reply to a refund asked for by email (both languages go in one message). Same keys in both.
 * `{reasons}` is the policy's five cases, one per line, from the form's own `reason.*` texts.
 */
export const emailIt = {
  'email.subject_fallback': 'Rimborso dei crediti',
  'email.reply':
    'Buongiorno,\n\n' +
    'grazie per averci scritto. I rimborsi dei crediti si chiedono solo tramite il modulo in Slack: le segnalazioni inviate via email o in altro modo non vengono prese in considerazione, quindi questa email non ha aperto nessuna segnalazione.\n\n' +
    'Per chiedere il rimborso, in Slack scrivi /rimborso oppure apri la Home dell’app Rimborsi crediti e premi «{button}». Il modulo ti chiede:\n' +
    '- i riferimenti del cliente (nome, cognome ed eventuale telefono);\n' +
    '- il servizio per cui hai risposto;\n' +
    '- la data della tua risposta;\n' +
    '- i crediti utilizzati;\n' +
    'e il motivo, uno di questi casi:\n{reasons}\n\n' +
    'Il rimborso si chiede entro 30 giorni dalla ricezione della richiesta del cliente e avviene solo in crediti. Il team ti comunica l’esito entro 10 giorni lavorativi.\n\n' +
    'Questa è una risposta automatica: non serve rispondere.\n\n' +
    'Il team di supporto',
} as const satisfies Record<string, string>;

export const emailEn: Record<keyof typeof emailIt, string> = {
  'email.subject_fallback': 'Refund request',
  'email.reply':
    'Hello,\n\n' +
    'thank you for writing. Credit refund claims are accepted only through the form in Slack: claims sent by email or any other way are not considered, so this email has not opened a claim.\n\n' +
    'To ask for a refund, type /rimborso in Slack or open the Home of the Rimborsi crediti app and press “{button}”. The form asks for:\n' +
    '- the client’s details (first name, last name and phone number if you have it);\n' +
    '- the service you answered for;\n' +
    '- the date of your answer;\n' +
    '- the credits used;\n' +
    'and the reason, one of these cases:\n{reasons}\n\n' +
    'A refund must be asked for within 30 days of receiving the request, and is paid in credits only. The team sends you the outcome within 10 business days.\n\n' +
    'This is an automatic reply: there is no need to answer it.\n\n' +
    'The support team',
};
