import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseInline, parseMarkdown, safeHref, wordCount, type Block, type Inline } from '../../renderer/src/workspace/write/markdown-blocks.js';
import { applyFormatting, placeSuggestion } from '../../renderer/src/workspace/write/markdown-format.js';

/** Every piece of text the preview will hand React as a text node (React escapes those). */
function texts(blocks: Block[] | Inline[]): string[] {
  return blocks.flatMap((node): string[] => {
    if ('children' in node) return texts(node.children);
    if (node.kind === 'list') return node.items.flatMap(texts);
    if (node.kind === 'text' || node.kind === 'code') return [node.text];
    if (node.kind === 'image') return [node.alt];
    return [];
  });
}

describe('the Write tab’s Markdown preview', () => {
  test('reads headings, lists, quotes, code and rules', () => {
    const blocks = parseMarkdown(
      '# Title\n\nSome **bold** and _soft_ words.\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n\n```\nconst x = 1;\n```\n\n---',
    );
    assert.deepEqual(
      blocks.map((block) => block.kind),
      ['heading', 'paragraph', 'list', 'list', 'quote', 'code', 'rule'],
    );
    assert.deepEqual(blocks[0], { kind: 'heading', level: 1, children: [{ kind: 'text', text: 'Title' }] });
    assert.deepEqual(blocks[1], {
      kind: 'paragraph',
      children: [
        { kind: 'text', text: 'Some ' },
        { kind: 'strong', children: [{ kind: 'text', text: 'bold' }] },
        { kind: 'text', text: ' and ' },
        { kind: 'em', children: [{ kind: 'text', text: 'soft' }] },
        { kind: 'text', text: ' words.' },
      ],
    });
    assert.deepEqual(blocks[3], { kind: 'list', ordered: true, items: [[{ kind: 'text', text: 'first' }], [{ kind: 'text', text: 'second' }]] });
    assert.deepEqual(blocks[5], { kind: 'code', text: 'const x = 1;' });
  });

  test('a <script> or an event handler in the document stays text', () => {
    const source = '<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n**<b>bold</b>**';
    const blocks = parseMarkdown(source);
    // The tree has no node kind that could carry markup: the tags come out as plain text, whole.
    assert.deepEqual(
      blocks.map((b) => b.kind),
      ['paragraph', 'paragraph', 'paragraph'],
    );
    assert.deepEqual(texts(blocks), ['<script>alert(1)</script>', '<img src=x onerror="alert(2)">', '<b>bold</b>']);
  });

  test('only web and mail links become links; images are named, never loaded', () => {
    assert.equal(safeHref('https://example.org/a'), 'https://example.org/a');
    assert.deepEqual(parseInline('[Ship](https://en.wikipedia.org/wiki/Ship_(boat) "title")'), [
      { kind: 'link', href: 'https://en.wikipedia.org/wiki/Ship_(boat)', children: [{ kind: 'text', text: 'Ship' }] },
    ]);
    assert.equal(safeHref('mailto:a@b.c'), 'mailto:a@b.c');
    assert.equal(safeHref('javascript:alert(1)'), null);
    assert.equal(safeHref(' JavaScript:alert(1)'), null);
    assert.equal(safeHref('data:text/html,hi'), null);
    assert.equal(safeHref('file:///etc/passwd'), null);
    assert.deepEqual(parseInline('[safe](https://example.org) [evil](javascript:alert(1)) ![a cat](https://example.org/cat.png)'), [
      { kind: 'link', href: 'https://example.org', children: [{ kind: 'text', text: 'safe' }] },
      { kind: 'text', text: ' ' },
      { kind: 'link', href: null, children: [{ kind: 'text', text: 'evil' }] },
      { kind: 'text', text: ' ' },
      { kind: 'image', alt: 'a cat', src: 'https://example.org/cat.png' },
    ]);
  });

  test('unmatched markers and snake_case stay as typed', () => {
    assert.deepEqual(parseInline('a * b and snake_case_name'), [{ kind: 'text', text: 'a * b and snake_case_name' }]);
    assert.deepEqual(parseInline('\\*not em\\*'), [{ kind: 'text', text: '*not em*' }]);
  });

  test('counts words', () => {
    assert.equal(wordCount(''), 0);
    assert.equal(wordCount('# The keeper’s log\n\n- seven ships, before-dawn'), 6);
  });
});

describe('the Write tab’s formatting and suggestions', () => {
  test('Bold wraps the selection, and unwraps it when pressed again', () => {
    const bold = applyFormatting('a word here', 2, 6, 'bold');
    assert.deepEqual(bold, { text: 'a **word** here', start: 4, end: 8 });
    assert.deepEqual(applyFormatting(bold.text, bold.start, bold.end, 'bold'), { text: 'a word here', start: 2, end: 6 });
  });

  test('list buttons prefix every selected line and remove the prefix when all have it', () => {
    const text = 'one\ntwo\nthree';
    const numbered = applyFormatting(text, 0, text.length, 'numbers');
    assert.equal(numbered.text, '1. one\n2. two\n3. three');
    assert.equal(applyFormatting(numbered.text, 0, numbered.text.length, 'numbers').text, text);
    assert.equal(applyFormatting(text, 5, 5, 'bullets').text, 'one\n- two\nthree');
    assert.equal(applyFormatting('## Old', 0, 0, 'heading').text, 'Old');
  });

  test('a continuation joins with a space; a rewrite replaces the selection', () => {
    assert.equal(placeSuggestion('Once upon a time.', 0, 0, 'The end.', 'append').text, 'Once upon a time. The end.');
    assert.equal(placeSuggestion('Para.\n\n', 0, 0, 'Next.', 'append').text, 'Para.\n\nNext.');
    assert.deepEqual(placeSuggestion('a bad line here', 2, 10, 'good line', 'replace-selection'), { text: 'a good line here', start: 2, end: 11 });
    assert.equal(placeSuggestion('whole', 0, 0, 'new', 'replace-all').text, 'new');
    assert.equal(placeSuggestion('ab', 1, 1, 'X', 'insert').text, 'aXb');
  });
});
