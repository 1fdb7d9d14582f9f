/** Who made an admin change (a calendar notice, a policy migration), as the audit chain records them. */
export interface AuditedCaller {
  userId: string;
  username: string;
  sourceIp?: string | null;
  requestId?: string | null;
}

/**
 * The audit-chain row of an admin change that succeeded. The keys keep the order the chain has
 * always sealed them in.
 */
export function successAuditRow(
  who: AuditedCaller,
  what: { event: string; objectType: string; objectId: string; httpStatus: number | null },
  detail: Record<string, unknown>,
): Record<string, unknown> {
  return {
    user_id: who.userId,
    username: who.username,
    event_type: what.event,
    object_type: what.objectType,
    object_id: what.objectId,
    result: 'success',
    http_status: what.httpStatus,
    source_ip: who.sourceIp ?? null,
    request_id: who.requestId ?? null,
    detail,
  };
}
