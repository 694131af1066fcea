/**
 * The base of every error the domain throws on purpose. Callers map `code`, never the message; anything
 * else thrown from domain code (a TypeError, a RangeError) is a programming error and no client's fault.
 */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** `instanceof` on the generic class narrows `code` to `any`; this guard keeps it a string. */
export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}
