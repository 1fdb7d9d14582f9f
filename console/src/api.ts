/** The API's one error shape, kept whole so forms can put the message next to its field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly zh: string,
    readonly en: string,
    readonly field?: string,
  ) {
    super(zh);
  }
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: 'enterprise' | 'grid_inspector' | 'supervisor' | 'assessor' | 'admin';
  jurisdictionId: string | null;
  jurisdictionLevel: 'city' | 'county' | 'township' | 'grid' | null;
  jurisdictionPath: string | null;
  enterpriseId: string | null;
  departmentId: string | null;
  isSafetyDirector: boolean;
}

const KEY = 'hazard-console.session';

export interface Session {
  token: string;
  user: User;
}

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null): void {
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
}

let onUnauthenticated: () => void = () => undefined;
export function setUnauthenticatedHandler(fn: () => void): void {
  onUnauthenticated = fn;
}

/** One API call: JSON (or FormData) in, JSON out; every failure becomes an ApiError. */
export async function api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = loadSession()?.token;
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload });
  } catch {
    throw new ApiError(0, 'network', '无法连接服务器，请检查网络后重试。', 'Cannot reach the server; check the connection and retry.');
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = text;
  }
  if (!res.ok) {
    const e = (data ?? {}) as { code?: string; message?: string; messageEn?: string; field?: string };
    if (res.status === 401 && path !== '/auth/login') onUnauthenticated();
    throw new ApiError(
      res.status,
      e.code ?? `http_${res.status}`,
      e.message ?? `请求失败（${res.status}）`,
      e.messageEn ?? `Request failed (${res.status})`,
      e.field,
    );
  }
  return data as T;
}

/** An evidence file as an object URL (the download needs the bearer token, so <img src> cannot fetch it itself). */
export async function fetchBlobUrl(path: string): Promise<string> {
  const token = loadSession()?.token;
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new ApiError(res.status, 'download_failed', '文件下载失败', 'Download failed');
  return URL.createObjectURL(await res.blob());
}

export const qs = (params: Record<string, string | number | boolean | undefined | null>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') p.set(k, String(v));
  const s = p.toString();
  return s ? `?${s}` : '';
};
