"use client";
// A single-choice ballot: one option or abstain, as a radio group.
import { RadioGroup } from "radix-ui";
import { useId, useState } from "react";
import type { ProposalView } from "../proposals/proposalView.ts";

/** A single-choice ballot: an option index or abstain. */
export type SingleChoice = number | "abstain";

/**
 * The options to choose from and the submit button.
 * @example
 * <SingleChoiceForm proposal={proposal} current={1} busy={false} onSubmit={(choice) => vote(choice)} />
 */
export function SingleChoiceForm({
  proposal,
  current,
  busy,
  onSubmit,
}: {
  proposal: ProposalView;
  current: SingleChoice | undefined;
  busy: boolean;
  onSubmit: (choice: SingleChoice) => void;
}) {
  const id = useId();
  const [choice, setChoice] = useState<string>(current === undefined ? "" : String(current));
  const choices = [
    ...proposal.labels.map((label, index) => ({ value: String(index), label })),
    { value: "abstain", label: "Abstain" },
  ];
  const changed = choice !== "" && choice !== String(current);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (choice) onSubmit(choice === "abstain" ? "abstain" : Number(choice));
      }}
    >
      <fieldset>
        <legend id={`${id}-legend`}>Your choice</legend>
        <RadioGroup.Root
          className="options"
          value={choice}
          onValueChange={setChoice}
          aria-labelledby={`${id}-legend`}
        >
          {choices.map((c) => (
            <div className="option" key={c.value}>
              <RadioGroup.Item className="option-radio" value={c.value} id={`${id}-${c.value}`}>
                <RadioGroup.Indicator className="option-radio-dot" />
              </RadioGroup.Item>
              <label htmlFor={`${id}-${c.value}`}>
                {c.label}
                {String(current) === c.value && (
                  <span className="muted"> (your current ballot)</span>
                )}
              </label>
            </div>
          ))}
        </RadioGroup.Root>
      </fieldset>
      <button type="submit" className="button button-primary" disabled={busy || !changed}>
        {current === undefined ? "Vote" : "Change vote"}
      </button>
    </form>
  );
}
