// Off-the-shelf clients against a Job Board in production settings (DEBUG off), started by
// examples/jobboard/tests/test_frontend.py: Apollo Client with its default cache, and the REST
// client typed from the contract (typed-client.mjs). RATELIMIT_APPLY=2/m on that server.
import assert from "node:assert/strict";
import { test } from "node:test";

import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache, ServerError, gql } from "@apollo/client";

import { createTypedClient } from "./typed-client.mjs";

const BASE_URL = process.env.BASE_URL ?? "http://127.0.0.1:8001/";
const DEMO_PASSWORD = "nexus-demo-pass-2025";

test("typed client: log in, refresh, list with filters and pages, apply, read errors and a 429", async () => {
  const api = createTypedClient(BASE_URL);
  const wrong = await api.logIn("sami", "not-the-password");
  assert.equal(wrong.status, 401);
  assert.equal(wrong.error?.code, "no_active_account");
  assert.ok((await api.logIn("sami", DEMO_PASSWORD)).data?.access.startsWith("eyJ"));
  assert.ok((await api.refresh()).data?.access.startsWith("eyJ"));

  // --8<-- [start:typed-list]
  const { data: page } = await api.client.GET("/api/jobs/", {
    params: { query: { status: "open", min_salary: 30000, ordering: "-salary_max", page: 1 } },
  });
  // page is typed: {count, next, previous, results: Job[]}; a wrong filter name does not compile.
  // --8<-- [end:typed-list]
  assert.ok(page && page.count >= 2 && page.results.every((job) => job.status === "open"));

  const bad = await api.client.GET("/api/jobs/", { params: { query: { page: 999 } } });
  assert.equal(bad.response.status, 404);
  assert.equal(bad.error?.error.code, "not_found");

  const job = page.results.find((j) => j.title === "Data Engineer") ?? page.results[0];
  // --8<-- [start:typed-apply]
  const { data: application, error } = await api.client.POST("/api/jobs/{id}/apply/", {
    params: { path: { id: job.id } }, body: { cover_letter: "I build data pipelines." },
  });
  // error, when there is one, is the API's envelope: error.error.code, .message, .details
  // --8<-- [end:typed-apply]
  assert.equal(error, undefined);
  assert.equal(application?.status, "submitted");
  const twice = await api.client.POST("/api/jobs/{id}/apply/", { params: { path: { id: job.id } }, body: {} });
  assert.equal(twice.response.status, 409);
  assert.equal(twice.error?.error.code, "conflict");
  // Over RATELIMIT_APPLY=2/m; the fixed window may end between two tries (quickstart.test.mjs).
  let limited;
  for (let tries = 0; tries < 3; tries++) {
    limited = await api.client.POST("/api/jobs/{id}/apply/", { params: { path: { id: job.id } }, body: {} });
    if (limited.response.status !== 409) break;
  }
  assert.equal(limited.response.status, 429);
  assert.equal(limited.error?.error.code, "rate_limited");
  assert.ok(Number(limited.response.headers.get("Retry-After")) > 0);
});

async function token(username) {
  const response = await fetch(new URL("/api/auth/token/", BASE_URL), {
    method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return (await response.json()).access;
}

function apollo(accessToken, sent = []) {
  return new ApolloClient({
    cache: new InMemoryCache(),   // the default cache: it adds __typename to every selection
    link: new HttpLink({
      uri: new URL("/graphql/", BASE_URL).href,
      headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
      fetch: (url, init) => { sent.push(JSON.parse(init.body).query); return fetch(url, init); },   // counts requests
    }),
  });
}

test("Apollo Client: the reference's queries, and the mutation", async () => {
  const client = apollo();
  const { data } = await client.query({ query: gql`{ jobs { title slug company { name } } }` });
  assert.ok(data.jobs.length >= 4 && data.jobs.every((job) => job.__typename === "JobType"));
  const search = await client.query({ query: gql`query($q: String) { jobs(search: $q) { title salaryMin company { name } } }`,
    variables: { q: "engineer" } });
  assert.deepEqual(search.data.jobs.map((job) => job.title).sort(), ["Backend Engineer (Python)", "Data Engineer"]);
  const companies = await client.query({ query: gql`{ companies { name jobs { title } } }` });
  assert.ok(companies.data.companies.every((c) => c.jobs.every((job) => job.title !== "Site Reliability Engineer")),
    "drafts never leak");

  const applicant = apollo(await token("hana"));
  const APPLY = gql`mutation($id: ID!) { applyToJob(jobId: $id, coverLetter: "Hi") { application { id status } } }`;
  const [first] = (await client.query({ query: gql`{ jobs(search: "Junior") { id title } }` })).data.jobs;
  const applied = await applicant.mutate({ mutation: APPLY, variables: { id: first.id } });
  assert.equal(applied.data.applyToJob.application.status, "SUBMITTED");
  const again = await applicant.mutate({ mutation: APPLY, variables: { id: first.id } }).catch((error) => error);
  assert.ok(CombinedGraphQLErrors.is(again));
  assert.equal(again.errors[0].extensions.code, "conflict");
});

test("Apollo Client: a request over the alias limit is refused with query_too_expensive", async () => {
  // 30 aliases of the same list: over the limit of 10 (docs/api/graphql.md, "Limits a client meets").
  const WIDE = gql(`{ ${Array.from({ length: 30 }, (_, n) => `j${n}: jobs { title }`).join(" ")} }`);
  const sent = [];
  const client = apollo(undefined, sent);

  // Why an earlier version of this test saw no error: the default cache stores a field by its name
  // and arguments, never by its alias, so once `jobs { title }` is cached, all 30 aliases are read
  // from the cache (fetchPolicy "cache-first") and the request never reaches the server.
  await client.query({ query: gql`{ jobs { title } }` });
  const cached = await client.query({ query: WIDE });
  assert.equal(cached.data.j29.length, cached.data.j0.length);
  assert.equal(sent.length, 1, "answered from the cache: nothing was sent");

  // Sent to the server, it is refused before it runs. graphene-django answers a request that
  // fails validation with HTTP 400 and application/json, which Apollo Client 4 reports as a
  // ServerError carrying the GraphQL response body.
  const refused = await client.query({ query: WIDE, fetchPolicy: "network-only" }).catch((error) => error);
  assert.equal(sent.length, 2);
  assert.match(sent[1], /j29: jobs/);
  assert.ok(ServerError.is(refused), String(refused));
  assert.equal(refused.statusCode, 400);
  const body = JSON.parse(refused.bodyText);
  assert.equal(body.data, undefined);
  assert.equal(body.errors[0].message, "This request renames 30 fields with aliases; the limit is 10.");
  assert.deepEqual(body.errors[0].extensions, { code: "query_too_expensive", limit: "max_aliases", maximum: 10, found: 30 });

  // The same request from a client with an empty cache goes out, and is refused the same way.
  const fresh = await apollo().query({ query: WIDE }).catch((error) => error);
  assert.equal(JSON.parse(fresh.bodyText).errors[0].extensions.code, "query_too_expensive");
});
