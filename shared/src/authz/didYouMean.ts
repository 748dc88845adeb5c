/**
 * ` (did you mean 'name'?)` when a known name is a likely typo of `input`, else
 * an empty string. Same threshold as graphql-js's suggestions, so policy errors
 * read like the schema errors partners already know.
 */
export function didYouMean(input: string, known: Iterable<string>): string {
  const threshold = Math.floor(input.length * 0.4) + 1;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const distance = candidate.toLowerCase() === input.toLowerCase() ? 0.5 : levenshtein(input, candidate);
    if (distance < bestDistance && distance <= threshold) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best === undefined ? '' : ` (did you mean '${best}'?)`;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
