/**
 * The alarm fire-drill simulator: scenarios replayed in virtual time through the real agent
 * handler, monitoring wrapper and judge, with the catalog's alarms evaluated locally.
 */
export { runSimulation, DEFAULT_JUDGE_EVERY_MINUTES, type SimulationDetails, type SimulationOptions, type SimulationReport } from './run-simulation';
export type { SimulatedAlarm, SimulatedNotification, SimulationResult, SimulationSummary } from './result';
export { ScenarioError, MAX_DURATION_MINUTES, type ErrorProbabilities, type LatencySpec, type Phase, type Scenario, type TrafficProfile } from './scenario';
export { parseScenario } from './scenario-validation';
export { BUILTIN_SCENARIOS, isBuiltinScenario, loadScenario, type BuiltinScenarioName } from './scenario-loader';
export { BUILTIN_EXPECTATIONS, detectionTable, expectationFor, type IntendedAlarm, type ScenarioExpectation } from './builtin-expectations';
export { expectationProblems, measureDetection, type MeasuredDetection } from './expectation-check';
export { SIMULATED_ERROR_CATEGORIES } from './provider-errors';
export { DEFAULT_SIMULATION_SAMPLE_RATE, simulatorAlarmCatalog } from './simulation-world';
export { reportLines } from './report-text';
