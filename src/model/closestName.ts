/**
 * The name among `names` a mistyped one most likely meant (community-lookalikes → community-lookalike,
 * descripton → description, categroy → category), or null when none is within a third of its length in edits
 * (a swap of two neighbours is one edit).
 */
export function closestName(typed: string, names: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(1, Math.floor(typed.length / 3)) + 1;
  for (const name of names) {
    const distance = editDistance(typed, name, bestDistance);
    if (distance < bestDistance) [best, bestDistance] = [name, distance];
  }
  return best;
}

/** Edits between two texts (insert, delete, replace, swap neighbours), or `limit` once it is sure to reach it. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      let cost = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, before[j - 2] + 1);
      current[j] = cost;
      rowBest = Math.min(rowBest, cost);
    }
    if (rowBest >= limit) return limit;
    [before, previous] = [previous, current];
  }
  return previous[b.length];
}
