import { Transform } from 'class-transformer';

/** Strings are trimmed before validation, so '  ' counts as empty. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** ISO 8601 with an explicit offset (Z or ±hh:mm): a time without a zone is ambiguous. */
export const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export const msg = (zh: string, en: string) => ({ message: `${zh} / ${en}` });
