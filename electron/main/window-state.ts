import fs from 'node:fs';
import path from 'node:path';
import type { WindowBounds } from './window';

/** A screen's usable area (Electron's Display.workArea). */
export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MIN_WIDTH = 900;
export const MIN_HEIGHT = 600;
const MAX_SIDE = 20_000;
/** How much of the window's title bar must lie on a screen for the saved position to be used. */
const VISIBLE_MARGIN = 80;

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Turns whatever was saved into usable bounds (pure: unit-tested). Anything that is not a sane
 * object gives undefined (default size, centred). The size is clamped to the largest screen; the
 * position is kept only if the top of the window overlaps a screen's work area by enough to grab
 * it (a monitor that was unplugged would otherwise leave the window off-screen).
 */
export function sanitizeBounds(raw: unknown, workAreas: Area[]): WindowBounds | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const b = raw as Record<string, unknown>;
  if (!isInt(b.width) || !isInt(b.height) || b.width <= 0 || b.height <= 0 || b.width > MAX_SIDE || b.height > MAX_SIDE) return undefined;
  const maxW = Math.max(MIN_WIDTH, ...workAreas.map((a) => a.width));
  const maxH = Math.max(MIN_HEIGHT, ...workAreas.map((a) => a.height));
  const width = Math.round(Math.min(Math.max(b.width, MIN_WIDTH), maxW));
  const height = Math.round(Math.min(Math.max(b.height, MIN_HEIGHT), maxH));
  if (!isInt(b.x) || !isInt(b.y)) return { width, height };
  const x = Math.round(b.x);
  const y = Math.round(b.y);
  const titleBar = { x, y, width, height: 40 };
  const visible = workAreas.some((a) => overlap(titleBar, a) >= Math.min(VISIBLE_MARGIN, width) * 20);
  return visible ? { width, height, x, y } : { width, height };
}

function overlap(a: Area, b: Area): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Reads the saved window bounds; a missing, unreadable or invalid file gives undefined. */
export function readWindowState(file: string, workAreas: Area[]): WindowBounds | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  return sanitizeBounds(raw, workAreas);
}

/** Writes the bounds atomically (temp file + rename), so a crash never leaves half a file. Never throws. */
export function writeWindowState(file: string, bounds: WindowBounds): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ width: bounds.width, height: bounds.height, x: bounds.x, y: bounds.y }));
    fs.renameSync(tmp, file);
  } catch {
    // Remembering the size is a convenience; failing to is not an error worth showing.
  }
}
