/**
 * Stand-in for `@atlaskit/feature-gate-js-client/feature-gates` in the Custom UI bundles.
 *
 * Atlaskit components read Atlassian-internal feature gates through this client (Statsig, ~60 KB
 * gzipped). Inside a Forge app the client is never initialised, so every gate is off and every
 * experiment returns its default; this stub answers exactly that, without the weight.
 */
type Unsubscribe = () => void;
const noop = (): void => undefined;
const unsubscribe = (): Unsubscribe => noop;

const FeatureGates = {
  checkGate: (_gate: string): boolean => false,
  isGateExists: (_gate: string): boolean => false,
  isExperimentExists: (_experiment: string): boolean => false,
  getExperimentValue: <T>(_experiment: string, _parameter: string, defaultValue: T): T => defaultValue,
  getLayerValue: <T>(_layer: string, _parameter: string, defaultValue: T): T => defaultValue,
  getExperiment: () => ({ get: <T>(_p: string, defaultValue: T): T => defaultValue }),
  getLayer: () => ({ get: <T>(_p: string, defaultValue: T): T => defaultValue }),
  initializeCalled: (): boolean => false,
  initializeCompleted: (): boolean => false,
  waitUntilInitializeCompleted: (): Promise<void> => Promise.resolve(),
  hasCheckGateErrorOccurred: (): boolean => false,
  hasGetExperimentValueErrorOccurred: (): boolean => false,
  getDefaultPerimeter: (): string => 'commercial',
  getPackageVersion: (): string => '0.0.0-forge-stub',
  getTargetApp: (): string | undefined => undefined,
  manuallyLogGateExposure: noop,
  manuallyLogExperimentExposure: noop,
  manuallyLogLayerExposure: noop,
  onGateUpdated: unsubscribe,
  onExperimentValueUpdated: unsubscribe,
  onAnyUpdated: unsubscribe,
  getOverrides: () => ({ gates: {}, configs: {}, layers: {} }),
  setOverrides: noop,
  overrideGate: noop,
  clearGateOverride: noop,
  overrideConfig: noop,
  clearConfigOverride: noop,
  clearAllOverrides: noop,
  shutdownStatsig: noop,
  isCurrentUser: (): boolean => false,
};

export default FeatureGates;
