// Builds the tree of members below one member from delegation edges (who delegates to whom in one
// topic), for drawing. Only the shape: which mass a voter carries is the SDK engine's business.

/** One node of a drawn delegation tree. */
export interface TreeNode {
  /** A stable key (a CAIP-10 id or an address). */
  id: string;
  /** What the node shows first (a short address). */
  label: string;
  /** The member's role in words ("you", "voter", "delegates to you"). */
  role: string;
  /** A number beside it ("3 votes", "mass 3"). */
  detail?: string | undefined;
  children: readonly TreeNode[];
}

/** A delegation edge: `delegator` delegates to `delegate`, with the delegator's weight. */
export interface DelegationEdge {
  delegator: string;
  delegate: string;
  /** The delegator's weight, if known. */
  weight?: string | undefined;
}

/** How {@link treeBelow} names and describes a member. */
export interface TreeWords {
  label: (id: string) => string;
  role: (id: string, depth: number) => string;
  detail: (id: string, weight: string | undefined) => string | undefined;
}

/**
 * The tree of members whose delegation chains lead to `root`, from the edges of one topic. Children
 * are sorted by label; an edge that would revisit a member (only possible in corrupt data) is dropped.
 * @example
 * treeBelow("a", [{ delegator: "b", delegate: "a", weight: "3" }], words)
 * // { id: "a", …, children: [{ id: "b", …, children: [] }] }
 */
export function treeBelow(
  root: string,
  edges: readonly DelegationEdge[],
  words: TreeWords,
  rootWeight?: string,
): TreeNode {
  const key = (id: string) => id.toLowerCase();
  const below = new Map<string, DelegationEdge[]>();
  for (const edge of edges) {
    const list = below.get(key(edge.delegate)) ?? [];
    list.push(edge);
    below.set(key(edge.delegate), list);
  }
  const seen = new Set<string>([key(root)]);
  const build = (id: string, weight: string | undefined, depth: number): TreeNode => {
    const children: TreeNode[] = [];
    for (const edge of below.get(key(id)) ?? []) {
      if (seen.has(key(edge.delegator))) continue;
      seen.add(key(edge.delegator));
      children.push(build(edge.delegator, edge.weight, depth + 1));
    }
    children.sort((a, b) => a.label.localeCompare(b.label));
    return {
      id,
      label: words.label(id),
      role: words.role(id, depth),
      detail: words.detail(id, weight),
      children,
    };
  };
  return build(root, rootWeight, 0);
}

/**
 * How many members a tree holds below its root.
 * @example
 * countBelow({ id: "a", label: "a", role: "you", children: [] }) // 0
 */
export function countBelow(node: TreeNode): number {
  return node.children.reduce((sum, child) => sum + 1 + countBelow(child), 0);
}
