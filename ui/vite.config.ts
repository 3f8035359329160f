/// <reference types="node" />
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import license from "rollup-plugin-license";
import { npmLicences, trimCargoAbout, type CargoAboutList } from "./build/licences.ts";

const OUT_DIR = "dist";
// cargo-about's JSON, one file per shipped binary, written by scripts/setup.sh (`build_ui`).
const CARGO_ABOUT_DIR = fileURLToPath(new URL("generated/licences", import.meta.url));
const NPM_LICENCES = fileURLToPath(new URL(`${OUT_DIR}/licences/npm.json`, import.meta.url));

/** The crates' licences (see build/licences.ts), when cargo-about has written them. */
function crateLicences(): Plugin {
  return {
    name: "caseload-crate-licences",
    generateBundle() {
      const files = existsSync(CARGO_ABOUT_DIR) ? readdirSync(CARGO_ABOUT_DIR).filter((f) => f.endsWith(".json")).sort() : [];
      if (files.length === 0) {
        this.warn(
          `no cargo-about output in ${CARGO_ABOUT_DIR}: this build's About screen has no list of the crates' licences (scripts/start, scripts/test and scripts/package make one)`,
        );
        return;
      }
      const lists = files.map((f) => JSON.parse(readFileSync(join(CARGO_ABOUT_DIR, f), "utf8")) as CargoAboutList);
      this.emitFile({ type: "asset", fileName: "licences/rust.json", source: `${JSON.stringify(trimCargoAbout(lists))}\n` });
    },
  };
}

// Tauri serves ui/dist from its own asset protocol; there is no dev server in the product.
export default defineConfig({
  plugins: [
    svelte(),
    // The npm packages whose code is in the bundle (it sees the modules the bundle holds, so no
    // dev tool is listed), with their licence texts, for the About screen.
    license({
      thirdParty: {
        includePrivate: false,
        output: { file: NPM_LICENCES, template: (dependencies) => `${JSON.stringify(npmLicences(dependencies))}\n` },
      },
    }),
    crateLicences(),
  ],
  clearScreen: false,
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
  },
  test: {
    include: ["src/**/*.test.ts", "build/**/*.test.ts"],
    environment: "node",
    setupFiles: ["src/test-setup.ts"],
  },
});
