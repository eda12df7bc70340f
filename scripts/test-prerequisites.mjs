// npm test's first step: the Debian packages the tests need (shellcheck lints the generated
// scripts; Debian's chromium runs the web view's browser tests through playwright-core). Missing ones are installed when this runs as root with apt-get; otherwise the run
// stops at once, naming the exact command, rather than failing tests one by one.
import { spawnSync } from "node:child_process";

// `--fast` (npm run test:fast) leaves out the browser tests, so chromium isn't needed.
const NEEDED = [
  { command: "shellcheck", pkg: "shellcheck" },
  ...(process.argv.includes("--fast") ? [] : [{ command: "chromium", pkg: "chromium" }]),
];

const has = (command) => spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
const missing = NEEDED.filter((n) => !has(n.command));
if (missing.length) {
  const pkgs = missing.map((m) => m.pkg).join(" ");
  const root = typeof process.getuid === "function" && process.getuid() === 0;
  if (root && has("apt-get")) {
    console.error(`npm test: installing ${pkgs} (apt-get)`);
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    const update = spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    const install = update.status === 0 ? spawnSync("apt-get", ["install", "-y", "-qq", ...missing.map((m) => m.pkg)], { stdio: "inherit", env }) : update;
    if (install.status !== 0 || missing.some((m) => !has(m.command))) {
      console.error(`npm test: could not install ${pkgs}; run: sudo apt-get install -y ${pkgs}`);
      process.exit(1);
    }
  } else {
    console.error(`npm test needs ${pkgs}. Install it first: sudo apt-get install -y ${pkgs}`);
    process.exit(1);
  }
}
