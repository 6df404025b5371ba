/**
 * Apache Airflow 2.x: scheduler, executor and task-runner messages. Content is the text after
 * the `[date] {file.py:line} LEVEL - ` header that Python's logging puts in front.
 */
import { columns, ev, mostly, num, type ProbeFamily, type Slot } from './family.ts';
import type { Rng } from './rng.ts';
import { pad } from './values.ts';

const DAGS = ['etl_orders_daily', 'sync_crm_contacts', 'ml_feature_refresh', 'reporting_weekly', 's3_archive_logs', 'dbt_run_marts', 'partner_feed_import'];
const TASKS = ['extract', 'transform', 'load', 'validate_counts', 'publish_report', 'cleanup_tmp', 'wait_for_upstream', 'run_dbt_models', 'train_model', 'notify_slack'];
const OPERATORS = ['PythonOperator', 'BashOperator', 'PostgresOperator', 'S3KeySensor', 'KubernetesPodOperator', 'EmptyOperator'];
const WORKERS = ['airflow-worker-0.airflow-worker.data.svc.cluster.local', 'airflow-worker-1.airflow-worker.data.svc.cluster.local', 'airflow-worker-2.airflow-worker.data.svc.cluster.local', 'etl-runner-7.int.example.net'];

const dag = (r: Rng): string => r.skewed(DAGS, 0.8);
const task = (r: Rng): string => r.skewed(TASKS, 0.7);

/** A logical date at midnight a few days back, as a Date. */
const logicalDate = (r: Rng): Date => {
  const d = r.now(-r.int(0, 3) * 86_400_000);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
};
const isoOffset = (d: Date, micros = false): string =>
  `${d.toISOString().slice(0, 19)}${micros ? `.${pad(d.getUTCMilliseconds(), 3)}${pad(Math.floor(d.getTime() % 997), 3)}` : ''}+00:00`;
const spaced = (d: Date, micros = true): string => isoOffset(d, micros).replace('T', ' ');
const compact = (d: Date): string => d.toISOString().slice(0, 19).replace(/[-:]/g, '');

const runId = (r: Rng): string =>
  r.sticky('run', () => (r.chance(0.85) ? `scheduled__${isoOffset(logicalDate(r))}` : `manual__${isoOffset(r.now(-r.int(60_000, 9_000_000)), true)}`), 8);
const tiRepr = (state: string) => (r: Rng): string => `<TaskInstance: ${dag(r)}.${task(r)} ${runId(r)} [${state}]>`;
const taskRepr = (r: Rng): string => `<Task(${r.skewed(OPERATORS)}): ${task(r)}>`;
const tiKey = (r: Rng): string => `TaskInstanceKey(dag_id='${dag(r)}', task_id='${task(r)}', run_id='${runId(r)}', try_number=${r.skewed([1, 2, 3])}, map_index=${r.chance(0.9) ? -1 : r.int(0, 11)})`;
/** A task's start and end: the start some minutes back, the end just now. */
const startCompact: Slot = (r) => compact(r.now(-r.int(120_000, 3_600_000)));
const endCompact: Slot = (r) => compact(r.now(-r.int(0, 60_000)));
const startSpaced: Slot = (r) => spaced(r.now(-r.int(120_000, 3_600_000)));
const endSpaced: Slot = (r) => spaced(r.now(-r.int(0, 60_000)));
const dateCompact: Slot = (r) => compact(logicalDate(r));
const dagFile: Slot = (r) => `/opt/airflow/dags/${dag(r)}.py`;
const pid: Slot = (r) => String(r.int(1200, 98000));
const seconds: Slot = (r) => r.fixed(0.2, 900, r.int(3, 6));
const dagRunRepr = (state: string): Slot => (r) => {
  const d = logicalDate(r);
  return `<DagRun ${dag(r)} @ ${spaced(d, false)}: ${runId(r)}, state:${state}, queued at: ${spaced(r.now(-r.int(60_000, 4_000_000)))}. externally triggered: ${r.chance(0.1) ? 'True' : 'False'}>`;
};
const sql: Slot = (r) =>
  r.pick([
    `SELECT id, customer_id, total FROM staging.orders WHERE order_date = '${logicalDate(r).toISOString().slice(0, 10)}'`,
    'DELETE FROM mart.daily_revenue WHERE day < now() - interval \'400 days\'',
    `INSERT INTO mart.daily_revenue (day, revenue) SELECT order_date, sum(total) FROM staging.orders GROUP BY order_date`,
    'VACUUM ANALYZE staging.orders',
    `CALL refresh_contacts(${r.int(1, 40)})`,
  ]);

export const airflow: ProbeFamily = {
  system: 'Airflow',
  about: 'Apache Airflow scheduler, executor and task logs; Content is the message after the logging header.',
  events: [
    ev(14, 'Dependencies all met for dep_context=<*> ti=<*>', mostly('non-requeueable deps', 'requeueable deps'), tiRepr('queued')),
    ev(7, 'Starting attempt <*> of <*>', mostly('1', '2', '3'), mostly('3', '1', '2', '5')),
    ev(7, 'Executing <*> on <*>', taskRepr, (r) => spaced(logicalDate(r), false)),
    ev(7, 'Started process <*> to run task', pid),
    ev(7, 'Running <*> on host <*>', tiRepr('running'), (r) => r.skewed(WORKERS)),
    ev(6, 'Marking task as SUCCESS. dag_id=<*>, task_id=<*>, execution_date=<*>, start_date=<*>, end_date=<*>', dag, task, dateCompact, startCompact, endCompact),
    ev(0.8, 'Marking task as UP_FOR_RETRY. dag_id=<*>, task_id=<*>, execution_date=<*>, start_date=<*>, end_date=<*>', dag, task, dateCompact, startCompact, endCompact),
    ev(0.3, 'Marking task as FAILED. dag_id=<*>, task_id=<*>, execution_date=<*>, start_date=<*>, end_date=<*>', dag, task, dateCompact, startCompact, endCompact),
    ev(6, 'Task exited with return code <*>', mostly('0', '1', '-9', '143')),
    ev(5, '<*> downstream tasks scheduled from follow-on schedule check', mostly('0', '1', '2', '3', '5')),
    ev(8, 'Sending <*> to executor with priority <*> and queue <*>', tiKey, num(1, 12), mostly('default', 'heavy', 'kubernetes')),
    ev(6, 'Adding to queue: <*>', (r) => {
      const d = dag(r);
      return `['airflow', 'tasks', 'run', '${d}', '${task(r)}', '${runId(r)}', '--local', '--subdir', 'DAGS_FOLDER/${d}.py']`;
    }),
    ev(7, 'Received executor event with state <*> for task instance <*>', mostly('success', 'queued', 'failed'), tiKey),
    ev(6, 'TaskInstance Finished: dag_id=<*>, task_id=<*>, run_id=<*>, map_index=<*>, run_start_date=<*>, run_end_date=<*>, run_duration=<*>, state=<*>, executor_state=<*>, try_number=<*>, max_tries=<*>, job_id=<*>, pool=<*>, queue=<*>, priority_weight=<*>, operator=<*>, queued_dttm=<*>, queued_by_job_id=<*>, pid=<*>',
      dag, task, runId, mostly('-1', '0', '3'), startSpaced, endSpaced, seconds, mostly('success', 'failed', 'up_for_retry'), mostly('success', 'failed'), mostly('1', '2', '3'), mostly('2', '3', '0'), (r) => String(r.int(41000, 48000)), mostly('default_pool', 'db_pool'), mostly('default', 'heavy', 'kubernetes'), num(1, 12), (r) => r.skewed(OPERATORS), startSpaced, mostly('1', '2'), pid),
    ev(3, 'Setting next_dagrun for <*> to <*>, run_after=<*>', dag, (r) => isoOffset(logicalDate(r)), (r) => isoOffset(new Date(logicalDate(r).getTime() + 86_400_000))),
    ev(2, 'Marking run <*> successful', dagRunRepr('running')),
    ev(0.3, 'Marking run <*> failed', dagRunRepr('running')),
    ev(2, 'DagRun Finished: dag_id=<*>, execution_date=<*>, run_id=<*>, run_start_date=<*>, run_end_date=<*>, run_duration=<*>, state=<*>, external_trigger=<*>, run_type=<*>, data_interval_start=<*>, data_interval_end=<*>, dag_hash=<*>',
      dag, (r) => spaced(logicalDate(r), false), runId, startSpaced, endSpaced, seconds, mostly('success', 'failed'), mostly('False', 'True'), mostly('scheduled', 'manual'), (r) => spaced(logicalDate(r), false), (r) => spaced(new Date(logicalDate(r).getTime() + 86_400_000), false), (r) => r.sticky('hash', () => r.hex(32), 5, 0.8)),
    ev(5, 'Filling up the DagBag from <*>', dagFile),
    ev(4, 'DAG <*> has <*>/<*> running and queued tasks', dag, num(0, 16), mostly('16', '32', '8')),
    ev(0.6, "Not executing <*> since the number of tasks running or queued from DAG <*> is >= to the DAG's max_active_tasks limit of <*>", tiRepr('scheduled'), dag, mostly('16', '8')),
    ev(1.5, 'Tmp dir root location: <*>', mostly('/tmp', '/opt/airflow/tmp')),
    ev(1.5, 'Running command: <*>', (r) => `['/usr/bin/bash', '-c', '${r.pick(['python /opt/jobs/export_orders.py', 'dbt run --select marts', '/opt/jobs/sync.sh --full', 'gsutil -m rsync -r /data/out gs://partner-drop/'])} --date ${logicalDate(r).toISOString().slice(0, 10)}']`),
    ev(1.5, 'Command exited with return code <*>', mostly('0', '1', '2')),
    ev(2, "Using connection ID '<*>' for task execution.", mostly('postgres_dwh', 'aws_default', 'slack_alerts', 'crm_api')),
    ev(1.5, 'Running statement: <*>, parameters: <*>', sql, (r) => (r.chance(0.7) ? 'None' : `{'day': '${logicalDate(r).toISOString().slice(0, 10)}'}`)),
    ev(1.5, 'Rows affected: <*>', (r) => String(r.logInt(1, 250000))),
    ev(2, 'Done. Returned value was: <*>', (r) => r.weighted([['None', 6], [String(r.int(0, 99999)), 2], [`s3://data-lake/exports/${dag(r)}/${compact(logicalDate(r))}.parquet`, 1]] as const)),
    ev(0.1, 'Exiting gracefully upon receiving signal <*>', mostly('15', '2')),
    ev(0.3, 'Adopting or resetting orphaned tasks for active dag runs'),
    ev(0.2, 'Heartbeat recovered after <*> seconds', (r) => r.fixed(10, 90, 2)),
    ev(2.5, 'Poking for key : <*>', (r) => `s3://landing-zone/${r.pick(['partner_a', 'partner_b', 'crm'])}/${logicalDate(r).toISOString().slice(0, 10)}/_SUCCESS`),
    ev(0.4, 'Success criteria met. Exiting.'),
    ev(0.15, 'Task is not able to be run'),
    ev(0.5, "Dependencies not met for <*>, dependency '<*>' FAILED: <*>", tiRepr('scheduled'),
      ...columns('dep', [
        ['Trigger Rule', "Task's trigger rule 'all_success' requires all upstream tasks to have succeeded, but found 1 non-success(es)."],
        ['Task Instance State', "Task is in the 'success' state."],
        ['Previous Dagrun State', 'depends_on_past is true for this task, but the previous task instance has not run yet.'],
        ['Trigger Rule', "Task's trigger rule 'all_success' requires all upstream tasks to have succeeded, but found 2 non-success(es)."],
      ])),
    ev(0.1, 'Timeout, PID: <*>', pid),
    ev(0.8, 'Sync <*> DAGs', num(1, 7)),
    ev(3, 'Trying to enqueue tasks: <*> for executor: <*>', (r) => `[${Array.from({ length: r.int(1, 3) }, () => tiRepr('scheduled')(r)).join(', ')}]`, mostly('CeleryExecutor(parallelism=32)', 'KubernetesExecutor(parallelism=16)')),
    ev(5, 'Executor reports execution of <*>.<*> run_id=<*> exited with status <*> for try_number <*>', dag, task, runId, mostly('success', 'failed', 'queued'), mostly('1', '2', '3')),
    ev(0.2, 'Deactivated <*> DAGs which are no longer present in file.', num(1, 3)),
    ev(1, 'Checking for new files in <*> every <*> seconds', mostly('/opt/airflow/dags', '/opt/airflow/plugins/dags'), mostly('300', '60')),
  ],
};
