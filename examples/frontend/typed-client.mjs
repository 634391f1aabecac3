// A REST client typed from the contract: openapi-typescript turned the Job Board's openapi.yaml
// into jobboard-api.d.ts (`make contract` writes it), and openapi-fetch checks every path,
// parameter and body against those types. Plain JavaScript with JSDoc types: your editor (or
// `tsc --checkJs`) flags a misspelt path, filter or field before anything runs.
// clients.test.mjs runs it against a Job Board in production settings.

// --8<-- [start:typed-client]
import createClient from "openapi-fetch";

/** @typedef {import("./jobboard-api").paths} paths */
/** @typedef {import("./jobboard-api").components["schemas"]} schemas */

/** @param {string} baseUrl */
export function createTypedClient(baseUrl) {
  /** @type {{access: string, refresh: string} | null} */
  let tokens = null;
  /** @type {import("openapi-fetch").Client<paths>} */
  const client = createClient({ baseUrl: baseUrl.replace(/\/$/, "") });
  client.use({
    onRequest({ request }) {   // every call carries the access token, once there is one
      if (tokens) request.headers.set("Authorization", `Bearer ${tokens.access}`);
      return request;
    },
  });
  return {
    client,
    /** @param {string} username @param {string} password */
    async logIn(username, password) {
      const { data, error, response } = await client.POST("/api/auth/token/", { body: { username, password } });
      if (error) return { error: error.error, status: response.status };   // the one error shape
      tokens = data;
      return { data };
    },
    async refresh() {
      if (!tokens) throw new Error("log in first");
      const { data, error } = await client.POST("/api/auth/token/refresh/", { body: { refresh: tokens.refresh } });
      if (error) return { error: error.error };
      tokens = { ...tokens, access: data.access };
      return { data };
    },
  };
}
// --8<-- [end:typed-client]
