// The api's method names, with no dependencies: the sandboxed preload bundles only this.
export const API_METHOD_NAMES = ['listCases', 'getCase', 'saveScenario', 'renameScenario', 'deleteScenario', 'importCase', 'exportCase', 'exportChart', 'exportReport',
  'previewImport', 'edit', 'undo', 'redo', 'history', 'goToRevision', 'createCase', 'deleteCase', 'deletedCases',
  'exportScenarios', 'importScenarios', 'exportPositions', 'importPositions', 'libraryChanges',
  'hotSeatCreate', 'hotSeatList', 'hotSeatCall'] as const;
export const IPC_CHANNEL_PREFIX = 'parley:';

/**
 * What one api call answers over IPC and HTTP. The error travels as a value: Electron's contextBridge
 * would reduce a thrown Error to its message and drop its code and details (electron/electron#25596).
 */
export type ApiReply<T = unknown> = { ok: true; value: T } | { ok: false; error: { code: string; message: string; details?: { path: string; message: string }[] } };

/** Main → page: a menu command ('import-case', 'export-case', …); 'import-case' carries the file main read. */
export const MENU_CHANNEL = 'parley:menu';
export interface CaseFileContent {
  name: string;
  text: string;
}
