#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { AgentMonitoringStack } from '../lib/stacks/agent-monitoring-stack';

const app = new App();
new AgentMonitoringStack(app, app.node.tryGetContext('stackName') ?? 'AgentMonitoring', {
  description: 'Production monitoring for an LLM agent on AWS Lambda',
});
