"use client";
// A quadratic ballot: votes per option, with the credits meter; an allocation over budget is refused
// here, with the numbers, before anything is sent.
import { useId, useState } from "react";
import type { Address } from "viem";
import type { ProposalView } from "../proposals/proposalView.ts";
import { CreditsMeter } from "./CreditsMeter.tsx";
import { quadraticBudget } from "./quadraticBudget.ts";

/**
 * Number inputs per option, the meter and the submit button.
 * @example
 * <QuadraticForm proposal={proposal} credits={25n} voter={address} current={[3, 4, 0, 0]} busy={false} onSubmit={send} />
 */
export function QuadraticForm({
  proposal,
  credits,
  voter,
  current,
  busy,
  onSubmit,
}: {
  proposal: ProposalView;
  credits: bigint;
  voter: Address;
  current: readonly number[] | undefined;
  busy: boolean;
  onSubmit: (votes: bigint[]) => void;
}) {
  const id = useId();
  const [votes, setVotes] = useState<string[]>(() =>
    proposal.labels.map((_, i) => String(current?.[i] ?? 0)),
  );
  const [refused, setRefused] = useState<string | undefined>();
  const parsed = votes.map((v) => (/^\d+$/.test(v.trim()) ? BigInt(v.trim()) : undefined));
  const valid = parsed.every((v) => v !== undefined);
  const budget = quadraticBudget(
    parsed.map((v) => v ?? 0n),
    credits,
    voter,
  );
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!valid) {
          setRefused("Votes must be whole numbers of 0 or more.");
          return;
        }
        if (budget.refusal) {
          setRefused(`Not sent: ${budget.refusal}.`);
          return;
        }
        setRefused(undefined);
        onSubmit(parsed as bigint[]);
      }}
    >
      <fieldset>
        <legend>Your allocation (each option costs votes²)</legend>
        <div className="options">
          {proposal.labels.map((label, index) => (
            <div className="qv-row" key={label}>
              <label htmlFor={`${id}-${index}`}>{label}</label>
              <input
                id={`${id}-${index}`}
                type="number"
                inputMode="numeric"
                min={0}
                step={1}
                value={votes[index]}
                aria-invalid={parsed[index] === undefined}
                onChange={(event) => {
                  const next = [...votes];
                  next[index] = event.target.value;
                  setVotes(next);
                  setRefused(undefined);
                }}
              />
              <span className="muted num">costs {String((parsed[index] ?? 0n) ** 2n)}</span>
            </div>
          ))}
        </div>
        <CreditsMeter budget={budget} />
      </fieldset>
      {refused && (
        <p role="alert" className="error-text" data-testid="refused">
          {refused}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy}>
        {current === undefined ? "Vote" : "Change vote"}
      </button>
    </form>
  );
}
