// Test helpers: run a GraphQL request through a yoga instance's fetch handler, and count statements.
import type { Database } from "../../src/store/database.ts";

export interface GqlResult {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

type Fetch = (input: string, init: RequestInit) => Response | Promise<Response>;

/** Calls a yoga instance's fetch handler (its overloads accept a URL string and an init). */
export function fetchOf(yoga: { fetch: unknown }): Fetch {
  return yoga.fetch as Fetch;
}

/** POSTs `query` to /graphql and returns the status and JSON body. */
export async function gql(
  yoga: { fetch: unknown },
  query: string,
  variables?: Record<string, unknown>,
): Promise<GqlResult> {
  const response = await fetchOf(yoga)("http://api.test/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GqlResult, "status">;
  return { status: response.status, ...body };
}

/** A `query` wrapper that counts the statements the API runs. */
export function counting(db: Pick<Database, "query">) {
  const counter = {
    statements: 0,
    query: ((statement, on) => {
      counter.statements++;
      return db.query(statement, on);
    }) as Database["query"],
  };
  return counter;
}
