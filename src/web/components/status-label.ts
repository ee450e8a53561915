/** The words for a red / amber / green status, so colour is never the only signal. */
export const statusLabel = { red: 'Red', amber: 'Amber', green: 'Green' } as const;
