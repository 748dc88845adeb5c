export { startStack, type RunningStack, type StackOptions } from './startStack.js';
export { prepareDatabase } from './prepareDatabase.js';
export { serviceNames, type ServiceName } from './services.js';
export { startServiceProcess, type ServiceProcess, type LineSink } from './serviceProcess.js';
