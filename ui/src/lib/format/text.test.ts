import { describe, expect, test } from "vitest";
import { ukDate } from "./dates";
import { ETHNICITY, MEETING_KIND, optionsOf, yesNo } from "./labels";
import { ageText, decimal, matchesQuery, normalisedQuery, plural, searchText, searchTextHas } from "./text";

describe("plural", () => {
  test("one and many", () => {
    expect(plural(1, "meeting")).toBe("1 meeting");
    expect(plural(3, "meeting")).toBe("3 meetings");
    expect(plural(0, "deadline")).toBe("0 deadlines");
    expect(plural(2, "child", "children")).toBe("2 children");
  });
});

describe("ageText", () => {
  test("the age Rust sent, or the expected date of an unborn child", () => {
    expect(ageText(10, null, ukDate)).toBe("10 years");
    expect(ageText(1, null, ukDate)).toBe("1 year");
    expect(ageText(0, null, ukDate)).toBe("Under 1");
    expect(ageText(null, "2027-02-25", ukDate)).toBe("Unborn, due Thu 25 Feb 2027");
    expect(ageText(null, null, ukDate)).toBe("Unborn");
  });
});

describe("matchesQuery", () => {
  test("case-insensitive contains over any field; blank matches all", () => {
    expect(matchesQuery("draft", ["Unborn Draftwood", null])).toBe(true);
    expect(matchesQuery("DEMO-001", ["Someone", "demo-00139"])).toBe(true);
    expect(matchesQuery("  ", ["x"])).toBe(true);
    expect(matchesQuery("oak", ["Willow", "DEMO-1", "Birch"])).toBe(false);
  });
});

describe("decimal and labels", () => {
  test("at most one decimal", () => {
    expect(decimal(57.5)).toBe("57.5");
    expect(decimal(60)).toBe("60");
    expect(decimal(11.333)).toBe("11.3");
  });
  test("options keep the declaration order", () => {
    expect(optionsOf(MEETING_KIND)[0]).toEqual(["lac_review", "LAC review"]);
    expect(optionsOf(ETHNICITY)).toHaveLength(20);
  });
  test("yes / no / not recorded", () => {
    expect(yesNo(true)).toBe("Yes");
    expect(yesNo(false)).toBe("No");
    expect(yesNo(null)).toBe("—");
  });
});

describe("searchText", () => {
  test("a query never matches across two fields", () => {
    const text = searchText(["Poppy Mockworth", null, "Oak"]);
    expect(searchTextHas(text, normalisedQuery("mockworth"))).toBe(true);
    expect(searchTextHas(text, normalisedQuery("  OAK "))).toBe(true);
    expect(searchTextHas(text, normalisedQuery("mockworth oak"))).toBe(false);
    expect(searchTextHas(text, normalisedQuery("worth\noak"))).toBe(false);
    expect(searchTextHas(text, normalisedQuery(""))).toBe(true);
  });
});
