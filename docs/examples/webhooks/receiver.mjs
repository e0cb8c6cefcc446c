// A webhook receiver for the Sister Cities CMS: checks each message's signature, then acts on it.
//
// npm install standardwebhooks@1.1.1
// WEBHOOK_SECRET=whsec_... PORT=8080 node receiver.mjs
import { createServer } from "node:http";
import { Webhook } from "standardwebhooks";

const webhook = new Webhook(process.env.WEBHOOK_SECRET);
const seen = new Set(); // message ids already handled; keep them in your database in real life

createServer((request, response) => {
  const chunks = [];
  request.on("data", (chunk) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    let message;
    try {
      // Checks webhook-id, webhook-timestamp (at most 5 minutes off) and webhook-signature
      // against the raw body, before anything else is done with it.
      message = webhook.verify(body, request.headers);
    } catch {
      response.writeHead(400).end();
      return;
    }
    const messageId = request.headers["webhook-id"];
    if (!seen.has(messageId)) { // a retry of a message already handled: answer 2xx again, do nothing
      seen.add(messageId);
      handle(message);
    }
    response.writeHead(204).end();
  });
}).listen(Number(process.env.PORT || 8080), "127.0.0.1");

function handle(message) {
  // message.type is e.g. "story.published"; message.data says which object and where
  // (id, apiId, slug, locale, url). Refetch it with the GraphQL API, or drop it from
  // your copy on "unpublished" and "deleted". Answer quickly: do slow work in the background.
  console.log(JSON.stringify(message));
}
