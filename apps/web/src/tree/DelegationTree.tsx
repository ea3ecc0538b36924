"use client";
// A delegation tree drawn with CSS connectors on a nested list: the drawing and its text equivalent
// are one and the same markup. It is an ARIA tree (one tab stop; arrows move, Right/Left open and
// close a branch or go to its first child / parent, Home/End, Enter toggles), so screen readers
// announce each member's level and role; on a narrow screen it scrolls sideways.
import { type KeyboardEvent, useRef, useState } from "react";
import type { TreeNode } from "./forest.ts";
import "./tree.css";

interface Visible {
  node: TreeNode;
  level: number;
  parent: string | undefined;
}

function visibleNodes(root: TreeNode, collapsed: ReadonlySet<string>): Visible[] {
  const out: Visible[] = [];
  const walk = (node: TreeNode, level: number, parent: string | undefined) => {
    out.push({ node, level, parent });
    if (!collapsed.has(node.id)) for (const child of node.children) walk(child, level + 1, node.id);
  };
  walk(root, 1, undefined);
  return out;
}

/**
 * Draws a tree of members (the root on top, those below it indented with connector lines).
 * @example
 * <DelegationTree label="Members who delegate General to you" root={treeBelow(me, edges, words)} />
 */
export function DelegationTree({ label, root }: { label: string; root: TreeNode }) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [active, setActive] = useState(root.id);
  const items = useRef(new Map<string, HTMLLIElement>());
  const visible = visibleNodes(root, collapsed);
  const current = visible.some((v) => v.node.id === active) ? active : root.id;

  const focus = (id: string) => {
    setActive(id);
    items.current.get(id)?.focus();
  };
  const toggle = (id: string, open: boolean) => {
    const next = new Set(collapsed);
    if (open) next.delete(id);
    else next.add(id);
    setCollapsed(next);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const at = visible.findIndex((v) => v.node.id === current);
    const here = visible[at];
    if (!here) return;
    const open = here.node.children.length > 0 && !collapsed.has(here.node.id);
    const go = (v: Visible | undefined) => v && focus(v.node.id);
    switch (event.key) {
      case "ArrowDown":
        go(visible[at + 1]);
        break;
      case "ArrowUp":
        go(visible[at - 1]);
        break;
      case "Home":
        go(visible[0]);
        break;
      case "End":
        go(visible.at(-1));
        break;
      case "ArrowRight":
        if (here.node.children.length === 0) return;
        if (open) go(visible[at + 1]);
        else toggle(here.node.id, true);
        break;
      case "ArrowLeft":
        if (open) toggle(here.node.id, false);
        else if (here.parent) focus(here.parent);
        break;
      case "Enter":
      case " ":
        if (here.node.children.length === 0) return;
        toggle(here.node.id, !open);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  const render = (node: TreeNode, level: number) => {
    const branch = node.children.length > 0;
    const open = branch && !collapsed.has(node.id);
    return (
      <li
        key={node.id}
        role="treeitem"
        aria-level={level}
        aria-expanded={branch ? open : undefined}
        aria-selected={node.id === current}
        tabIndex={node.id === current ? 0 : -1}
        ref={(element) => {
          if (element) items.current.set(node.id, element);
          else items.current.delete(node.id);
        }}
        onFocus={(event) => {
          if (event.target === event.currentTarget) setActive(node.id);
        }}
      >
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
        {open && (
          // biome-ignore lint/a11y/useSemanticElements: the ARIA tree pattern's branch is a list with role group, not a fieldset.
          <ul role="group">{node.children.map((child) => render(child, level + 1))}</ul>
        )}
      </li>
    );
  };

  return (
    <div className="dtree-scroll">
      {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA tree pattern on nested lists keeps the nesting readable without scripts. */}
      <ul className="dtree" role="tree" aria-label={label} onKeyDown={onKeyDown}>
        {render(root, 1)}
      </ul>
    </div>
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
