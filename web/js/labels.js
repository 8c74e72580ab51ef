// Display words (levels, roles, edge names) live in /assets/data/labels.json; read once at start.
let labels = null;

export async function loadLabels() {
  const response = await fetch('/assets/data/labels.json');
  labels = await response.json();
}

/** labels.levels.national → 国家级; unknown keys show as themselves. */
export function label(group, key) {
  return labels?.[group]?.[key] ?? key;
}
