// Hash routes: #/today, #/caseload, #/child/12, #/week, #/week/2026-11-23, #/disputes,
// #/dispute/3, #/meeting/31 (its record, written in the meeting), #/import, #/handover, #/settings, #/about (version, files, licences), #/audit, #/audit/12 (one child's changes), #/report, #/report/2025, #/service (the service report over the IROs' figures files).
// Pure parsing and printing, so it is tested without a window.

export type Route =
  | { screen: "today"; params: Record<string, never> }
  | { screen: "caseload"; params: Record<string, never> }
  | { screen: "child"; params: { id: number } }
  | { screen: "week"; params: { on: string | null } }
  | { screen: "disputes"; params: Record<string, never> }
  | { screen: "dispute"; params: { id: number } }
  | { screen: "meeting"; params: { id: number } }
  | { screen: "import"; params: Record<string, never> }
  | { screen: "handover"; params: Record<string, never> }
  | { screen: "settings"; params: Record<string, never> }
  | { screen: "about"; params: Record<string, never> }
  | { screen: "audit"; params: { child: number | null } }
  | { screen: "report"; params: { year: number | null } }
  | { screen: "service"; params: Record<string, never> };

export type Screen = Route["screen"];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const TODAY: Route = { screen: "today", params: {} };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, "").split("/").filter((p) => p !== "");
  const [head, arg] = parts;
  switch (head) {
    case "caseload":
      return { screen: "caseload", params: {} };
    case "settings":
      return { screen: "settings", params: {} };
    case "about":
      return { screen: "about", params: {} };
    case "import":
      return { screen: "import", params: {} };
    case "handover":
      return { screen: "handover", params: {} };
    case "service":
      return { screen: "service", params: {} };
    case "week":
      return { screen: "week", params: { on: arg !== undefined && ISO_DATE.test(arg) ? arg : null } };
    case "disputes":
      return { screen: "disputes", params: {} };
    case "child": {
      const id = Number(arg);
      return Number.isInteger(id) && id > 0 ? { screen: "child", params: { id } } : TODAY;
    }
    case "dispute": {
      const id = Number(arg);
      return Number.isInteger(id) && id > 0 ? { screen: "dispute", params: { id } } : TODAY;
    }
    case "meeting": {
      const id = Number(arg);
      return Number.isInteger(id) && id > 0 ? { screen: "meeting", params: { id } } : TODAY;
    }
    case "report": {
      const year = Number(arg);
      return { screen: "report", params: { year: arg !== undefined && /^\d{4}$/.test(arg) ? year : null } };
    }
    case "audit": {
      const child = Number(arg);
      return { screen: "audit", params: { child: arg !== undefined && Number.isInteger(child) && child > 0 ? child : null } };
    }
    default:
      return TODAY;
  }
}

export function hrefOf(route: Route): string {
  switch (route.screen) {
    case "child":
      return `#/child/${route.params.id}`;
    case "dispute":
      return `#/dispute/${route.params.id}`;
    case "meeting":
      return `#/meeting/${route.params.id}`;
    case "week":
      return route.params.on === null ? "#/week" : `#/week/${route.params.on}`;
    case "audit":
      return route.params.child === null ? "#/audit" : `#/audit/${route.params.child}`;
    case "report":
      return route.params.year === null ? "#/report" : `#/report/${route.params.year}`;
    default:
      return `#/${route.screen}`;
  }
}

export const childHref = (id: number): string => hrefOf({ screen: "child", params: { id } });
export const weekHref = (on: string | null): string => hrefOf({ screen: "week", params: { on } });
export const disputeHref = (id: number): string => hrefOf({ screen: "dispute", params: { id } });
export const meetingHref = (id: number): string => hrefOf({ screen: "meeting", params: { id } });
export const auditHref = (child: number | null): string => hrefOf({ screen: "audit", params: { child } });
