/**
 * Does a free-text message ask for a refund? The policy accepts claims only through the form, so such
 * a message gets a pointer to it; everything else is ordinary chatter and is left alone.
 * Words are matched accent-free and case-free, Italian first, then English.
 */
const REFUND_PATTERNS: readonly RegExp[] = [
  /\brimbors\w*/, // rimborso, rimborsi, rimborsare, rimborsatemi
  /\brestitu\w*\b.{0,30}\bcredit/, // restituire/restituzione (dei) crediti
  /\bcredit\w*\b.{0,30}\b(indietro|restitu\w*|ridat\w*|tornare)/, // crediti indietro, crediti restituiti
  /\b(ridate|ridatemi|rivoglio|riavere)\b.{0,30}\bcredit/,
  /\brefund\w*/,
  /\b(money|credits?) back\b/,
  /\breimburs\w*/,
];

export function looksLikeRefundRequest(text: string): boolean {
  const plain = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return REFUND_PATTERNS.some((pattern) => pattern.test(plain));
}
