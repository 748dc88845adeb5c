export { startStack, type RunningStack, type StackOptions } from './startStack.js';
export { prepareDatabase } from './prepareDatabase.js';
export { serviceNames, type ServiceName } from './services.js';
export { startServiceProcess, type ServiceProcess, type LineSink } from './serviceProcess.js';
export { writeStackState, readStackState, removeStackState, DEFAULT_STACK_STATE_FILE, type StackState } from './stackState.js';
export { reloadPolicies, formatReloadResults, type ReloadResult } from './reloadPolicies.js';
