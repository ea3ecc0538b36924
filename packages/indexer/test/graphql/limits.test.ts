// Hostile requests (deep nesting, thousands of aliases, huge pages, malformed filters, huge bodies,
// costly nesting) are each refused with a specific error, and the API keeps answering; production
// masks internal errors and field suggestions; the server's plugin hook can refuse a client.
import { getIntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGraphQL } from "../../src/graphql/index.ts";
import { createStore, type Store } from "../../src/store/store.ts";
import { fetchOf, gql } from "./client.ts";
import { commitWorld, P1 } from "./world.ts";

describe("GraphQL limits", () => {
  let store: Store;
  let yoga: ReturnType<typeof createGraphQL>;
  beforeAll(async () => {
    store = await createStore({});
    await commitWorld(store);
    yoga = createGraphQL({ store });
  });
  afterAll(async () => {
    await store?.close();
  });

  /** After every refusal the same server still answers a normal query. */
  async function stillServing() {
    const r = await gql(yoga, "{ _meta { block { number } } members(first: 1) { weight } }");
    expect(r.data).toEqual({ _meta: { block: { number: 5 } }, members: [{ weight: "10" }] });
  }

  it("lets the full introspection query through (GraphiQL, codegen)", async () => {
    const r = await gql(yoga, getIntrospectionQuery({ descriptions: true }));
    expect(r.errors).toBeUndefined();
    const types = (r.data?.__schema as { types: unknown[] } | undefined)?.types ?? [];
    expect(types.length).toBeGreaterThan(40);
  });

  it("refuses deep nesting", async () => {
    let inner = "id";
    for (let i = 0; i < 6; i++) inner = `proposals(first: 1) { community { ${inner} } }`;
    const r = await gql(yoga, `{ communities(first: 1) { ${inner} } }`);
    expect(r.errors?.map((e) => e.message)).toEqual([
      "Syntax Error: Query depth limit of 10 exceeded, found 14.",
    ]);
    await stillServing();
  });

  it("refuses too many aliases, and thousands of them by their token count", async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: _meta { deployment }`).join(" ")} }`;
    const ok = await gql(yoga, aliases(30));
    expect(ok.errors).toBeUndefined();
    const over = await gql(yoga, aliases(31));
    expect(over.errors?.map((e) => e.message)).toEqual([
      "Syntax Error: Aliases limit of 30 exceeded, found 31.",
    ]);
    const thousands = await gql(yoga, aliases(1500));
    expect(thousands.errors?.map((e) => e.message)).toEqual([
      "Syntax Error: Token limit of 4000 exceeded.",
    ]);
    await stillServing();
  });

  it("refuses first: 1000000 and a skip beyond its cap", async () => {
    const r = await gql(yoga, "{ members(first: 1000000) { id } }");
    expect(r.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      ["The `first` argument must be between 0 and 1000, but is 1000000.", "FIRST_OUT_OF_RANGE"],
    ]);
    const viaVariable = await gql(yoga, "query ($n: Int) { members(first: $n) { id } }", {
      n: 1_000_000,
    });
    expect(viaVariable.errors?.[0]?.extensions?.code).toBe("FIRST_OUT_OF_RANGE");
    const skip = await gql(yoga, "{ members(skip: 100000) { id } }");
    expect(skip.errors?.[0]?.message).toBe(
      "The `skip` argument must be between 0 and 5000, but is 100000. Page deeper with `where: { id_gt: <last id> }`.",
    );
    await stillServing();
  });

  it("refuses costly nesting: first multiplied along the path", async () => {
    const r = await gql(yoga, "{ proposals(first: 1000) { ballots(first: 100) { id } } }");
    expect(r.errors?.map((e) => [e.message, e.extensions?.code])).toEqual([
      [
        "Query cost 101000 exceeds the limit of 50000: the cost counts the rows a query may return (each list's `first`, default 100, multiplied along the nesting). Ask for smaller pages.",
        "QUERY_TOO_COSTLY",
      ],
    ]);
    // Variables count too, and fragments are followed.
    const viaFragment = await gql(
      yoga,
      "query ($n: Int) { proposals(first: $n) { ...B } } fragment B on Proposal { ballots(first: 500) { id } }",
      { n: 200 },
    );
    expect(viaFragment.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COSTLY");
    const fits = await gql(yoga, "{ proposals(first: 100) { ballots(first: 100) { id } } }");
    expect(fits.errors).toBeUndefined();
    await stillServing();
  });

  it("refuses malformed where arguments with the reason", async () => {
    const unknown = await gql(yoga, "{ members(where: { nonsense: 1 }) { id } }");
    expect(unknown.errors?.[0]?.message).toBe(
      'Field "nonsense" is not defined by type "Member_filter".',
    );
    const notInteger = await gql(yoga, '{ members(where: { weight_gt: "1.5" }) { id } }');
    expect(notInteger.errors?.[0]?.message).toContain('BigInt cannot represent "1.5".');
    const float = await gql(yoga, "{ members(where: { weight_gt: 1.5 }) { id } }");
    expect(float.errors?.[0]?.message).toContain(
      "BigInt takes a decimal string or an integer literal.",
    );
    const badBytes = await gql(yoga, '{ proposals(where: { metadataHash: "0xz" }) { id } }');
    expect(badBytes.errors?.[0]?.message).toContain(
      "Bytes must be 0x-prefixed hex with whole bytes",
    );
    const nullNested = await gql(yoga, "{ ballots(where: { proposal_: null }) { id } }");
    expect(nullNested.errors?.[0]?.message).toBe("proposal_ cannot be null.");
    const nullRange = await gql(yoga, "{ members(where: { weight_gt: null }) { id } }");
    expect(nullRange.errors?.[0]?.message).toBe("weight_gt cannot be null.");
    await stillServing();
  });

  it("refuses huge bodies, with or without a content-length", async () => {
    const query = `{ _meta { deployment } } # ${"x".repeat(1_000_000)}`;
    const sized = await fetchOf(yoga)("http://api.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query }),
    });
    expect(sized.status).toBe(413);
    expect(await sized.json()).toEqual({
      errors: [
        {
          message: "Request body exceeds the limit of 65536 bytes.",
          extensions: { code: "BODY_TOO_LARGE" },
        },
      ],
    });
    const bytes = new TextEncoder().encode(JSON.stringify({ query }));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 16_384)
          controller.enqueue(bytes.slice(i, i + 16_384));
        controller.close();
      },
    });
    const chunked = await fetchOf(yoga)("http://api.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
    await stillServing();
  });

  it("production masks internal errors and field suggestions; development shows them", async () => {
    const broken = {
      query: async () => {
        throw new Error("connect ECONNREFUSED db.internal:5432");
      },
    };
    const production = createGraphQL({ store: broken, production: true });
    const masked = await gql(production, "{ members { id } }");
    expect(masked.errors?.map((e) => e.message)).toEqual(["Unexpected error."]);
    const development = createGraphQL({ store: broken });
    const shown = await gql(development, "{ members { id } }");
    expect(shown.errors?.[0]?.message).toBe("connect ECONNREFUSED db.internal:5432");
    // Our own errors stay readable in production.
    const prod = createGraphQL({ store, production: true });
    const first = await gql(prod, "{ members(first: 5000) { id } }");
    expect(first.errors?.[0]?.extensions?.code).toBe("FIRST_OUT_OF_RANGE");
    const typo = await gql(prod, "{ membrs { id } }");
    expect(typo.errors?.[0]?.message).toBe(
      'Cannot query field "membrs" on type "Query". [Suggestion hidden]',
    );
    const typoDev = await gql(yoga, "{ membrs { id } }");
    expect(typoDev.errors?.[0]?.message).toContain("Did you mean");
  });

  it("the server's plugin hook can refuse a client (rate limits)", async () => {
    const limited = createGraphQL({
      store,
      plugins: [
        {
          onRequest({ request, endResponse }) {
            if (request.headers.get("x-client") === "greedy") {
              endResponse(new Response("slow down", { status: 429 }));
            }
          },
        },
      ],
    });
    const refused = await fetchOf(limited)("http://api.test/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", "x-client": "greedy" },
      body: JSON.stringify({ query: "{ _meta { deployment } }" }),
    });
    expect(refused.status).toBe(429);
    const served = await gql(limited, `{ proposal(id: "${P1}") { mode } }`);
    expect(served.data).toEqual({ proposal: { mode: "single" } });
  });
});
