// Component tests: the tally bars and the credits meter rendered to HTML (react-dom/server).
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CreditsMeter } from "../ballot/CreditsMeter.tsx";
import { quadraticBudget } from "../ballot/quadraticBudget.ts";
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
});
