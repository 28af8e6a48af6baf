// airvault's React app in Airflow's UI (the plugin's react_apps). Airflow import()s this
// bundle and takes each app's component from globalThis[<the app's name>]: one bundle, so one
// module evaluation, serves every destination, and each name is set here (the same names as
// plugins/airvault_plugin.py). React and Chakra UI are Airflow's own (see vite.config.ts).
import { BackupsPage } from "./pages/BackupsPage";
import { Dashboard } from "./pages/Dashboard";

export const APPS = {
  Backups: BackupsPage, // the nav page and the tab on a DAG's page (Airflow passes dagId)
  "Backup status": Dashboard, // the widget on Airflow's home page
} as const;

Object.assign(globalThis, APPS, { AirflowPlugin: BackupsPage });

export { BackupsPage, Dashboard };
