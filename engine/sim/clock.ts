// The simulation's fixed step: every rate is per second and multiplied by this.
export const stepMs = 100;
export const stepS = stepMs / 1000;
