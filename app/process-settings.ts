// Hands the process's settings to the modules that keep one value for the whole process: the
// dictionaries folder and phase reports. Faces call it once per run, after the settings are read.
import { useDictionaryDir } from '../dictionaries/dictionaries.js';
import { enablePhaseReports } from '../graph/phases.js';
import { settings } from './settings.js';

export function applyProcessSettings(): void {
  enablePhaseReports(settings().reportPhases);
  useDictionaryDir(settings().dictionariesDir);
}
