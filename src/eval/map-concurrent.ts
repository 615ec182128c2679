/**
 * @module Runs async work over a list with at most N in flight, keeping the list's order.
 */

/**
 * Maps `items` with `work`, at most `limit` at a time; results are in the order of `items`.
 * Contract: after the first rejection no new item starts; it rejects with that error once the
 * items in flight have settled.
 */
export async function mapConcurrent<Item, Result>(
  items: readonly Item[],
  limit: number,
  work: (item: Item, index: number) => Promise<Result>,
): Promise<Result[]> {
  const results: Result[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        // Non-null: `index` is below `items.length`.
        results[index] = await work(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
  return results;
}
