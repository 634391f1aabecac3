// A small client for the Job Board API, as a frontend would write it: fetch, JSON, a JWT pair,
// the one error shape, and 429s. No library needed; it runs in browsers and in Node 18+.
// The hub's frontend quickstart shows it; quickstart.test.mjs runs it against a real server.

// --8<-- [start:api-error]
/** Every API error has one shape: {"error": {"code", "message", "details"}}. */
export class ApiError extends Error {
  constructor(status, body, retryAfter) {
    const error = body?.error ?? { code: "unknown", message: `HTTP ${status}`, details: {} };
    super(error.message);
    this.status = status;            // 400, 401, 403, 404, 409, 429, ...
    this.code = error.code;          // "validation_error", "conflict", "rate_limited", ...
    this.details = error.details;    // per-field messages for validation_error
    this.retryAfter = retryAfter;    // seconds to wait after a 429, from the Retry-After header
  }
}
// --8<-- [end:api-error]

// --8<-- [start:client]
export function createClient(baseUrl) {
  let tokens = null; // {access, refresh}; a browser app might keep refresh in memory only

  async function request(method, path, { body, auth = true, retry = true } = {}) {
    const headers = { Accept: "application/json" };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    if (auth && tokens) headers.Authorization = `Bearer ${tokens.access}`;
    const response = await fetch(new URL(path, baseUrl), {
      method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status === 204) return null;
    const data = await response.json();
    // An expired access token: refresh once, then repeat the request.
    if (response.status === 401 && data.error?.code === "token_not_valid" && retry && tokens) {
      await refresh();
      return request(method, path, { body, auth, retry: false });
    }
    if (!response.ok) {
      throw new ApiError(response.status, data, Number(response.headers.get("Retry-After")) || undefined);
    }
    return data;
  }

  async function refresh() {
    const data = await request("POST", "/api/auth/token/refresh/",
      { body: { refresh: tokens.refresh }, auth: false, retry: false });
    tokens = { ...tokens, access: data.access };
  }

  return {
    signUp: (username, email, password, role) =>
      request("POST", "/api/auth/register/", { body: { username, email, password, role }, auth: false }),
    async logIn(username, password) {
      tokens = await request("POST", "/api/auth/token/", { body: { username, password }, auth: false });
      return tokens;
    },
    refresh,
    me: () => request("GET", "/api/auth/me/"),
    // filters: {status: "open", search: "django", min_salary: 30000, ordering: "-salary_max", page: 2}
    listJobs: (filters = {}) => request("GET", `/api/jobs/?${new URLSearchParams(filters)}`),
    applyToJob: (jobId, coverLetter = "") =>
      request("POST", `/api/jobs/${jobId}/apply/`, { body: { cover_letter: coverLetter } }),
    // For tests and demos: pretend the access token expired.
    spoilAccessToken() { tokens = { ...tokens, access: "expired.token.value" }; },
  };
}
// --8<-- [end:client]

// --8<-- [start:rate-limit]
/** Call fn; on a 429, wait as long as the API says (once), then try again. */
export async function withRateLimitRetry(fn, sleep = (ms) => new Promise((r) => setTimeout(r, ms))) {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 429) throw error;
    await sleep((error.retryAfter ?? 1) * 1000);
    return fn();
  }
}
// --8<-- [end:rate-limit]
