import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    // Native modules (onnxruntime, hnswlib, better-sqlite3) are happiest in child processes.
    pool: "forks",
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
