import { describe, expect, it } from 'vitest';
import { bufferPoolBytes, bufferPoolFullMessage, defaultBufferPoolBytes, isBufferPoolFull } from './buffer-pool.js';

const MIB = 1024 * 1024;
const GIB = 1024 * MIB;

describe('the embedded graph\'s buffer pool', () => {
  it('takes a quarter of the machine\'s memory, never under 256 MiB nor over 4 GiB', () => {
    expect(defaultBufferPoolBytes(8 * GIB)).toBe(2 * GIB);
    expect(defaultBufferPoolBytes(512 * MIB)).toBe(256 * MIB);
    expect(defaultBufferPoolBytes(64 * GIB)).toBe(4 * GIB);
    expect(defaultBufferPoolBytes(8 * GIB + 3)).toBe(2 * GIB); // whole MiB
  });

  it('uses the configured size when there is one', () => {
    expect(bufferPoolBytes(512 * MIB)).toBe(512 * MIB);
    expect(bufferPoolBytes(null)).toBe(defaultBufferPoolBytes());
  });

  it('tells Ladybug\'s full-pool failure apart and names the setting that raises it', () => {
    expect(isBufferPoolFull(new Error('Buffer manager exception: Unable to allocate memory! The buffer pool is full and no memory could be freed!'))).toBe(true);
    expect(isBufferPoolFull(new Error('Could not set lock on file'))).toBe(false);
    expect(bufferPoolFullMessage('write this batch', 256 * MIB)).toMatch(/^the embedded graph's buffer pool \(256 MiB\) is too small to write this batch: set POLICYGRAPH_GRAPH_BUFFER_MB higher/);
  });
});
