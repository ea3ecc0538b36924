// The quadratic credits meter: cost Σ v² against the member's credits, what is left, and the refusal
// with its numbers when the allocation costs too much.
import type { QuadraticBudget } from "./quadraticBudget.ts";

/**
 * Shows a quadratic allocation's cost.
 * @example
 * <CreditsMeter budget={quadraticBudget([3n, 4n], 25n, voter)} />
 */
export function CreditsMeter({ budget }: { budget: QuadraticBudget }) {
  const max = budget.credits === 0n ? 1n : budget.credits;
  return (
    <div className="meter">
      <label htmlFor="credits-meter">
        Credits: <strong className="num">{String(budget.cost)}</strong> of{" "}
        <span className="num">{String(budget.credits)}</span> used,{" "}
        <span className="num">{String(budget.left)}</span> left
      </label>
      <meter
        id="credits-meter"
        min={0}
        max={Number(max)}
        high={Number(max)}
        value={Number(budget.cost > max ? max : budget.cost)}
      />
      {budget.refusal && (
        <p role="alert" className="error-text" data-testid="over-budget">
          Over budget: {budget.refusal}. Lower some votes.
        </p>
      )}
    </div>
  );
}
