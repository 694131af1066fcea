import { DefaultFailureConverter } from '@temporalio/common';

/**
 * Failure messages and stack traces go into an encoded payload, so that the payload codec encrypts them
 * too: a provider's error text can carry a citizen's e-mail address or phone number. A module of its own
 * because the workflow bundle loads it by path.
 */
export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
