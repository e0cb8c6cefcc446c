// Runs the documented queries through Apollo Client, configured as docs/graphql.md says.
//
// tests/api/test_apollo.py starts a live server and runs
//   node --conditions=development tests/api/apollo/run.mjs < input.json
// (the development condition turns on Apollo's cache warnings). Standard input:
//   {"clientModule": "/tmp/.../cms-client.mjs",   the docs' client module, as written there
//    "queries": [{"name", "query", "variables"}],  the documented queries, in the docs' order
//    "overlapping": [{"name", "query", "variables"}],  queries that ask different things of the
//                                                      same list, and a page and its translation
//    "preview": {"live": {...}, "draft": {...}}}   a live page's query, then its preview's
// Standard output: one JSON object with what each client returned and every console warning
// or error printed meanwhile (and, for persisted queries, what each request carried); the Python
// test compares it with plain POSTs.

import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { format } from "node:util";

import { gql } from "@apollo/client";
import { loadDevMessages, loadErrorMessages } from "@apollo/client/dev";

const warnings = [];
for (const level of ["warn", "error"]) {
  console[level] = (...args) => warnings.push(`console.${level}: ${format(...args)}`);
}
loadDevMessages();
loadErrorMessages();

// Every request a client sends, as "METHOD path": the test checks the transport was used.
// For persisted queries, what each request carried: the document's text, its hash, or both.
const requests = [];
const carried = [];
const realFetch = globalThis.fetch;
globalThis.fetch = (url, options = {}) => {
  const method = (options.method || "GET").toUpperCase();
  requests.push(`${method} ${new URL(url).pathname}`);
  const params = method === "GET" ? Object.fromEntries(new URL(url).searchParams) : JSON.parse(options.body);
  const extensions = typeof params.extensions === "string" ? JSON.parse(params.extensions) : params.extensions;
  carried.push({ method, query: Boolean(params.query), hash: Boolean(extensions?.persistedQuery?.sha256Hash) });
  return realFetch(url, options);
};

const input = JSON.parse(readFileSync(0, "utf8"));
const { cmsClient } = await import(pathToFileURL(input.clientModule).href);

async function run(client, { query, variables }, fetchPolicy = "network-only") {
  const result = await client.query({ query: gql(query), variables, fetchPolicy });
  if (result.error) {
    throw new Error(`${result.error}`);
  }
  return result.data;
}

const output = { transports: {}, preview: {}, warnings, requests };

// All documented queries through one client and one cache, as a site's pages would share them;
// then each again from the cache alone: what the cache kept must be what the server sent.
for (const [transport, useGETForQueries] of [
  ["POST", false],
  ["GET", true],
]) {
  requests.length = 0;
  const client = cmsClient({ useGETForQueries });
  const network = {};
  for (const item of input.queries) {
    network[item.name] = await run(client, item);
  }
  const cached = {};
  for (const item of input.queries) {
    cached[item.name] = await run(client, item, "cache-only");
  }
  output.transports[transport] = { network, cached, requests: [...requests] };
}

// Persisted queries (Apollo's link, hashes over GET), as the docs' module sets them up for live content:
// a first client finds each hash unknown and sends the document once; a second client, starting
// afresh, sends hashes alone.
{
  const persisted = {};
  for (const pass of ["first", "second"]) {
    carried.length = 0;
    const client = cmsClient({ persisted: true });
    const network = {};
    for (const item of input.queries) {
      network[item.name] = await run(client, item);
    }
    persisted[pass] = { network, carried: [...carried] };
  }
  output.persisted = persisted;
}

// Queries that ask different fields of one list (the lists and their pagination have no id), and
// pages whose blocks share ids (a translation keeps them): each must read back as it was sent.
{
  requests.length = 0;
  const client = cmsClient({ useGETForQueries: false });
  const network = {};
  for (const item of input.overlapping) {
    network[item.name] = await run(client, item);
  }
  const cached = {};
  for (const item of input.overlapping) {
    cached[item.name] = await run(client, item, "cache-only");
  }
  output.overlapping = { network, cached };
}

// A site that ignores the advice and shares one cache between live content and a preview:
// the live page must still read as live.
{
  const client = cmsClient({ useGETForQueries: false });
  const live = await run(client, input.preview.live);
  const draft = await run(client, input.preview.draft);
  const liveAfter = await run(client, input.preview.live, "cache-only");
  output.preview = { live, draft, liveAfter, cacheKeys: Object.keys(client.cache.extract()).sort() };
}

process.stdout.write(JSON.stringify(output));
