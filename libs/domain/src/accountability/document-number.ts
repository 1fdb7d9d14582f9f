/**
 * 发文字号: `${prefix}${mark}〔${year}〕${seq}号`, e.g. 通安委办督〔2026〕12号. The prefix is the issuing
 * authority's (机关代字, reference data per jurisdiction); the mark tells the kind; the sequence is
 * the authority's for that kind and year, gap-free (allocated in PostgreSQL with the document).
 */
export function documentNumber(prefix: string, mark: string, year: number, seq: number): string {
  return `${prefix}${mark}〔${year}〕${seq}号`;
}

/** The authority's default 机关代字 when none is registered: the jurisdiction's name less its suffix, plus 安委办. */
export function defaultPrefix(jurisdictionName: string): string {
  const short = jurisdictionName.replace(/(人民政府|市|区|县|镇|街道|园区)$/u, '') || jurisdictionName;
  return `${short}安委办`;
}
