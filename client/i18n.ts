/**
 * Every UI string of the browser app, in Swedish (the default) and English. Section names are data and
 * come from schema/sections.ts; everything else a person reads goes through `t`.
 *
 * Static markup carries `data-i18n="key"` (and `data-i18n-<attr>="key"` for attributes) so a language
 * switch can relabel the page in place: re-rendering the editor would tear down the live Yjs session.
 */

const sv = {
  appName: 'Överens',
  tagline: 'Idéburet offentligt partnerskap, skrivet tillsammans',
  languageSwitch: 'English',
  languageSwitchLabel: 'Byt språk till engelska',
  youAre: 'Du skriver som {name}',
  changeName: 'Ändra ditt namn',

  namePromptTitle: 'Vad heter du?',
  namePromptText: 'Namnet visas för de andra som skriver i avtalet, bredvid din markör.',
  namePromptLabel: 'Ditt namn',
  namePromptSubmit: 'Fortsätt',
  namePromptCancel: 'Avbryt',

  listTitle: 'Avtal',
  listEmpty: 'Inga avtal än. Skapa det första nedan.',
  listLoading: 'Hämtar avtal…',
  listError: 'Kunde inte hämta avtalen: {message}',
  listUpdated: 'Ändrat {date}',
  listOpen: 'Öppna',
  listRename: 'Byt namn',
  listRenameSave: 'Spara',
  listRenameCancel: 'Avbryt',
  listRenameLabel: 'Nytt namn på avtalet',
  listRenameError: 'Kunde inte byta namn: {message}',

  createTitle: 'Nytt avtal',
  createFieldTitle: 'Titel',
  createFieldMunicipality: 'Kommun',
  createFieldLanguage: 'Avtalets språk',
  createLangSv: 'Svenska',
  createLangEn: 'Engelska',
  createSkeleton: 'Med skelettet med 19 avsnitt',
  createSkeletonHint: 'Alla avsnitt i ett IOP-avtal som tomma rubriker att fylla i.',
  createSubmit: 'Skapa avtal',
  createError: 'Kunde inte skapa avtalet: {message}',

  backToList: 'Alla avtal',
  editorLoading: 'Öppnar avtalet…',
  editorNotCached: 'Avtalet finns inte på den här enheten än. Det öppnas när anslutningen till servern är tillbaka.',
  editorNotFound: 'Avtalet finns inte. Det kan ha tagits bort.',
  titlePlaceholder: 'Avtalets titel',

  statusSaved: 'Sparat',
  statusSaving: 'Sparar…',
  statusOffline: 'Offline – ändringarna finns kvar på den här enheten',
  statusReconnecting: 'Återansluter…',
  statusConnecting: 'Ansluter…',
  statusClosed: 'Frånkopplad',
  statusSavedHint: 'Alla ändringar har skickats till servern.',
  statusSavingHint: 'Ändringar väntar på att skickas till servern.',
  statusOfflineHint: 'Du kan fortsätta skriva. Ändringarna skickas när enheten är online igen.',
  statusReconnectingHint: 'Servern svarar inte. Ändringarna finns kvar på den här enheten och skickas när anslutningen är tillbaka.',

  closedNotFound: 'Avtalet finns inte längre på servern. Dina senaste ändringar finns kvar på den här enheten.',
  closedSchema: 'Den här versionen av Överens passar inte servern. Ladda om sidan för att hämta den nya versionen.',
  closedUnauthorized: 'Du är inte inloggad. Logga in och ladda om sidan.',
  closedForbidden: 'Du har inte behörighet till det här avtalet.',
  closedTooLarge: 'Avtalet har blivit för stort för att sparas. Dina ändringar finns kvar på den här enheten.',
  closedMalformed: 'Servern tog inte emot ändringarna. Ladda om sidan.',
  closedOther: 'Anslutningen stängdes av servern (kod {code}).',
  reload: 'Ladda om',

  toolbarLabel: 'Formatering',
  paragraph: 'Stycke',
  heading2: 'Rubrik',
  heading3: 'Underrubrik',
  bold: 'Fetstil',
  italic: 'Kursiv',
  bulletList: 'Punktlista',
  orderedList: 'Numrerad lista',
  undo: 'Ångra',
  redo: 'Gör om',
  insertSectionLabel: 'Avsnitt att infoga',
  insertSectionPick: 'Välj avsnitt…',
  insertSection: 'Infoga avsnitt',
  required: 'obligatoriskt',
  recommended: 'rekommenderat',

  sidePanelLabel: 'Sidopanel',
  presenceTitle: 'Här nu',
  presenceYou: '(du)',
  presenceAlone: 'Bara du är här just nu.',
} as const

export type MessageKey = keyof typeof sv
export type Lang = 'sv' | 'en'

const en: Record<MessageKey, string> = {
  appName: 'Överens',
  tagline: 'Non-profit public partnership agreements, written together',
  languageSwitch: 'Svenska',
  languageSwitchLabel: 'Switch language to Swedish',
  youAre: 'You are writing as {name}',
  changeName: 'Change your name',

  namePromptTitle: 'What is your name?',
  namePromptText: 'Your name is shown to the others writing in the agreement, next to your cursor.',
  namePromptLabel: 'Your name',
  namePromptSubmit: 'Continue',
  namePromptCancel: 'Cancel',

  listTitle: 'Agreements',
  listEmpty: 'No agreements yet. Create the first one below.',
  listLoading: 'Loading agreements…',
  listError: 'Could not load the agreements: {message}',
  listUpdated: 'Changed {date}',
  listOpen: 'Open',
  listRename: 'Rename',
  listRenameSave: 'Save',
  listRenameCancel: 'Cancel',
  listRenameLabel: 'New name of the agreement',
  listRenameError: 'Could not rename: {message}',

  createTitle: 'New agreement',
  createFieldTitle: 'Title',
  createFieldMunicipality: 'Municipality',
  createFieldLanguage: 'Language of the agreement',
  createLangSv: 'Swedish',
  createLangEn: 'English',
  createSkeleton: 'With the 19-section skeleton',
  createSkeletonHint: 'Every section of an IOP agreement as an empty heading to fill in.',
  createSubmit: 'Create agreement',
  createError: 'Could not create the agreement: {message}',

  backToList: 'All agreements',
  editorLoading: 'Opening the agreement…',
  editorNotCached: 'This agreement is not on this device yet. It opens once the connection to the server is back.',
  editorNotFound: 'The agreement does not exist. It may have been deleted.',
  titlePlaceholder: 'Title of the agreement',

  statusSaved: 'Saved',
  statusSaving: 'Saving…',
  statusOffline: 'Offline – your changes are kept on this device',
  statusReconnecting: 'Reconnecting…',
  statusConnecting: 'Connecting…',
  statusClosed: 'Disconnected',
  statusSavedHint: 'All changes have been sent to the server.',
  statusSavingHint: 'Changes are waiting to be sent to the server.',
  statusOfflineHint: 'You can keep writing. Changes are sent when the device is online again.',
  statusReconnectingHint: 'The server does not answer. Your changes are kept on this device and sent when the connection is back.',

  closedNotFound: 'The agreement no longer exists on the server. Your latest changes are kept on this device.',
  closedSchema: 'This version of Överens does not match the server. Reload the page to get the new version.',
  closedUnauthorized: 'You are not signed in. Sign in and reload the page.',
  closedForbidden: 'You do not have access to this agreement.',
  closedTooLarge: 'The agreement has grown too large to be saved. Your changes are kept on this device.',
  closedMalformed: 'The server did not accept the changes. Reload the page.',
  closedOther: 'The server closed the connection (code {code}).',
  reload: 'Reload',

  toolbarLabel: 'Formatting',
  paragraph: 'Paragraph',
  heading2: 'Heading',
  heading3: 'Subheading',
  bold: 'Bold',
  italic: 'Italic',
  bulletList: 'Bullet list',
  orderedList: 'Numbered list',
  undo: 'Undo',
  redo: 'Redo',
  insertSectionLabel: 'Section to insert',
  insertSectionPick: 'Choose a section…',
  insertSection: 'Insert section',
  required: 'required',
  recommended: 'recommended',

  sidePanelLabel: 'Side panel',
  presenceTitle: 'Here now',
  presenceYou: '(you)',
  presenceAlone: 'Only you are here right now.',
}

const dictionaries: Record<Lang, Record<MessageKey, string>> = { sv, en }
const STORAGE_KEY = 'overens.lang'

let current: Lang = readStoredLang()
const listeners = new Set<(lang: Lang) => void>()

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'sv'
  } catch {
    // Storage can be blocked (privacy settings); Swedish is the default then.
    return 'sv'
  }
}

export function getLang(): Lang {
  return current
}

/** The string for `key` in the current language, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return dictionaries[current][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}

export function setLang(lang: Lang): void {
  if (lang === current) return
  current = lang
  try {
    localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    // Not persisted; the switch still applies to this page.
  }
  applyTranslations(document)
  for (const listener of listeners) listener(lang)
}

/** Calls `listener` after every language switch; returns the unsubscribe function. */
export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

const TRANSLATED_ATTRIBUTES = ['placeholder', 'title', 'aria-label'] as const

/** Relabels `data-i18n*` elements under `root` and keeps `<html lang>` in step. */
export function applyTranslations(root: ParentNode): void {
  document.documentElement.lang = current
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    el.textContent = t(el.dataset.i18n as MessageKey)
  }
  for (const attr of TRANSLATED_ATTRIBUTES) {
    for (const el of root.querySelectorAll<HTMLElement>(`[data-i18n-${attr}]`)) {
      el.setAttribute(attr, t(el.getAttribute(`data-i18n-${attr}`) as MessageKey))
    }
  }
}
