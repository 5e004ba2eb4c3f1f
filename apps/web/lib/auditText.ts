// How the console says an audit event in the visitor's language: the action's name, what an
// outcome code means, who acted and on what. Ids stay available (hover, details, CSV).
import { enAdmin } from "./dict.admin.en";
import type { MessageKey, T } from "./i18n";

const known = (key: string): key is MessageKey => key in enAdmin;

/** The action's name: each operation has one (packages/api/src/lib/auditActions.ts), whatever refused it. */
export function actionLabel(t: T, action: string): string {
  const key = `act.${action}`;
  return known(key) ? t(key) : action;
}

/** What a failure's domain code means, or the code itself when it is not one of ours. */
export const reasonText = (t: T, code: string): string => {
  const key = `reason.${code}`;
  return known(key) ? t(key) : code;
};

/** "Alice Admin", or the kind of actor when there is no name (anonymous, system, a deleted object). */
export function actorLabel(t: T, e: { actorType: string; actorName: string | null }): string {
  if (e.actorName) return e.actorName;
  const key = `actor.${e.actorType}`;
  return known(key) ? t(key) : e.actorType;
}

export function targetKind(t: T, type: string | null): string {
  if (!type) return "—";
  const key = `target.${type}`;
  return known(key) ? t(key) : type;
}
