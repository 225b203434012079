import { parseMarkdown, type Block, type Inline } from '../write/markdown-blocks.js';

/**
 * The Write document as words to speak. A voice reads every character it is given
 * ("hash hash", "asterisk"), so the Markdown is read with the preview's own parser
 * and only the prose comes out: headings and list items become sentences of their
 * own, links keep their words and lose their addresses, code and pictures are left
 * out (nobody wants a code block read aloud).
 */
export function markdownToSpeech(markdown: string): string {
  return blocksToParagraphs(parseMarkdown(markdown)).join('\n\n');
}

function inlineText(nodes: readonly Inline[]): string {
  return nodes
    .map((node) => {
      switch (node.kind) {
        case 'text':
        case 'code':
          return node.text;
        case 'strong':
        case 'em':
        case 'link':
          return inlineText(node.children);
        case 'image':
          return '';
      }
    })
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A heading or list item has no full stop, so the voice would run it into the next line; this gives it one. */
function asSentence(text: string): string {
  return /[.!?…:;。！？]["'”’)\]]*$/.test(text) ? text : `${text}.`;
}

function blocksToParagraphs(blocks: readonly Block[]): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'heading':
      case 'paragraph': {
        const text = inlineText(block.children);
        if (text) out.push(block.kind === 'heading' ? asSentence(text) : text);
        break;
      }
      case 'list': {
        const items = block.items.map(inlineText).filter(Boolean).map(asSentence);
        if (items.length > 0) out.push(items.join(' '));
        break;
      }
      case 'quote':
        out.push(...blocksToParagraphs(block.children));
        break;
      case 'code':
      case 'rule':
        break;
    }
  }
  return out;
}
