// Upload limits come from the environment once, with a clear error for a bad value.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_UPLOAD_MAX_BYTES, resolveUploadSettings as resolveOnce } from '../api/config.js';
import { resetSettings } from '../app/settings.js';

// the environment is read once per process (app/settings.ts): forget the snapshot to read the changed one
const resolveUploadSettings = () => {
  resetSettings();
  return resolveOnce();
};

const saved = { max: process.env.POLICYGRAPH_UPLOAD_MAX_BYTES, timeout: process.env.POLICYGRAPH_UPLOAD_TIMEOUT_MS };
afterEach(() => {
  for (const [name, value] of [['POLICYGRAPH_UPLOAD_MAX_BYTES', saved.max], ['POLICYGRAPH_UPLOAD_TIMEOUT_MS', saved.timeout]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('upload settings', () => {
  it('default to 5 MiB and 10 minutes', () => {
    delete process.env.POLICYGRAPH_UPLOAD_MAX_BYTES;
    delete process.env.POLICYGRAPH_UPLOAD_TIMEOUT_MS;
    expect(resolveUploadSettings()).toEqual({ maxBytes: DEFAULT_UPLOAD_MAX_BYTES, timeoutMs: 600_000 });
    expect(DEFAULT_UPLOAD_MAX_BYTES).toBe(5 * 1024 * 1024);
  });

  it('take bytes or a KiB/MiB size', () => {
    process.env.POLICYGRAPH_UPLOAD_MAX_BYTES = '20MiB';
    expect(resolveUploadSettings().maxBytes).toBe(20 * 1024 * 1024);
    process.env.POLICYGRAPH_UPLOAD_MAX_BYTES = '512 KiB';
    expect(resolveUploadSettings().maxBytes).toBe(512 * 1024);
    process.env.POLICYGRAPH_UPLOAD_MAX_BYTES = '4096';
    expect(resolveUploadSettings().maxBytes).toBe(4096);
  });

  it('refuse a bad size or deadline with a line naming the variable', () => {
    for (const bad of ['big', '10GB', '12', '-5MiB']) {
      process.env.POLICYGRAPH_UPLOAD_MAX_BYTES = bad;
      expect(() => resolveUploadSettings(), bad).toThrow(/^POLICYGRAPH_UPLOAD_MAX_BYTES must be a size of at least 1 KiB/);
    }
    delete process.env.POLICYGRAPH_UPLOAD_MAX_BYTES;
    process.env.POLICYGRAPH_UPLOAD_TIMEOUT_MS = 'soon';
    expect(() => resolveUploadSettings()).toThrow(/^POLICYGRAPH_UPLOAD_TIMEOUT_MS must be a whole number of milliseconds/);
  });
});
