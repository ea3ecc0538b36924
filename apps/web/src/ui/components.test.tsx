// Component tests: the tally bars and the credits meter rendered to HTML (react-dom/server).
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CreditsMeter } from "../ballot/CreditsMeter.tsx";
import { quadraticBudget } from "../ballot/quadraticBudget.ts";
import { formatMoment } from "../format/time.ts";
import { TentativeLabel } from "../proposal/TentativeLabel.tsx";
import { TallyBars } from "./TallyBars.tsx";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();

describe("TallyBars", () => {
  it("<TallyBars> gives every value as text and names the leader in words", () => {
    const html = renderToStaticMarkup(
      <TallyBars
        caption="Tally of proposal 1"
        labels={["Against", "For"]}
        tallies={["10", "77"]}
        abstain="2"
        mode="single"
        leader={1}
      />,
    );
    expect(html).toContain('aria-label="Tally of proposal 1"');
    expect(text(html)).toContain("Against 10 For (leading) 77 ▲ Abstain 2");
    // The bars themselves are hidden from assistive technology: the text carries the values.
    expect(html.match(/tally-track" aria-hidden="true"/g)).toHaveLength(3);
  });
  it("<TallyBars> shows quadratic masses as decimals", () => {
    const html = renderToStaticMarkup(
      <TallyBars
        caption="Tally"
        labels={["A", "B"]}
        tallies={["14890000000", "0"]}
        abstain="0"
        mode="quadratic"
        leader={0}
      />,
    );
    expect(text(html)).toContain("A (leading) 14.89");
  });
  it("<TallyBars> draws each bar as a percentage of the largest value", () => {
    const html = renderToStaticMarkup(
      <TallyBars
        caption="Tally"
        labels={["Against", "For"]}
        tallies={["10", "77"]}
        abstain="2"
        mode="single"
        leader={1}
      />,
    );
    // 10 / 77 = 12.98…% (rounded down to a tenth), 77 / 77 = 100%, 2 / 77 = 2.59…%.
    expect(html.match(/width:[\d.]+%/g)).toEqual(["width:12.9%", "width:100%", "width:2.5%"]);
    // The leader is marked in words and with a glyph, not by colour alone.
    expect(html).toContain('<span class="visually-hidden"> (leading)</span>');
    expect(html).toContain('<span aria-hidden="true" title="leading"> ▲</span>');
  });
  it("<TallyBars> with no votes: zeros as text, empty bars, no leader", () => {
    const html = renderToStaticMarkup(
      <TallyBars
        caption="Tally"
        labels={["Against", "For"]}
        tallies={["0", "0"]}
        abstain="0"
        mode="single"
        leader={null}
      />,
    );
    expect(text(html)).toBe("Tally Against 0 For 0 Abstain 0");
    expect(html.match(/width:[\d.]+%/g)).toEqual(["width:0%", "width:0%", "width:0%"]);
    expect(html).not.toContain("leading");
  });
  it("<TallyBars> shows every quadratic mass, abstain included, with two decimals", () => {
    const html = renderToStaticMarkup(
      <TallyBars
        caption="Tally"
        labels={["A", "B", "C"]}
        tallies={["1000000000", "1414213562", "0"]}
        abstain="1732050807"
        mode="quadratic"
        leader={null}
      />,
    );
    expect(text(html)).toBe("Tally A 1.00 B 1.41 C 0.00 Abstain 1.73");
  });
  it("<TallyBars> names an option without a label by its number", () => {
    const html = renderToStaticMarkup(
      <TallyBars
        caption="Tally"
        labels={["Yes"]}
        tallies={["1", "2"]}
        abstain="0"
        mode="single"
        leader={null}
      />,
    );
    expect(text(html)).toBe("Tally Yes 1 Option 2 2 Abstain 0");
  });
});

describe("TentativeLabel", () => {
  const voteEnd = 1_760_000_000n;
  it("is tentative while voting is open, until the deadline", () => {
    const html = renderToStaticMarkup(
      <TentativeLabel block="42" finalized={false} voteEnd={voteEnd} now={voteEnd - 1n} />,
    );
    expect(text(html)).toBe(
      `As of block 42 , tentative : may still change until ${formatMoment(voteEnd)}.`,
    );
    expect(html).toContain("<strong>tentative</strong>");
  });
  it("says voting is over but not yet final while the block can be reorganised", () => {
    const html = renderToStaticMarkup(
      <TentativeLabel block="42" finalized={false} voteEnd={voteEnd} now={voteEnd} />,
    );
    expect(text(html)).toBe(
      "As of block 42 , voting is over; final once block 42 can no longer be reorganised.",
    );
  });
  it("is final once voting is over and the block is finalized", () => {
    const html = renderToStaticMarkup(
      <TentativeLabel block="42" finalized voteEnd={voteEnd} now={voteEnd + 60n} />,
    );
    expect(text(html)).toBe("As of block 42 , final .");
    expect(html).toContain("<strong>final</strong>");
  });
  it("stays tentative while the chain's time is unknown, even on a finalized block", () => {
    const html = renderToStaticMarkup(
      <TentativeLabel block="42" finalized voteEnd={voteEnd} now={undefined} />,
    );
    expect(text(html)).toContain("tentative : may still change until");
  });
});

describe("CreditsMeter", () => {
  const voter = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
  it("<CreditsMeter> shows cost, credits and what is left", () => {
    const html = renderToStaticMarkup(
      <CreditsMeter budget={quadraticBudget([1n, 1n], 3n, voter)} />,
    );
    expect(text(html)).toContain("Credits: 2 of 3 used, 1 left");
    expect(html).not.toContain('role="alert"');
  });
  it("<CreditsMeter> refuses an allocation over budget with the numbers", () => {
    const html = renderToStaticMarkup(<CreditsMeter budget={quadraticBudget([2n], 3n, voter)} />);
    expect(html).toContain('role="alert"');
    expect(text(html)).toContain("Over budget: quadratic ballot costs 4 credits, you have 3.");
  });
  it("<CreditsMeter> costs Σ v²: 3² + 4² = 25 spends all 25 credits", () => {
    const html = renderToStaticMarkup(
      <CreditsMeter budget={quadraticBudget([3n, 4n], 25n, voter)} />,
    );
    expect(text(html)).toBe("Credits: 25 of 25 used, 0 left");
    expect(html).toContain('value="25"');
    expect(html).not.toContain('role="alert"');
  });
  it("<CreditsMeter> refuses 7² = 49 against 25 with the SDK's numbers, the meter held at full", () => {
    const html = renderToStaticMarkup(
      <CreditsMeter budget={quadraticBudget([7n, 0n], 25n, voter)} />,
    );
    expect(text(html)).toBe(
      "Credits: 49 of 25 used, 0 left Over budget: quadratic ballot costs 49 credits, you have 25. Lower some votes.",
    );
    expect(html).toContain('max="25"');
    expect(html).toContain('value="25"');
    expect(html).toContain('data-testid="over-budget"');
  });
  it("<CreditsMeter> with nothing allocated: 0 used, all left", () => {
    const html = renderToStaticMarkup(
      <CreditsMeter budget={quadraticBudget([0n, 0n, 0n], 3n, voter)} />,
    );
    expect(text(html)).toBe("Credits: 0 of 3 used, 3 left");
  });
});
