// ChildDetails ⇄ the strings the form edits.

import type { Child, ChildDetails } from "../lib/api";
import type { ChildDetailsInput } from "./ChildDetailsFields.svelte";
import { orNull } from "./values";

export function emptyChildInput(): ChildDetailsInput {
  return {
    unborn: false,
    first_name: "",
    last_name: "",
    preferred_name: "",
    born_on: "",
    expected_birth_on: "",
    sex: "",
    ethnicity: "",
    local_ref: "",
    sibling_group: "",
    social_worker: "",
    team: "",
  };
}

export function childInputOf(child: Child): ChildDetailsInput {
  return {
    unborn: (child.born_on ?? null) === null && (child.expected_birth_on ?? null) !== null,
    first_name: child.first_name,
    last_name: child.last_name,
    preferred_name: child.preferred_name ?? "",
    born_on: child.born_on ?? "",
    expected_birth_on: child.expected_birth_on ?? "",
    sex: child.sex,
    ethnicity: child.ethnicity ?? "",
    local_ref: child.local_ref ?? "",
    sibling_group: child.sibling_group ?? "",
    social_worker: child.social_worker ?? "",
    team: child.team ?? "",
  };
}

/**
 * The details to send. An empty sex is sent as-is so that Rust names the field; the wire type
 * does not allow "", hence the cast, which Rust then refuses with a message beside the field.
 */
export function childDetailsOf(input: ChildDetailsInput): ChildDetails {
  return {
    first_name: input.first_name.trim(),
    last_name: input.last_name.trim(),
    preferred_name: orNull(input.preferred_name),
    born_on: input.unborn ? null : orNull(input.born_on),
    expected_birth_on: input.unborn ? orNull(input.expected_birth_on) : null,
    sex: input.sex as ChildDetails["sex"],
    ethnicity: input.ethnicity === "" ? null : input.ethnicity,
    local_ref: orNull(input.local_ref),
    sibling_group: orNull(input.sibling_group),
    social_worker: orNull(input.social_worker),
    team: orNull(input.team),
  };
}

/**
 * The allocation date a new child's form shows until the IRO types one: the day the child came
 * into care when that is given (an IRO allocated later than that raises a false "IRO
 * appointment overdue"), else today.
 */
export function defaultAllocatedOn(careStartedOn: string, today: string | null): string {
  return careStartedOn.trim() !== "" ? careStartedOn : (today ?? "");
}
