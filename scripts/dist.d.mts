/** The architectures electron-builder will package for, from its arguments (this machine's by default). */
export function distArchs(args: string[], hostArch?: string): string[];
