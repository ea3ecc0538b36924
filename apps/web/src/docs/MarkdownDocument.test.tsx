// The Markdown renderer of the repository's docs: structure, and nothing unsafe gets through.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownDocument } from "./MarkdownDocument.tsx";

const render = (source: string) => renderToStaticMarkup(<MarkdownDocument source={source} />);

describe("MarkdownDocument", () => {
  it("renders headings, lists, emphasis and inline code", () => {
    const html = render(
      "# Title\n\n## Part\n\n1. **One** uses `code`\n   - nested _item_\n2. Two\n",
    );
    expect(html).toContain("<h1>Title</h1>");
    expect(html).toContain("<h2>Part</h2>");
    expect(html).toContain("<ol>");
    expect(html).toContain("<strong>One</strong> uses <code>code</code>");
    expect(html).toContain("<ul>\n<li>nested <em>item</em></li>\n</ul>");
  });

  it("renders fenced code and GFM tables (wrapped so they scroll)", () => {
    const html = render(
      "```sh\nplenum vote --anonymous\n```\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n",
    );
    expect(html).toContain('<pre><code class="language-sh">plenum vote --anonymous\n</code></pre>');
    expect(html).toContain('<div class="table-wrap"><table>');
    expect(html).toContain("<th>a</th>");
    expect(html).toContain("<td>2</td>");
  });

  it("links to the web open apart; repository-relative links become text", () => {
    const html = render("[site](https://example.org/x) and [readme](../README.md) and [top](#top)");
    expect(html).toContain(
      '<a href="https://example.org/x" rel="noreferrer" target="_blank">site</a>',
    );
    expect(html).toContain("<span>readme</span>");
    expect(html).toContain('<a href="#top">top</a>');
  });

  it("drops raw HTML and javascript: links", () => {
    const html = render(
      '<script>alert(1)</script>\n\nText <img src=x onerror="alert(1)"> here [x](javascript:alert(1))\n',
    );
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("onerror");
    expect(html).not.toContain("javascript:");
  });
});
