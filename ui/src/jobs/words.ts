// A job in a user's words: what kind of work, and its state as a sentence part ("scheduled,
// starts in 20 days", "cancelled", never "queued -1693492 s ago"). The API's states are
// pending, running, done, failed and cancelled (routes/jobs.py); a cancelled job is not a
// failure and reads so.
import type { Schemas } from "../api/client";
import { relative } from "../format";

export type Job = Schemas["Job"];

export const jobKind = (dagId: string): string =>
  dagId === "import"
    ? "Import"
    : dagId === "export" || dagId.startsWith("export_")
      ? "Export"
      : dagId.startsWith("restore")
        ? "Restore"
        : dagId === "backup_diff"
          ? "Compare"
          : dagId === "pg_dump_archive"
            ? "Archive"
            : dagId;

export type StateWords = { word: string; palette: string; when: string };

export const stateWords = (job: Job, now = Date.now()): StateWords => {
  const ahead = job.run_after ? new Date(job.run_after).getTime() > now : false;
  switch (job.state) {
    case "pending":
      return ahead
        ? { word: "scheduled", palette: "blue", when: `starts ${relative(job.run_after, now)}` }
        : { word: "waiting to start", palette: "blue", when: `asked ${relative(job.run_after, now)}` };
    case "running":
      return { word: "running", palette: "blue", when: `started ${relative(job.run_after, now)}` };
    case "done":
      return { word: "done", palette: "green", when: `ended ${relative(job.ended, now)}` };
    case "cancelled":
      return { word: "cancelled", palette: "gray", when: job.ended ? `cancelled ${relative(job.ended, now)}` : "" };
    case "failed":
      return { word: "failed", palette: "red", when: `ended ${relative(job.ended, now)}` };
    default:
      return { word: job.state, palette: "gray", when: relative(job.ended ?? job.run_after, now) };
  }
};
