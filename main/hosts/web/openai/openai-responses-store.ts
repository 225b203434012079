/**
 * Responses kept for `previous_response_id`, `item_reference` and `GET /v1/responses/{id}`:
 * in memory only (a restart forgets them, as the docs say), the newest first out of a
 * bounded count and size, so a client that stores every call cannot grow the server.
 */

/** An item as the conversation holds it: a message, a function call or its output (input or output side). */
export type ConversationItem = { type: string; id?: string | null | undefined } & Record<string, unknown>;

interface StoredResponse {
  /** The response object as it was answered. */
  response: { id: string } & Record<string, unknown>;
  /** Everything the model saw and said: the previous response's conversation, this input, this output. */
  conversation: readonly ConversationItem[];
  /** This request's own input items, for `GET /v1/responses/{id}/input_items`. */
  input: readonly ConversationItem[];
}

const MAX_RESPONSES = 256;
/** Characters of JSON held in all: conversations repeat their history, so this bound is the one that matters. */
const MAX_CHARS = 64 * 1024 * 1024;

export class ResponseStore {
  private readonly responses = new Map<string, { stored: StoredResponse; chars: number }>();
  private chars = 0;

  put(stored: StoredResponse): void {
    const chars = JSON.stringify(stored).length;
    // One response larger than the whole store is answered but not kept.
    if (chars > MAX_CHARS) return;
    this.delete(stored.response.id);
    this.responses.set(stored.response.id, { stored, chars });
    this.chars += chars;
    for (const [id, entry] of this.responses) {
      if (this.responses.size <= MAX_RESPONSES && this.chars <= MAX_CHARS) break;
      this.responses.delete(id);
      this.chars -= entry.chars;
    }
  }

  get(id: string): StoredResponse | undefined {
    return this.responses.get(id)?.stored;
  }

  delete(id: string): boolean {
    const entry = this.responses.get(id);
    if (!entry) return false;
    this.responses.delete(id);
    this.chars -= entry.chars;
    return true;
  }

  /** An output or input item of any kept response, by its id (what `item_reference` names). */
  item(id: string): ConversationItem | undefined {
    for (const { stored } of [...this.responses.values()].reverse()) {
      const found = stored.conversation.find((item) => item.id === id);
      if (found) return found;
    }
    return undefined;
  }
}
