/** A finding's message without the note that its resource was renamed or re-parented (src/report/build.ts). */
export const withoutRenameNote = (message: string): string => message.replace(/ \((renamed from|re-parented: was) [^)]*\)$/, "");
