/** A slice of a list, oldest or most urgent first as each list defines. */
export interface PageWindow {
  skip: number;
  take: number;
}

export interface Page<T> {
  total: number;
  rows: T[];
}
