"use client";
// "Why this tally": for any member, the path from them to the voter who carries them (or why nobody
// does); for a voter, the members they carry. Computed by the indexer with the SDK's tally engine.
import { useId, useState } from "react";
import { isAddress } from "viem";
import { useConnection } from "wagmi";
import { formatMass } from "../format/mass.ts";
import type { ProposalView } from "../proposals/proposalView.ts";
import { DelegationTree } from "../tree/DelegationTree.tsx";
import { carriedTree } from "./carriedTree.ts";
import { explanationSentence } from "./explanationText.ts";
import { useExplanation } from "./useExplanation.ts";

/**
 * The explanation panel of a public proposal.
 * @example
 * <WhyThisTally proposal={proposal} block={latest.blockNumber} />
 */
export function WhyThisTally({ proposal, block }: { proposal: ProposalView; block: string }) {
  const id = useId();
  const { address } = useConnection();
  const [input, setInput] = useState("");
  const [asked, setAsked] = useState<string | undefined>();
  const member = asked ?? address;
  const { data, error, isFetching } = useExplanation(proposal.proposalId, member, block);
  const invalid = input.trim() !== "" && !isAddress(input.trim(), { strict: false });
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Why this tally</h2>
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          if (!invalid && input.trim()) setAsked(input.trim());
        }}
      >
        <label htmlFor={`${id}-member`}>Member address</label>
        <input
          id={`${id}-member`}
          value={input}
          placeholder={address ?? "0x…"}
          onChange={(event) => setInput(event.target.value)}
          aria-invalid={invalid}
          aria-describedby={invalid ? `${id}-invalid` : undefined}
          size={44}
        />
        <button type="submit" className="button" disabled={invalid || !input.trim()}>
          Explain
        </button>
      </form>
      {invalid && (
        <p id={`${id}-invalid`} className="error-text">
          That is not an address.
        </p>
      )}
      <div aria-live="polite" data-testid="why">
        {!member && <p className="muted">Enter a member's address, or connect to see your own.</p>}
        {error && <p className="error-text">Could not explain: {error.message}</p>}
        {member && isFetching && !data && <p className="muted">Explaining…</p>}
        {data && (
          <>
            <p>{explanationSentence(data.explain, proposal.mode)}</p>
            {data.explain.kind === "voted" && data.carried.members.length > 1 && (
              <>
                <p>
                  Their ballot carries{" "}
                  <strong className="num">{formatMass(data.carried.carried, proposal.mode)}</strong>{" "}
                  in all, for these members:
                </p>
                <DelegationTree
                  label="Members this voter carries"
                  root={carriedTree(data.carried, proposal.mode)}
                />
              </>
            )}
            <p className="muted">As of block {data.blockNumber}.</p>
          </>
        )}
      </div>
    </section>
  );
}
