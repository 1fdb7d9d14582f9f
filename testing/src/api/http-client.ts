/** A small HTTP client for API tests: JSON in and out, with a bearer token. */
export interface ApiAnswer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export function apiClient(baseUrl: string) {
  const call = async <T = any>(
    method: string,
    path: string,
    opts: { token?: string; body?: unknown; headers?: Record<string, string>; form?: FormData } = {},
  ): Promise<ApiAnswer<T>> => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: BodyInit | undefined;
    if (opts.form) body = opts.form;
    else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const res = await fetch(baseUrl + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  };
  const login = async (username: string, password: string): Promise<string> => {
    const r = await call('POST', '/auth/login', { body: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.accessToken;
  };
  /** A call that must succeed: an answer of 300 or more fails the test with the route and the body. */
  const succeed = async <T = any>(method: string, path: string, token: string, body?: unknown): Promise<ApiAnswer<T>> => {
    const r = await call<T>(method, path, { token, body });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  return { call, login, succeed };
}

/** GET of a binary body (xlsx, docx) with a bearer token. */
export async function download(baseUrl: string, path: string, token: string): Promise<{ status: number; body: Buffer; headers: Headers }> {
  const res = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

/** Uploads a file as multipart field `file`. */
export function upload(baseUrl: string, path: string, token: string, file: Buffer, name: string): Promise<ApiAnswer> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(file)]), name);
  return apiClient(baseUrl).call('POST', path, { token, form });
}
