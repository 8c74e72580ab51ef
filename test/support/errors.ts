// Awaits a promise that must fail with a PolicyGraphError and returns its code and message.
import { isPolicyGraphError } from '../../graph/errors.js';

export async function policyGraphFailure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    if (isPolicyGraphError(err)) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error('expected a PolicyGraphError');
}
