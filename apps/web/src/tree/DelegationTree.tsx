// A delegation tree drawn with CSS connectors on a nested list: the drawing and its text equivalent
// are one and the same markup, so screen readers read the nesting ("list, 2 items, level 2") and the
// roles in words, and it scrolls sideways inside a focusable region on a narrow screen.
import type { TreeNode } from "./forest.ts";
import "./tree.css";

function Node({ node }: { node: TreeNode }) {
  return (
    <li>
      <span className="dtree-node">
        <span className="hash nowrap" title={node.id}>
          {node.label}
        </span>{" "}
        <span className="dtree-role">{node.role}</span>
        {node.detail && (
          <>
            {" "}
            <span className="num dtree-detail">{node.detail}</span>
          </>
        )}
      </span>
      {node.children.length > 0 && (
        <ul>
          {node.children.map((child) => (
            <Node key={child.id} node={child} />
          ))}
        </ul>
      )}
    </li>
  );
}

/**
 * Draws a tree of members (the root on top, those below it indented with connector lines).
 * @example
 * <DelegationTree label="Members who delegate General to you" root={treeBelow(me, edges, words)} />
 */
export function DelegationTree({ label, root }: { label: string; root: TreeNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must take keyboard focus (WCAG 2.1.1).
    <section className="dtree-scroll" tabIndex={0} aria-label={label}>
      <ul className="dtree" aria-label={label}>
        <Node node={root} />
      </ul>
    </section>
  );
}

/** One step of a delegation chain upward. */
export interface ChainStep {
  id: string;
  label: string;
  role: string;
}

/**
 * Draws a delegation chain upward (me → my delegate → …) as an ordered list with arrows, and where
 * and why it stops.
 * @example
 * <DelegationChain label="Your chain in General" steps={steps} end="0x7099…79C8 delegates to nobody in General." />
 */
export function DelegationChain({
  label,
  steps,
  end,
}: {
  label: string;
  steps: readonly ChainStep[];
  end: string;
}) {
  return (
    <div className="dchain-wrap">
      <ol className="dchain" aria-label={label}>
        {steps.map((step) => (
          <li key={step.id}>
            <span className="dtree-node">
              <span className="hash nowrap" title={step.id}>
                {step.label}
              </span>{" "}
              <span className="dtree-role">{step.role}</span>
            </span>
          </li>
        ))}
      </ol>
      <p className="muted dchain-end">{end}</p>
    </div>
  );
}
