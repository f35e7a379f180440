export const ClientStatus = { Active: 'ACTIVE', Inactive: 'INACTIVE', Erased: 'ERASED' } as const;
export type ClientStatus = (typeof ClientStatus)[keyof typeof ClientStatus];
