import { describe, expect, test } from "vitest";
import { categoriesOf, codeFor, draftsOf, moved } from "./reasons";

describe("codeFor", () => {
  test("turns a label into a lower-case code", () => {
    expect(codeFor("Education (PEP)", new Set())).toBe("education_pep");
    expect(codeFor("  Health — CAMHS  ", new Set())).toBe("health_camhs");
    expect(codeFor("Séjour", new Set())).toBe("sejour");
  });

  test("starts with a letter and stays within 40 characters", () => {
    expect(codeFor("1st contact", new Set())).toBe("reason_1st_contact");
    expect(codeFor("!!!", new Set())).toBe("reason");
    const long = codeFor("a very long label that goes on and on about many things", new Set(["x"]));
    expect(long.length).toBeLessThanOrEqual(36);
    expect(long.endsWith("_")).toBe(false);
  });

  test("numbers a code already taken", () => {
    expect(codeFor("Contact", new Set(["contact"]))).toBe("contact_2");
    expect(codeFor("Contact", new Set(["contact", "contact_2"]))).toBe("contact_3");
  });
});

describe("categoriesOf", () => {
  test("keeps stored codes, trims labels and codes new rows without clashes", () => {
    const drafts = [
      ...draftsOf([{ code: "contact", label: "Contact", disputes: 2 }]),
      { code: null, label: " Contact ", disputes: 0 },
      { code: null, label: "Education (PEP)", disputes: 0 },
    ];
    expect(categoriesOf(drafts)).toEqual([
      { code: "contact", label: "Contact" },
      { code: "contact_2", label: "Contact" },
      { code: "education_pep", label: "Education (PEP)" },
    ]);
  });
});

describe("moved", () => {
  test("swaps with the neighbour and stops at the ends", () => {
    expect(moved(["a", "b", "c"], 1, -1)).toEqual(["b", "a", "c"]);
    expect(moved(["a", "b", "c"], 1, 1)).toEqual(["a", "c", "b"]);
    expect(moved(["a", "b"], 0, -1)).toEqual(["a", "b"]);
    expect(moved(["a", "b"], 1, 1)).toEqual(["a", "b"]);
  });
});
