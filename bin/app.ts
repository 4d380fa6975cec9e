#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { configFromContext } from '../lib/config/monitoring-config';
import { addComplianceChecks } from '../lib/compliance';
import { AgentMonitoringStack } from '../lib/stacks/agent-monitoring-stack';

const app = new App();
const config = configFromContext(app.node);
new AgentMonitoringStack(app, app.node.tryGetContext('stackName') ?? 'AgentMonitoring', {
  description: 'Production monitoring for an LLM agent on AWS Lambda',
  config,
});
addComplianceChecks(app);
