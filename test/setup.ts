import { afterAll } from "vitest";
import { removeTempDirs } from "./helpers.js";

// Each test file's temporary folders go when its tests are done, not when the worker is killed.
afterAll(removeTempDirs);
