import path from 'node:path';

/**
 * The targets of a Markdown page's links and images (`[x](target "title")`), decoded.
 * A target with a raw space ends at the space, so a link left unencoded fails to resolve.
 */
export function markdownLinks(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)/g)].map((m) => decodeURIComponent(m[1] as string));
}

/** Each link as a file path beside the page; throws on absolute links or ones that climb out. */
export function resolvePageLinks(pageFile: string, text: string): string[] {
  const dir = path.dirname(pageFile);
  return markdownLinks(text).map((link) => {
    if (/^[a-z]+:/i.test(link) || link.startsWith('/')) throw new Error(`not a relative link: ${link}`);
    const file = path.resolve(dir, link);
    if (!file.startsWith(dir + path.sep)) throw new Error(`link leaves the page's folder: ${link}`);
    return file;
  });
}
