// A Markdown document (one of the repository's docs) rendered to React elements on the server:
// GitHub-flavoured Markdown (headings, lists, code, tables, links), never raw HTML. Only server
// components import this module, so neither the parser nor this file reaches the browser's bundle.
import type { ComponentProps } from "react";
import Markdown, { defaultUrlTransform, type ExtraProps } from "react-markdown";
import remarkGfm from "remark-gfm";

/** Link targets kept as links: the web, mail, and anchors and paths on this site. */
const LINKABLE = /^(https?:|mailto:|#|\/)/i;

function DocLink({ href, children }: ComponentProps<"a">) {
  if (!href || !LINKABLE.test(href)) {
    // A repository-relative link (`../README.md`) means nothing under this site: show its text.
    return <span>{children}</span>;
  }
  const external = /^https?:/i.test(href);
  return (
    <a href={href} {...(external ? { rel: "noreferrer", target: "_blank" } : {})}>
      {children}
    </a>
  );
}

function DocTable({ node: _node, ...props }: ComponentProps<"table"> & ExtraProps) {
  // Wide tables scroll on their own at 360 px instead of widening the page.
  return (
    <div className="table-wrap">
      <table {...props} />
    </div>
  );
}

/**
 * Renders `source` (Markdown) as HTML elements. Raw HTML in the source is dropped, not rendered, and
 * link targets pass react-markdown's URL filter (no `javascript:`), so the page needs no inline script
 * or style and keeps to the nonce-based Content-Security-Policy.
 * @example
 * <MarkdownDocument source={"# Title\n\nSome *text*."} />
 */
export function MarkdownDocument({ source }: { source: string }) {
  return (
    <Markdown
      remarkPlugins={[remarkGfm]}
      skipHtml
      urlTransform={defaultUrlTransform}
      components={{ a: DocLink, table: DocTable }}
    >
      {source}
    </Markdown>
  );
}
