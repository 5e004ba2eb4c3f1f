export * from "./organizations";
export * from "./employees";
export * from "./workplaces";
export * from "./codes";
export * from "./access";
export * from "./audit";
export * from "./outbox";
export * from "./limits";
