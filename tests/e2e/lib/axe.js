// Accessibility checks in the real window with axe-core (the npm package, injected into the
// page): WCAG 2.0–2.2 A and AA, plus the two checks the issue asked for by name (target size and
// a visible label inside the accessible name). Each violation comes back with its impact, rule,
// and the first few elements it was found on.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const OPTIONS = {
  runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] },
  rules: { "label-content-name-mismatch": { enabled: true }, "target-size": { enabled: true } },
  resultTypes: ["violations"],
};

/** The violations on the page as it is now (or inside `selector`). */
export async function axeViolations(browser, selector = null) {
  const loaded = await browser.execute(() => typeof window.axe !== "undefined");
  if (!loaded) await browser.execute(AXE);
  return browser.executeAsync(
    (within, options, done) => {
      const context = within === null ? document : document.querySelector(within);
      window.axe.run(context, options).then(
        (r) =>
          done(
            r.violations.map((v) => ({
              id: v.id,
              impact: v.impact,
              help: v.help,
              count: v.nodes.length,
              targets: v.nodes.slice(0, 4).map((n) => n.target.join(" ")),
              // Distinct reasons (for contrast: each pair of colours), at most six.
              summary: [...new Set(v.nodes.map((n) => n.failureSummary ?? ""))].slice(0, 6).join(" | "),
            })),
          ),
        (e) => done([{ id: "axe-error", impact: "critical", help: String(e), count: 1, targets: [], summary: "" }]),
      );
    },
    selector,
    OPTIONS,
  );
}

/** Serious and critical violations; the rest are listed in the output, not failed. */
export function split(violations) {
  const grave = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const minor = violations.filter((v) => !(v.impact === "serious" || v.impact === "critical"));
  return { grave, minor };
}

export function describe(violations) {
  return violations
    .map((v) => `  [${v.impact}] ${v.id} ×${v.count}: ${v.help}\n      ${v.targets.join("\n      ")}\n      ${v.summary.replace(/\n/g, " ")}`)
    .join("\n");
}
