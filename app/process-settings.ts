// Hands the process's settings to the modules that keep one value for the whole process: the
// dictionaries folder, phase reports and the embedders' variables. Faces and worker processes call
// it once per run, after the settings are read.
import { useDictionaryDir } from '../dictionaries/dictionaries.js';
import { enablePhaseReports } from '../graph/phases.js';
import { useEmbedderEnvironment } from '../search/embedders/index.js';
import { settings } from './settings.js';

export function applyProcessSettings(): void {
  enablePhaseReports(settings().reportPhases);
  useDictionaryDir(settings().dictionariesDir);
  useEmbedderEnvironment(settings().env);
}
