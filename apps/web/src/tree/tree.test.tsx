// Component tests: the delegation tree, the chain upward, the cycle explanation and the "why this
// tally" words, rendered to HTML (react-dom/server) for a small known forest.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { chainEnd } from "../delegation/chainEnd.ts";
import { cyclePath, cycleText } from "../delegation/cycle.ts";
import { carriedTree } from "../explain/carriedTree.ts";
import { explanationSentence } from "../explain/explanationText.ts";
import { carriedText } from "../proposal/BallotList.tsx";
import { DelegationChain, DelegationTree } from "./DelegationTree.tsx";
import { countBelow, treeBelow } from "./forest.ts";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

const A = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const B = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const C = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const D = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const E = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";
const short = (a: string) => `${a.slice(0, 6)}…${a.slice(-4)}`;
const words = {
  label: short,
  role: (_id: string, depth: number) => (depth === 0 ? "you" : "below"),
  detail: (_id: string, weight: string | undefined) => (weight ? `${weight} votes` : undefined),
};
// B and C delegate to A, D to B; E delegates to D in another forest that never reaches A.
const forest = [
  { delegator: C, delegate: A, weight: "2" },
  { delegator: B, delegate: A, weight: "3" },
  { delegator: D, delegate: B, weight: "1" },
];

describe("DelegationTree", () => {
  it("draws a small forest as an ARIA tree (nested lists) with roles, levels and weights", () => {
    const root = treeBelow(A, forest, words, "5");
    expect(countBelow(root)).toBe(3);
    const html = renderToStaticMarkup(<DelegationTree label="Below you" root={root} />);
    expect(html).toContain('<ul class="dtree" role="tree" aria-label="Below you">');
    // One tab stop (the root); arrows move between the others. Levels and branches for screen readers.
    expect(html.match(/tabindex="0"/g)).toHaveLength(1);
    expect(html.match(/tabindex="-1"/g)).toHaveLength(3);
    expect(html.match(/role="treeitem" aria-level="2" aria-expanded="true"/g)).toHaveLength(1);
    expect(html.match(/role="treeitem" aria-level="3"/g)).toHaveLength(1);
    expect(html.match(/role="group"/g)).toHaveLength(2);
    expect(text(html)).toBe(
      "0x7099…79C8 you 5 votes 0x3C44…93BC below 3 votes 0x15d3…6A65 below 1 votes 0x90F7…b906 below 2 votes",
    );
    // B's subtree (D) is nested inside B's item.
    expect(html).toContain(`title="${D}"`);
    expect(html.match(/<ul/g)).toHaveLength(3);
  });

  it("a member nobody delegates to has no children; edges of other trees are ignored", () => {
    const root = treeBelow(E, forest, words);
    expect(countBelow(root)).toBe(0);
    expect(text(renderToStaticMarkup(<DelegationTree label="x" root={root} />))).toBe(
      "0x9965…A4dc you",
    );
  });

  it("corrupt edges that loop draw every member once", () => {
    const loop = [
      { delegator: B, delegate: A },
      { delegator: A, delegate: B },
    ];
    const root = treeBelow(A, loop, words);
    expect(text(renderToStaticMarkup(<DelegationTree label="x" root={root} />))).toBe(
      "0x7099…79C8 you 0x3C44…93BC below",
    );
  });
});

describe("DelegationChain", () => {
  it("draws me → delegate → end and says why it stops", () => {
    const html = renderToStaticMarkup(
      <DelegationChain
        label="Chain"
        steps={[
          { id: A, label: short(A), role: "you" },
          { id: B, label: short(B), role: "end of chain" },
        ]}
        end={chainEnd([B], true, "General")}
      />,
    );
    expect(html).toContain('<ol class="dchain" aria-label="Chain">');
    expect(text(html)).toBe(
      "0x7099…79C8 you 0x3C44…93BC end of chain The chain ends at 0x3C44…93BC, who delegates to nobody in General: on each proposal, the first on this chain who votes carries you.",
    );
  });
  it("says when I delegate to nobody, and when the chain ends at a non-member", () => {
    expect(chainEnd([], undefined, "Budget")).toBe(
      "You delegate to nobody in Budget: your own ballot carries your mass and everyone's below you.",
    );
    expect(chainEnd([B, C], false, "Budget")).toBe(
      "The chain stops at 0x90F7…b906, who is not a member: mass that reaches them is not counted.",
    );
  });
});

describe("cycle explanation", () => {
  it("names the path back to me", () => {
    const path = cyclePath(A, B, [C, A]);
    expect(path).toEqual([A, B, C, A]);
    expect(cycleText(path as string[], "General")).toBe(
      "Delegating General to 0x3C44…93BC would close a cycle: you (0x7099…79C8) → 0x3C44…93BC → 0x90F7…b906 → you. A chain must end at someone who votes.",
    );
  });
  it("has no path when the chain does not come back", () => {
    expect(cyclePath(A, B, [C, D])).toBeUndefined();
  });
});

describe("why this tally", () => {
  it("draws the members a voter carries with their masses", () => {
    const root = carriedTree(
      {
        voter: `eip155:31337:${A.toLowerCase()}`,
        carried: "10",
        members: [
          { member: `eip155:31337:${A.toLowerCase()}`, mass: "5" },
          { member: `eip155:31337:${B.toLowerCase()}`, mass: "3" },
          { member: `eip155:31337:${D.toLowerCase()}`, mass: "2" },
        ],
      },
      "single",
    );
    const html = renderToStaticMarkup(<DelegationTree label="Carried" root={root} />);
    expect(text(html)).toBe(
      "0x7099…79C8 voter carries 10 in all (own 5) 0x3C44…93BC carried 3 0x15d3…6A65 carried 2",
    );
  });
  it("explains a member nobody carries (no voter on the chain) and one whose chain ends at a non-member", () => {
    const base = { member: A, carrier: null, path: [A, B], mass: "3" };
    expect(explanationSentence({ ...base, kind: "uncounted", reason: "no-voter" }, "single")).toBe(
      "0x7099…79C8's mass (3) is not counted yet: nobody on the delegation chain 0x7099…79C8 → 0x3C44…93BC has voted.",
    );
    expect(
      explanationSentence(
        { ...base, kind: "uncounted", reason: "chain-ends-at-non-member" },
        "single",
      ),
    ).toBe(
      "0x7099…79C8's mass (3) is not counted: the delegation chain 0x7099…79C8 → 0x3C44…93BC ends at someone who is not a member.",
    );
    expect(
      explanationSentence(
        { ...base, kind: "carried", carrier: B, path: [A, B], reason: null },
        "single",
      ),
    ).toBe(
      "0x7099…79C8's mass (3) goes along the delegation chain 0x7099…79C8 → 0x3C44…93BC to 0x3C44…93BC, who voted and carries it.",
    );
  });
});

describe("ballot list", () => {
  it("says what a voter carries: the total, and for how many others", () => {
    expect(carriedText({ carried: "19", others: 2 }, { mode: "single" })).toBe("19 (+2 members)");
    expect(carriedText({ carried: "3", others: 0 }, { mode: "single" })).toBe("3");
    expect(carriedText(undefined, { mode: "single" })).toBe("…");
  });
});
