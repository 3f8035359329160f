import { describe, expect, test } from "vitest";
import { placeErrors } from "./form-errors";

describe("placeErrors", () => {
  test("every message of every refused change, beside its input or at the top", () => {
    const placed = placeErrors(
      {
        kind: "validation",
        changes: [
          {
            index: 0,
            op: "add_child",
            fields: [
              { field: "first_name", code: "required", message: "First name is required." },
              { field: "born_on", code: "in_future", message: "Date of birth is in the future." },
              { field: "born_on", code: "order", message: "Date of birth is after a review." },
            ],
          },
          { index: 1, op: "start_care", fields: [{ field: "child", code: "not_found", message: "No such child." }] },
        ],
      },
      ["first_name", "born_on"],
    );
    expect(placed.byField).toEqual({
      first_name: "First name is required.",
      born_on: "Date of birth is in the future. Date of birth is after a review.",
    });
    expect(placed.general).toEqual(["No such child."]);
  });

  test("other kinds are general", () => {
    expect(placeErrors({ kind: "bad_input", message: "Bad file." }, []).general).toEqual(["Bad file."]);
    expect(placeErrors({ kind: "not_found", what: "child 9" }, []).general).toEqual(["Not found: child 9."]);
  });
});
