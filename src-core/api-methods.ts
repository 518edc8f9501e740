// The api's method names, with no dependencies: the sandboxed preload bundles only this.
export const API_METHOD_NAMES = ['listCases', 'getCase', 'saveScenario', 'renameScenario', 'deleteScenario', 'importCase', 'exportCase', 'exportChart', 'exportReport',
  'previewImport', 'edit', 'undo', 'redo', 'history', 'goToRevision', 'createCase', 'deleteCase', 'deletedCases',
  'exportScenarios', 'importScenarios', 'exportPositions', 'importPositions', 'libraryChanges'] as const;
export const IPC_CHANNEL_PREFIX = 'parley:';
