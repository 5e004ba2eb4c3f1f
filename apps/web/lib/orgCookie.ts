/** The organization an instance admin acts in; the server and the tRPC client send it as x-latchkey-org. */
export const ORG_COOKIE = "lk_org";
export const ORG_HEADER = "x-latchkey-org";
export const isGuid = (v: string | undefined | null): v is string => !!v && /^[0-9a-f-]{36}$/i.test(v);
