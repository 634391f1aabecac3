// The frontend quickstart, run for real: `node --test` against the Job Board started by
// examples/jobboard/tests/test_frontend.py (BASE_URL; seeded demo data; RATELIMIT_APPLY=2/m).
import assert from "node:assert/strict";
import { test } from "node:test";

import { ApiError, createClient, withRateLimitRetry } from "./jobboard.mjs";

const BASE_URL = process.env.BASE_URL ?? "http://127.0.0.1:8001/";
const PASSWORD = "a-long-frontend-password-7";

test("sign up, log in, and read who I am", async () => {
  // --8<-- [start:sign-up]
  const api = createClient(BASE_URL);
  await api.signUp("lidya", "lidya@example.com", PASSWORD, "applicant");
  const tokens = await api.logIn("lidya", PASSWORD);
  const me = await api.me();
  // --8<-- [end:sign-up]
  assert.match(tokens.access, /^eyJ/);
  assert.equal(me.username, "lidya");
  assert.equal(me.role, "applicant");
});

test("a bad sign-up is a validation_error with a message per field", async () => {
  const api = createClient(BASE_URL);
  // --8<-- [start:validation-error]
  try {
    await api.signUp("x", "not-an-email", "123", "applicant");
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== "validation_error") throw error;
    // error.details: {"email": ["Enter a valid email address."], "password": [...]}
    for (const [field, messages] of Object.entries(error.details)) console.log(field, messages.join(" "));
    assert.ok(error.details.email && error.details.password);
  }
  // --8<-- [end:validation-error]
});

test("list open jobs with filters and pages", async () => {
  const api = createClient(BASE_URL);
  // --8<-- [start:list-jobs]
  const page = await api.listJobs({ status: "open", search: "engineer", ordering: "-salary_max" });
  // page: {count, next, previous, results: [{id, title, company_name, salary_min, ...}]}
  const titles = page.results.map((job) => job.title);
  // --8<-- [end:list-jobs]
  assert.deepEqual(titles, ["Data Engineer", "Backend Engineer (Python)"]);
  assert.equal(page.count, 2);
  const all = await api.listJobs({ page: 1 });
  assert.ok(all.results.every((job) => job.status !== "draft"), "drafts are never public");
});

test("apply, get a 409 on the second try, and a 429 with Retry-After past the limit", async () => {
  const api = createClient(BASE_URL);
  await api.signUp("yonas", "yonas@example.com", PASSWORD, "applicant");
  await api.logIn("yonas", PASSWORD);
  const [job] = (await api.listJobs({ search: "Junior Django" })).results;
  // --8<-- [start:apply]
  const application = await api.applyToJob(job.id, "I build Django APIs.");
  try {
    await api.applyToJob(job.id, "Again");
  } catch (error) {
    if (error.code !== "conflict") throw error;  // 409: already applied
  }
  // --8<-- [end:apply]
  assert.equal(application.status, "submitted");
  // The third attempt in a minute is over RATELIMIT_APPLY=2/m. django-ratelimit's window is
  // fixed: when it ends between two attempts the count starts again (a CI run met it), so this
  // tries up to three more times, each a 409 until the limit answers.
  let limited;
  for (let tries = 0; tries < 3; tries++) {
    limited = await api.applyToJob(job.id, "Once more").catch((error) => error);
    if (!(limited instanceof ApiError) || limited.status !== 409) break;
  }
  assert.ok(limited instanceof ApiError);
  assert.equal(limited.status, 429);
  assert.equal(limited.code, "rate_limited");
  assert.ok(limited.retryAfter > 0 && limited.retryAfter <= 60, `Retry-After ${limited.retryAfter}`);
  let waited = 0;
  const again = await withRateLimitRetry(() => api.applyToJob(job.id), async (ms) => { waited = ms; })
    .catch((error) => error);
  assert.equal(waited, limited.retryAfter * 1000, "waits exactly what Retry-After says, once");
  assert.equal(again.status, 429, "still limited: the fake sleep did not really wait");
});

test("an expired access token is refreshed once, transparently", async () => {
  const api = createClient(BASE_URL);
  await api.logIn("abel", "nexus-demo-pass-2025");  // a seeded demo account
  api.spoilAccessToken();
  const me = await api.me();
  assert.equal(me.username, "abel");
});
