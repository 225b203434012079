import { Fragment, useMemo, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from './markdown-blocks.js';

function inlines(nodes: Inline[]): ReactNode {
  return nodes.map((node, index) => {
    switch (node.kind) {
      case 'text':
        return <Fragment key={index}>{node.text}</Fragment>;
      case 'strong':
        return <strong key={index}>{inlines(node.children)}</strong>;
      case 'em':
        return <em key={index}>{inlines(node.children)}</em>;
      case 'code':
        return <code key={index}>{node.text}</code>;
      case 'link':
        // Never followed inside the studio: the desktop shell opens allowed links in the system browser.
        return node.href ? (
          <a key={index} href={node.href} target="_blank" rel="noopener noreferrer" title={node.href}>
            {inlines(node.children)}
          </a>
        ) : (
          <span key={index} className="markdown-dead-link">
            {inlines(node.children)}
          </span>
        );
      case 'image':
        // Pictures are named, not loaded: a document must not reach out to the network.
        return (
          <span key={index} className="markdown-image" title={node.src}>
            [picture: {node.alt || node.src}]
          </span>
        );
    }
  });
}

function block(node: Block, index: number): ReactNode {
  switch (node.kind) {
    case 'heading': {
      const Tag = `h${node.level}` as const;
      return <Tag key={index}>{inlines(node.children)}</Tag>;
    }
    case 'paragraph':
      return <p key={index}>{inlines(node.children)}</p>;
    case 'list': {
      const items = node.items.map((item, i) => <li key={i}>{inlines(item)}</li>);
      return node.ordered ? <ol key={index}>{items}</ol> : <ul key={index}>{items}</ul>;
    }
    case 'quote':
      return <blockquote key={index}>{node.children.map(block)}</blockquote>;
    case 'code':
      return (
        <pre key={index}>
          <code>{node.text}</code>
        </pre>
      );
    case 'rule':
      return <hr key={index} />;
  }
}

export function MarkdownPreview({ markdown, label }: { markdown: string; label: string }) {
  const blocks = useMemo(() => parseMarkdown(markdown), [markdown]);
  return (
    <article className="markdown-preview" aria-label={label}>
      {blocks.length > 0 ? blocks.map(block) : <p className="inline-field-note">Nothing to preview yet.</p>}
    </article>
  );
}
