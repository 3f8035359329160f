// Small text helpers: plural words, age in words, and matching what the user typed.

/** plural(1, "meeting") → "1 meeting"; plural(3, "deadline") → "3 deadlines". */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** The age Rust computed, in words; an unborn child shows the expected date instead. */
export function ageText(age: number | null, expectedBirthOn: string | null, formatDate: (iso: string) => string): string {
  if (age === null) {
    return expectedBirthOn === null ? "Unborn" : `Unborn, due ${formatDate(expectedBirthOn)}`;
  }
  if (age === 0) return "Under 1";
  return plural(age, "year");
}

/** Case-insensitive "contains" over several fields, ignoring extra spaces in the query. */
export function matchesQuery(query: string, fields: Array<string | null | undefined>): boolean {
  return searchTextHas(searchText(fields), normalisedQuery(query));
}

/** What the user typed as it is matched: trimmed, lower case, single spaces. */
export function normalisedQuery(query: string): string {
  return query.trim().toLocaleLowerCase("en-GB").replace(/\s+/g, " ");
}

/**
 * Several fields as one lower-case text to search, made once per row rather than at every
 * keystroke. The fields are kept apart by a line break, which a normalised query never holds, so
 * a query never matches across two fields.
 */
export function searchText(fields: Array<string | null | undefined>): string {
  return fields
    .filter((f): f is string => f !== null && f !== undefined)
    .map((f) => f.toLocaleLowerCase("en-GB"))
    .join("\n");
}

/** Whether a `searchText` holds a `normalisedQuery` ("" is in every text). */
export function searchTextHas(text: string, query: string): boolean {
  return query === "" || text.includes(query);
}

/** "57.5" for 57.5, "60" for 60: one decimal at most. */
export function decimal(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
