// The password every seeded person signs in with, and others for tests that set new ones.
export const PASSWORD = "Violet-Harbor-Lantern-93";
export const NEW_PASSWORD = "Quiet-Meadow-Copper-58";

let fresh = 0;
/** A strong password never used before (the history policy refuses reuse). */
export const freshPassword = () => `Granite-Willow-${++fresh}-Comet-Tide`;
