export { AgentAlarms, type AgentAlarmsProps } from './agent-alarms';
export type { SeverityTopics } from './alarm-factories';
