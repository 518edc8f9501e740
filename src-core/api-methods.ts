// The api's method names, with no dependencies: the sandboxed preload bundles only this.
export const API_METHOD_NAMES = ['listCases', 'getCase', 'saveScenario', 'renameScenario', 'deleteScenario', 'importCase', 'exportCase', 'exportChart', 'exportReport', 'libraryChanges'] as const;
export const IPC_CHANNEL_PREFIX = 'parley:';
