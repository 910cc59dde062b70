import { EnvironmentalLimit } from './quantities';

export interface Room {
  id: string;
  code: string;
  name: string;
  kind: 'room' | 'zone';
  parentId: string | null;
  /** What is done here ("mass calibration", "high-voltage testing"). */
  activities: string[];
  /** Activities that must not share this space with what is done here. */
  excludedActivities: string[];
  /** Subject ids allowed in; an empty list means the room is not access-controlled. */
  accessList: string[];
  /** Conditions the room is kept within; readings outside raise excursions. */
  limits: EnvironmentalLimit[];
}

/**
 * separation of incompatible activities: no activity of a room (or of a zone within it)
 * may be one the room, its parent or its sibling zones exclude, and vice versa.
 */
export function separationBreaches(room: Pick<Room, 'activities' | 'excludedActivities'>, neighbours: Pick<Room, 'code' | 'activities' | 'excludedActivities'>[]): string[] {
  const breaches: string[] = [];
  for (const activity of room.activities) {
    if (room.excludedActivities.includes(activity)) breaches.push(`"${activity}" is excluded from this room itself`);
    for (const n of neighbours) if (n.excludedActivities.includes(activity)) breaches.push(`"${activity}" is excluded by ${n.code}`);
  }
  for (const n of neighbours) {
    for (const activity of n.activities) if (room.excludedActivities.includes(activity)) breaches.push(`${n.code} performs excluded "${activity}"`);
  }
  return breaches;
}

/** access: a controlled room admits only the subjects on its list. */
export function mayEnter(room: Pick<Room, 'accessList'>, subject: string): boolean {
  return room.accessList.length === 0 || room.accessList.includes(subject);
}
