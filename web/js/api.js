// Calls the public HTTP API like any third party; failures become ApiError with the problem+json detail.
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

export async function api(path, { method = 'GET', body, signal } = {}) {
  let response;
  try {
    response = await fetch(path, {
      method,
      signal,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    if (err.name === 'AbortError') throw err;
    throw new ApiError(0, { title: '无法连接服务器', detail: `无法连接 PolicyGraph 服务器（${err.message}）` });
  }
  const type = response.headers.get('content-type') ?? '';
  const payload = type.includes('json') ? await response.json().catch(() => null) : null;
  if (!response.ok) throw new ApiError(response.status, payload ?? { title: response.statusText, detail: `HTTP ${response.status} ${response.statusText}` });
  return payload;
}

/** A query string from an object; arrays repeat the key, empty values are left out. */
export function queryString(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined && v !== null && v !== '') search.append(key, String(v));
  }
  const s = search.toString();
  return s ? `?${s}` : '';
}
