/** Strings of section structure, read-only sync and the refused-edits notice (sv default, en). */
export const sv = {
  structureUnsavable: 'Du är {role} i avtalet och kan inte ändra texten. Den här enheten har ändringar som aldrig skickades och inte kan sparas. Släng dem för att läsa den senaste versionen.',
  structureClosedSchema: 'Servern tog inte emot en ändring som ett avtal inte kan innehålla. Ladda om sidan.',
  structureDeleteSection: 'Ta bort avsnittet',
  structureDeleteSectionHint: 'Ta bort avsnittet där markören står (kan ångras)',
  structureDeleteSectionConfirm: 'Avsnittet ”{name}” har granskningsstatus eller kommentarer. Ta bort det ändå? Du kan ångra med Ctrl+Z.',
  structureUntitledSection: 'utan rubrik',
  structureSectionExists: '”{name}” finns redan i avtalet.',
  structureGoToSection: 'Gå till avsnittet',
  structureInsertAnyway: 'Infoga ändå',
  structureCancel: 'Avbryt',
} as const

export const en: Record<keyof typeof sv, string> = {
  structureUnsavable: 'You are {role} in this agreement and cannot change the text. This device has changes that were never sent and cannot be saved. Discard them to read the latest version.',
  structureClosedSchema: 'The server did not accept a change an agreement cannot hold. Reload the page.',
  structureDeleteSection: 'Delete section',
  structureDeleteSectionHint: 'Delete the section the cursor is in (can be undone)',
  structureDeleteSectionConfirm: 'The section “{name}” has a review status or comments. Delete it anyway? You can undo with Ctrl+Z.',
  structureUntitledSection: 'untitled',
  structureSectionExists: '“{name}” is already in the agreement.',
  structureGoToSection: 'Go to the section',
  structureInsertAnyway: 'Insert anyway',
  structureCancel: 'Cancel',
}
