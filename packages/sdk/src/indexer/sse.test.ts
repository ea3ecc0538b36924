import { describe, expect, it } from "vitest";
import { readServerSentEvents } from "./sse.ts";

/** A byte stream delivering `chunks` one by one, as the network may split them. */
function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

describe("readServerSentEvents", () => {
  it("reads events split anywhere across chunks, skipping comments and joining data lines", async () => {
    const events = [];
    for await (const event of readServerSentEvents(
      streamOf([
        ":\n\n",
        "event: ne",
        'xt\ndata: {"a":',
        "1}\r\n\r\n",
        "data: first\ndata:second\n\n",
        "event: complete\ndata:\n\n",
        "data: no blank line at the end",
      ]),
    )) {
      events.push(event);
    }
    expect(events).toEqual([
      { event: "next", data: '{"a":1}' },
      { event: "message", data: "first\nsecond" },
      { event: "complete", data: "" },
    ]);
  });
});
