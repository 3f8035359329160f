// The WebDriver pair (tauri-driver in front of WebKitWebDriver) that a spec file's process owns.
//
// Each spec file runs in its own node process (node --test), and starts its own pair on first
// use, so one spec's crashed driver cannot fail the specs after it. WebKitWebDriver now and then
// resets a connection or dies while a session is being made: `newSession` then throws away the
// pair, starts a fresh one on fresh ports, and tries again, a few times, before it gives up
// with the driver's own log.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const ATTEMPTS = 4;
const BASE_PORT = Number(process.env.DRIVER_PORT ?? 4444);

let current = null; // { child, port, log }
let starts = 0;

/** Runs `create(port)` against a live driver, replacing the driver and retrying on failure. */
export async function newSession(create) {
  let lastError;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt += 1) {
    try {
      const driver = current ?? (await startDriver());
      return await create(driver.port);
    } catch (error) {
      lastError = error;
      if (!isConnectionFailure(error)) throw error;
      const log = stopDriver();
      process.stderr.write(
        `e2e: no WebDriver session (attempt ${attempt} of ${ATTEMPTS}): ${error.message}\n` +
          (log ? `e2e: tauri-driver's log ended with:\n${log}\n` : ""),
      );
      await sleep(500 * attempt);
    }
  }
  throw lastError;
}

/** A reset socket, a refused connection or a driver that died: worth a fresh driver. */
function isConnectionFailure(error) {
  const text = `${error?.message ?? ""} ${error?.cause?.code ?? ""} ${error?.code ?? ""}`;
  return /UND_ERR_SOCKET|ECONNRESET|ECONNREFUSED|EPIPE|socket hang up|other side closed|timeout|session not created/i.test(
    text,
  );
}

async function startDriver() {
  const driver = process.env.TAURI_DRIVER;
  const native = process.env.NATIVE_DRIVER;
  if (!driver || !existsSync(driver)) throw new Error(`e2e: no tauri-driver at ${driver} (run tests/e2e/run.sh)`);
  // Fresh ports for each driver of this process, so a dying one's sockets are never in the way;
  // a port something else still answers on is passed over.
  let port = BASE_PORT + 2 * (starts++ % 8);
  for (let tries = 0; (await accepts(port)) || (await accepts(port + 1)); tries += 1) {
    if (tries === 8) throw new Error(`e2e: ports ${BASE_PORT}–${BASE_PORT + 15} are all in use`);
    port = BASE_PORT + 2 * (starts++ % 8);
  }
  const log = join(mkdtempSync(join(tmpdir(), "caseload-e2e-driver-")), "tauri-driver.log");
  const out = openSync(log, "a");
  const child = spawn(driver, ["--port", String(port), "--native-port", String(port + 1), "--native-driver", native], {
    stdio: ["ignore", out, out],
    detached: true, // its own process group, so the native driver goes with it
  });
  child.unref(); // the spec's process exits when its tests are done; "exit" below kills the pair
  current = { child, port, log };
  // Both must listen: tauri-driver answers before WebKitWebDriver does, and passes on a refusal.
  await waitForPort(port, child);
  await waitForPort(port + 1, child);
  return current;
}

/** Kills the driver and its native driver, and removes its log; returns the log's end. */
function stopDriver() {
  if (!current) return "";
  const { child, log } = current;
  current = null;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
  let tail = "";
  try {
    tail = readFileSync(log, "utf8").split("\n").slice(-15).join("\n").trim();
  } catch {
    // no log written
  }
  rmSync(dirname(log), { recursive: true, force: true });
  return tail;
}

async function waitForPort(port, child) {
  for (let i = 0; i < 200; i += 1) {
    if (child.exitCode !== null) throw new Error(`e2e: tauri-driver exited with ${child.exitCode} (ECONNREFUSED)`);
    if (await accepts(port)) return;
    await sleep(50);
  }
  throw new Error(`e2e: tauri-driver did not listen on ${port} (timeout)`);
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

process.on("exit", () => {
  stopDriver();
});
