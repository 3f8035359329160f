import { describe, expect, test } from "vitest";
import { hrefOf, parseHash } from "./route";

describe("hash routes", () => {
  test.each([
    ["", { screen: "today", params: {} }],
    ["#/today", { screen: "today", params: {} }],
    ["#/caseload", { screen: "caseload", params: {} }],
    ["#/child/12", { screen: "child", params: { id: 12 } }],
    ["#/week", { screen: "week", params: { on: null } }],
    ["#/week/2026-11-23", { screen: "week", params: { on: "2026-11-23" } }],
    ["#/settings", { screen: "settings", params: {} }],
    ["#/about", { screen: "about", params: {} }],
    ["#/disputes", { screen: "disputes", params: {} }],
    ["#/dispute/3", { screen: "dispute", params: { id: 3 } }],
    ["#/meeting/31", { screen: "meeting", params: { id: 31 } }],
    ["#/audit", { screen: "audit", params: { child: null } }],
    ["#/audit/12", { screen: "audit", params: { child: 12 } }],
    ["#/audit/x", { screen: "audit", params: { child: null } }],
    ["#/report", { screen: "report", params: { year: null } }],
    ["#/report/2025", { screen: "report", params: { year: 2025 } }],
    ["#/report/25", { screen: "report", params: { year: null } }],
    ["#/handover", { screen: "handover", params: {} }],
    ["#/service", { screen: "service", params: {} }],
  ])("%s", (hash, route) => {
    expect(parseHash(hash)).toEqual(route);
  });

  test("nonsense goes to Today", () => {
    expect(parseHash("#/child/abc").screen).toBe("today");
    expect(parseHash("#/child/-1").screen).toBe("today");
    expect(parseHash("#/dispute/x").screen).toBe("today");
    expect(parseHash("#/meeting/0").screen).toBe("today");
    expect(parseHash("#/nowhere").screen).toBe("today");
    expect(parseHash("#/week/23-11-2026")).toEqual({ screen: "week", params: { on: null } });
  });

  test("printing round-trips", () => {
    for (const hash of ["#/today", "#/caseload", "#/child/7", "#/week", "#/week/2026-11-30", "#/settings", "#/about", "#/disputes", "#/dispute/4", "#/meeting/12", "#/audit", "#/audit/9", "#/report", "#/report/2024", "#/handover", "#/service"]) {
      expect(hrefOf(parseHash(hash))).toBe(hash);
    }
  });
});
