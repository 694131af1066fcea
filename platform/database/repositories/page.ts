/** A slice of a list, oldest or most urgent first as each list defines. */
export interface PageWindow {
  skip: number;
  take: number;
}

export interface Page<T> {
  total: number;
  rows: T[];
}

/** Counts the list and reads its page at the same time. */
export async function readPage<T>(total: Promise<number>, rows: Promise<T[]>): Promise<Page<T>> {
  const [count, page] = await Promise.all([total, rows]);
  return { total: count, rows: page };
}
