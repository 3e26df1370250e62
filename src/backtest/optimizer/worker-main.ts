// An optimizer worker thread: loads the strategy once, then runs the trials it is sent, one at a time.
import { parentPort, workerData } from 'node:worker_threads';
import { loadTrialStrategy, runTrial, type TrialSetup, type TrialTask } from './trial.ts';

const port = parentPort;
if (!port) throw new Error('the optimizer worker must run in a worker thread');
const setup = workerData as TrialSetup;
const strategy = await loadTrialStrategy(setup);
port.on('message', (task: TrialTask) => {
  void runTrial(strategy, setup, task).then((outcome) => port.postMessage(outcome));
});
port.postMessage({ ready: true });
