import { describe, expect, it } from 'vitest';
import { forModels } from './tool-support.js';

describe('MCP tool errors', () => {
  it('name the MCP tools a model can call instead of the CLI commands the use cases suggest', () => {
    expect(forModels('unknown theme "量子": policygraph themes lists them')).toBe('unknown theme "量子": the list_themes tool lists them');
    expect(forModels('unknown document "x": give a document id, 文号 or title (policygraph documents lists them)')).toContain('(the list_documents tool lists them)');
    expect(forModels('search indexes are not loaded: run `policygraph ingest` for this data dir')).toContain("policygraph ingest (the server's operator runs it)");
    expect(forModels('no clause cl_x')).toBe('no clause cl_x');
  });
});
