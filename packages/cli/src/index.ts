export { runCli, runCliCaptured, COMMANDS } from "./cli";
export type { Io } from "./command";
export { seedDemo, type DemoSeed } from "./demo/seedDemo";
