/**
 * What a person is told when their click or form could not be recorded (the database failed or went
 * away): nothing changed, and trying again is safe. Same keys in both languages.
 */
export const interactionIt = {
  'interaction.not_recorded':
    'Non siamo riusciti a registrare la tua azione per un problema tecnico temporaneo: non è cambiato nulla. Riprova tra qualche istante.',
  'interaction.not_opened':
    'Non siamo riusciti ad aprire il modulo per un problema tecnico temporaneo. Riprova tra qualche istante.',
  'interaction.field_not_recorded': 'Non registrato per un problema tecnico temporaneo: riprova tra qualche istante.',
} as const satisfies Record<string, string>;

export const interactionEn: Record<keyof typeof interactionIt, string> = {
  'interaction.not_recorded':
    'We could not record that because of a temporary technical problem: nothing has changed. Please try again in a moment.',
  'interaction.not_opened':
    'We could not open the form because of a temporary technical problem. Please try again in a moment.',
  'interaction.field_not_recorded':
    'Not recorded because of a temporary technical problem: please try again in a moment.',
};
