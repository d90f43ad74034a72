/** `FBUILD_OFFLINE=1` (or true/yes/on): no registry or download is asked for. Its own module, so a command can read it without loading the installer. */
export const offlineFromEnv = (env: NodeJS.ProcessEnv): boolean => /^(1|true|yes|on)$/i.test(env.FBUILD_OFFLINE ?? '');
