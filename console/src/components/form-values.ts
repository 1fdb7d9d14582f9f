/** What a form sends: typed text turned into the API's values, the same way in every form. */

/** A typed number goes to the API as a number; anything else goes as typed, and the API says what is wrong with it. */
export const num = (v: string): number | string | undefined =>
  v.trim() === '' ? undefined : /^-?\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v;
/** An empty field is left out. */
export const opt = (v: string) => (v.trim() === '' ? undefined : v);
/** A datetime-local value is Beijing wall time: send it with the +08:00 offset. */
export const localToIso = (v: string) => (v ? `${v.length === 16 ? `${v}:00` : v}+08:00` : undefined);
