/** Texts of the App Home and of `/rimborso stato` / `/rimborso aiuto`. Same keys in both languages. */
export const homeIt = {
  'home.placeholder': 'Rimborsi crediti',
} as const satisfies Record<string, string>;

export const homeEn: Record<keyof typeof homeIt, string> = {
  'home.placeholder': 'Credit refunds',
};
