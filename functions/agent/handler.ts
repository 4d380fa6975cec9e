import { Logger } from '@aws-lambda-powertools/logger';
import { loadAgentConfig } from './config';
import { createAgentHandler } from './create-handler';
import { agentOptionsFromConfig } from './dependencies';

/**
 * The agent Lambda's entry point. Configuration is read once per execution environment; a
 * bad setting fails the cold start with a message naming it.
 */
const config = loadAgentConfig();
const logger = new Logger({ serviceName: config.serviceName });

export const handler = createAgentHandler(agentOptionsFromConfig(config, { logger }));
