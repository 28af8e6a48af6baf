// How times, sizes and ages read on the pages: UTC, as the rest of airvault says them.

export const when = (iso?: string | null): string => {
  if (!iso) return "-";
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
};

export const relative = (iso?: string | null, now = Date.now()): string => {
  if (!iso) return "-";
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const ahead = seconds > 0;
  const size = Math.abs(seconds);
  const [n, unit] =
    size >= 86400 ? [size / 86400, "day"] : size >= 3600 ? [size / 3600, "hour"] : size >= 60 ? [size / 60, "minute"] : [0, ""];
  if (!unit) return ahead ? "in a moment" : "just now";
  const count = Math.floor(n);
  const text = `${count} ${unit}${count === 1 ? "" : "s"}`;
  return ahead ? `in ${text}` : `${text} ago`;
};

export const hours = (h?: number | null): string =>
  h === null || h === undefined ? "-" : h < 1 / 60 ? "under a minute" : h < 1 ? `${Math.round(h * 60)} min` : h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} days`;

export const bytes = (n?: number | null): string => {
  if (n === null || n === undefined) return "-";
  const units = ["B", "KB", "MB", "GB", "TB"];
  let size = n;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return `${size.toFixed(unit ? 1 : 0)} ${units[unit]}`;
};

export const count = (n?: number | null): string => (n === null || n === undefined ? "-" : n.toLocaleString("en-US"));
