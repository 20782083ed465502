/** A line of a tree and the lines under it. */
export interface TreeNode {
  text: string;
  children: TreeNode[];
}

export function node(text: string, children: TreeNode[] = []): TreeNode {
  return { text, children };
}

/** Draws nodes with box-drawing branches (├── │ └──), as `tree` and dig-style tools do. */
export function renderTree(nodes: readonly TreeNode[], indent = ''): string[] {
  const out: string[] = [];
  nodes.forEach((n, i) => {
    const last = i === nodes.length - 1;
    out.push(`${indent}${last ? '└── ' : '├── '}${n.text}`);
    out.push(...renderTree(n.children, indent + (last ? '    ' : '│   ')));
  });
  return out;
}

/** Roots are drawn flush left, their children as a tree. */
export function renderForest(roots: readonly TreeNode[], indent = ''): string[] {
  return roots.flatMap((r) => [`${indent}${r.text}`, ...renderTree(r.children, indent)]);
}
