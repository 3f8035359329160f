import { afterEach, describe, expect, test } from "vitest";
import { session } from "../state/session.svelte";
import { CASE_STATUS_SHORT, MEETING_KIND, lacWord } from "./labels";

afterEach(() => {
  session.info = null;
});

describe("the authority's word for a child in care", () => {
  test("LAC until Rust says otherwise", () => {
    expect(lacWord()).toBe("LAC");
    expect(MEETING_KIND.lac_review).toBe("LAC review");
    expect(CASE_STATUS_SHORT.both).toBe("LAC + CP");
  });

  test("CLA once the settings say CLA", () => {
    session.info = {
      today: "2026-11-23",
      demo: false,
      store_path: "/tmp/x",
      version: "0",
      owner: null,
      iros: [],
      export_dir: null,
      plaintext_exports_acknowledged: true,
      import_files: [],
      terminology: "cla",
      lac_word: "CLA",
      calendar_privacy: "initials_and_reference",
      calendar_shows: "initials and local reference",
    };
    expect(MEETING_KIND.lac_review).toBe("CLA review");
    expect(CASE_STATUS_SHORT.lac).toBe("CLA");
    expect(MEETING_KIND.icpc).toBe("Initial child protection conference");
  });
});
