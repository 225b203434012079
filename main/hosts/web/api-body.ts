/**
 * The JSON body of a call's answer. A frozen result is one core made once and hands out
 * again unchanged (the asset list, once per revision of the assets): its body is
 * serialized once too, so asking for 2,000 assets again costs a lookup, not half a
 * megabyte of JSON.stringify on the main process.
 */
const bodies = new WeakMap<object, string>();

export function apiBody(result: unknown): string {
  if (result === null || typeof result !== 'object' || !Object.isFrozen(result)) return JSON.stringify({ result: result ?? null });
  let body = bodies.get(result);
  if (body === undefined) {
    body = JSON.stringify({ result });
    bodies.set(result, body);
  }
  return body;
}
